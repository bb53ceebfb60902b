package scoring

import (
	"errors"
	"io"
	"time"

	"monev/questionnaire"
)

// STUB: replaced by the workbook work (issue 4).

// Report is everything the ranked workbook shows.
type Report struct {
	Generated  time.Time
	Instrument *questionnaire.Instrument
	Scores     []Score // every body, scored or not
	Ranking    Ranking
	Findings   []questionnaire.Finding // every finding of every file, sorted by file, sheet, cell
}

// WriteWorkbook writes the ranked workbook (.xlsx) to w.
func WriteWorkbook(w io.Writer, rep *Report) error { return errors.New("TODO") }
