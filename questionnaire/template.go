package questionnaire

import (
	"errors"
	"io"
)

// STUB: replaced by the template work (issue 3).

// WriteTemplate writes a blank questionnaire workbook for one unit.
func WriteTemplate(w io.Writer, inst *Instrument, u Unit) error { return errors.New("TODO") }

// TemplateFileName is a safe file name for a unit's template, e.g. "SAQ-Kecamatan-Sakra-Timur.xlsx".
func TemplateFileName(u Unit) string { return "" }

// ReadRoster reads a list of units from a .csv or .xlsx file with columns nama,kategori.
func ReadRoster(path string) ([]Unit, error) { return nil, errors.New("TODO") }
