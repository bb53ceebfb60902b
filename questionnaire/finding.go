package questionnaire

import (
	"fmt"
	"sort"
)

// Severity says whether a finding stops an item or a file from being scored.
type Severity int

const (
	// Warning: scored, but suspicious; the operator should look.
	Warning Severity = iota + 1
	// Error: the item (or the whole file) cannot be scored as it is.
	Error
)

// String is the Indonesian word shown to users.
func (s Severity) String() string {
	switch s {
	case Error:
		return "galat"
	case Warning:
		return "peringatan"
	}
	return "?"
}

// Code is the stable identifier of a kind of finding. Codes never change
// meaning between releases; analysts filter on them.
type Code string

// Finding is one problem found in a filled sheet (or in a file that could not
// be read), located as precisely as possible, with a message an operator can
// act on: where, what rule was broken, how to fix it.
type Finding struct {
	File     string   // path of the file as given on the command line
	Sheet    string   // sheet name, "" for the whole file
	Cell     string   // A1-style cell, "" for the whole sheet or file
	Item     string   // item code, "" if not about one item
	Code     Code     // stable code
	Severity Severity //
	Message  string   // Indonesian: what is wrong
	Fix      string   // Indonesian: how to fix it
}

// Location is "file › sheet!cell", as much of it as is known.
func (f Finding) Location() string {
	loc := f.File
	if f.Sheet != "" {
		loc += " › " + f.Sheet
		if f.Cell != "" {
			loc += "!" + f.Cell
		}
	}
	return loc
}

// String renders the finding on one line, location first (pyxform style).
func (f Finding) String() string {
	s := fmt.Sprintf("%s: %s [%s] %s", f.Location(), f.Severity, f.Code, f.Message)
	if f.Fix != "" {
		s += " Perbaikan: " + f.Fix
	}
	return s
}

// HasErrors reports whether any finding is an Error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// SortFindings orders findings the way people read them: by file, sheet,
// row, column (so B9 < B10 < AA10), code, item code (1.2 < 1.10) and message.
// The order never depends on the order in which findings were made.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		ac, ar, _ := splitRef(a.Cell)
		bc, br, _ := splitRef(b.Cell)
		if ar != br {
			return ar < br
		}
		if ac != bc {
			return ac < bc
		}
		if a.Cell != b.Cell {
			return a.Cell < b.Cell
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Item != b.Item {
			return itemLess(a.Item, b.Item)
		}
		return a.Message < b.Message
	})
}
