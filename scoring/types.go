// Package scoring turns Responses into Scores (item points, indicator scores,
// SAQ and final score, qualification), ranks them, says what to fix, and
// writes the ranked workbook. Arithmetic is exact (math/big) and rounding
// happens once, at the end, half-up to two decimals.
package scoring

import (
	"math/big"

	"monev/questionnaire"
)

// Figure is a published score in hundredths, rounded half-up: 8999 is 89,99.
type Figure int64

// Reason says why an item earned less than its maximum ("" when it earned it all).
type Reason string

const (
	ReasonFull            Reason = ""
	ReasonMissing         Reason = "butir-tidak-ada"        // the item's row is not in the sheet
	ReasonUnanswered      Reason = "tidak-dijawab"          // blank or invalid answer
	ReasonAnsweredNo      Reason = "dijawab-tidak"          // "Tidak", the lowest level, or a count below the first tier
	ReasonPartial         Reason = "sebagian"               // a level or tier below the top
	ReasonNoEvidence      Reason = "tanpa-bukti"            // evidence required but none given
	ReasonRejected        Reason = "ditolak-verifikator"    // the verifier rejected the answer
	ReasonGroupIncomplete Reason = "kelompok-tidak-lengkap" // another item of its all-or-nothing group is incomplete
)

// Status is a body's participation.
type Status int

const (
	Scored       Status = iota + 1 // a readable sheet was scored
	NotSubmitted                   // on the roster, no sheet: "tidak mengisi"
	// Unscorable: the body sent something that cannot be scored ("tidak
	// dapat dinilai"): two or more different sheets claim it, or its only
	// file(s) could not be read (see UnscorableReason). Nothing is scored and
	// the body is never ranked. Its Score has the zero figures of an empty
	// sheet and File lists every file concerned.
	Unscorable
)

// UnscorableReason says why a body is Unscorable. Its zero value means no
// reason was recorded; it is then read as UnscorableDifferentSheets.
type UnscorableReason int

const (
	// UnscorableDifferentSheets: two or more different sheets claim the body.
	UnscorableDifferentSheets UnscorableReason = iota + 1
	// UnscorableUnreadable: the body's file(s), recognised by the template
	// file name, could not be read as a questionnaire of the instrument in use
	// (damaged, truncated, old .xls, another instrument…): ask for a resend.
	UnscorableUnreadable
)

// ItemScore is what one item earned.
type ItemScore struct {
	Item   *questionnaire.Item
	Answer questionnaire.Answer // zero value when the item is not in the sheet
	Earned *big.Rat             // points, 0 ≤ Earned ≤ Max
	Max    *big.Rat
	Reason Reason
}

// IndicatorScore is one indicator's share of the SAQ score.
type IndicatorScore struct {
	Indicator *questionnaire.Indicator
	Earned    *big.Rat // sum of item points
	Max       *big.Rat // sum of item maxima
	Score     *big.Rat // Earned / Max × Weight, 0 ≤ Score ≤ Weight
}

// Fix is an item that lost points, with what answering it fully would add to
// the final score.
type Fix struct {
	Item   *questionnaire.Item
	Reason Reason
	Gain   *big.Rat // points of the final score
}

// Score is one body's result.
type Score struct {
	Unit       questionnaire.Unit
	File       string // "" when NotSubmitted; the files concerned joined by "; " when Unscorable
	Status     Status
	Items      []ItemScore         // in instrument order
	Indicators []IndicatorScore    // in instrument order
	SAQ        *big.Rat            // exact, 0–100
	Stages     map[string]*big.Rat // later-stage scores given (exact, 0–100), by stage id; absent = not held
	Final      *big.Rat            // exact, 0–100
	Rounded    Figure              // Final rounded half-up to hundredths
	Band       *questionnaire.Band // qualification, taken from Rounded
	Fixes      []Fix               // sorted by Gain descending, then item order
	// NextBand is the next band up (nil in the top band) and NextBandGain the
	// smallest gain in the final score that reaches it once rounded.
	NextBand     *questionnaire.Band
	NextBandGain *big.Rat
	// UnscorableReason says why, when Status is Unscorable.
	UnscorableReason UnscorableReason
}

// Entry is one line of a ranking.
type Entry struct {
	Rank  int // equal Rounded scores share a rank: 1, 2, 2, 4
	Score *Score
}

// Ranking is the overall ranking and one per category.
type Ranking struct {
	Overall    []Entry
	Categories []CategoryRanking // in the instrument's category order, then any others by name
	Unranked   []*Score          // Unscorable bodies, and NotSubmitted ones when the instrument says so
}

// CategoryRanking is the ranking within one category.
type CategoryRanking struct {
	Category string
	Entries  []Entry
}
