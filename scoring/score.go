package scoring

import (
	"math/big"

	"monev/questionnaire"
)

// STUB: replaced by the scoring work (issue 2).

// Round rounds half-up to hundredths.
func Round(r *big.Rat) Figure { return 0 }

// String formats as Indonesian readers expect: "89,99".
func (f Figure) String() string { return "" }

// Float64 is the value for a spreadsheet number cell (exact to the hundredth when formatted "0.00").
func (f Figure) Float64() float64 { return float64(f) / 100 }

// Qualify returns the band a rounded score falls in.
func Qualify(inst *questionnaire.Instrument, f Figure) *questionnaire.Band { return nil }

// ScoreResponse scores one Response. stages holds later-stage scores (0–100)
// by stage id for this body; a stage absent from it was not held for the body.
func ScoreResponse(inst *questionnaire.Instrument, r *questionnaire.Response, u questionnaire.Unit, stages map[string]*big.Rat) Score {
	return Score{}
}

// NotSubmittedScore is the Score of a roster body that sent no sheet.
func NotSubmittedScore(inst *questionnaire.Instrument, u questionnaire.Unit) Score { return Score{} }
