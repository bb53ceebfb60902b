package questionnaire

import (
	"errors"
	"io"
)

// STUB: replaced by the loader work (issue 2).

// Problem is one violation found in an instrument file.
type Problem struct {
	Line, Column int    // 1-based; 0 when unknown
	Path         string // YAML path, e.g. "$.butir[3].poin"
	Message      string // Indonesian
	Fix          string // Indonesian
}

// ValidationError lists every problem of an instrument at once.
type ValidationError struct {
	File     string
	Problems []Problem
}

func (e *ValidationError) Error() string { return "instrumen tidak sah" }

// Parse reads and validates an instrument from YAML. name is used in messages.
func Parse(name string, data []byte) (*Instrument, error) { return nil, errors.New("TODO") }

// Load reads and validates an instrument file.
func Load(path string) (*Instrument, error) { return nil, errors.New("TODO") }

// Default returns the embedded default instrument (a fresh copy).
func Default() *Instrument { return &Instrument{} }

// Validate checks a built instrument (as Parse does), for instruments made in code.
func (in *Instrument) Validate() error { return nil }

// Fingerprint is a short stable hash of everything that affects answering and
// scoring (codes, questions, kinds, points, levels, tiers, weights, bands).
func (in *Instrument) Fingerprint() string { return "" }

// Export writes the instrument as YAML that Parse reads back to an equal instrument.
func (in *Instrument) Export(w io.Writer) error { return errors.New("TODO") }
