package scoring

import "monev/questionnaire"

// STUB: replaced by the scoring work (issue 2).

// Rank ranks scores overall and per category, deterministically.
func Rank(inst *questionnaire.Instrument, scores []Score) Ranking { return Ranking{} }
