package scoring

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"monev/questionnaire"
)

var (
	ratHundred = big.NewRat(100, 1)
	ratHalfCt  = big.NewRat(1, 200) // 0.005, half a hundredth
)

// Round rounds r half-up to hundredths, exactly: Round(89.995) is 9000 and
// Round(89.994999…) is 8999. Formally it is ⌊100·r + ½⌋ (so a negative half
// rounds towards +∞). Values beyond the range of a Figure saturate.
func Round(r *big.Rat) Figure {
	if r == nil {
		return 0
	}
	// ⌊(200·num + den) / (2·den)⌋; big.Int.Div is Euclidean, i.e. floor for a positive divisor.
	num := new(big.Int).Mul(r.Num(), big.NewInt(200))
	num.Add(num, r.Denom())
	den := new(big.Int).Mul(r.Denom(), big.NewInt(2))
	q := new(big.Int).Div(num, den)
	if !q.IsInt64() {
		if q.Sign() < 0 {
			return Figure(math.MinInt64)
		}
		return Figure(math.MaxInt64)
	}
	return Figure(q.Int64())
}

// String formats the figure as Indonesian readers expect, with a decimal
// comma and always two decimals: 9776 → "97,76", 9000 → "90,00", 0 → "0,00".
func (f Figure) String() string {
	v := int64(f)
	sign := ""
	u := uint64(v)
	if v < 0 {
		sign = "-"
		u = uint64(-(v + 1)) + 1 // safe for MinInt64
	}
	return sign + strconv.FormatUint(u/100, 10) + "," + twoDigits(u%100)
}

func twoDigits(n uint64) string {
	if n < 10 {
		return "0" + strconv.FormatUint(n, 10)
	}
	return strconv.FormatUint(n, 10)
}

// Float64 is the value for a spreadsheet number cell (exact to the hundredth when formatted "0.00").
func (f Figure) Float64() float64 { return float64(f) / 100 }

// Rat returns the figure as an exact rational, e.g. 8999 → 8999/100.
func (f Figure) Rat() *big.Rat { return big.NewRat(int64(f), 100) }

// Qualify returns the band a rounded score falls in: the band with
// Min ≤ value < Max, where the top band (the one with the largest Max, 100 in
// the KI bands) also includes its Max. It returns a pointer into inst.Bands,
// or nil when no band holds the value.
func Qualify(inst *questionnaire.Instrument, f Figure) *questionnaire.Band {
	if inst == nil {
		return nil
	}
	v := f.Rat()
	top := inst.TopBand()
	for i := range inst.Bands {
		b := &inst.Bands[i]
		lo, hi := b.Min.Rat(), b.Max.Rat()
		if lo.Cmp(v) <= 0 && (v.Cmp(hi) < 0 || (b == top && v.Cmp(hi) == 0)) {
			return b
		}
	}
	return nil
}

// ScoreResponse scores one Response. stages holds the later-stage scores
// (0–100) of this body by stage id; a stage absent from it (or nil) was not
// held for the body. Stage scores are not clamped: the caller validates their
// range. Entries for the saq stage or for ids that are not stages of the
// instrument are ignored. The Score's Item and Indicator pointers point into
// inst; the Answers are copied from r (a nil r scores as an empty sheet).
//
// The method. Every quantity is an exact rational number (math/big.Rat);
// nothing is rounded before step 6.
//
//	(1) Item points. M is the item's maximum points; the first rule that applies decides.
//	    a. The item is not in the sheet: 0, ReasonMissing.
//	    b. The answer is blank or not a valid value: 0, ReasonUnanswered.
//	    c. The verifier rejected the answer ("ditolak"): 0, ReasonRejected.
//	    d. By answer kind:
//	       ya_tidak  "Ya" earns M; "Tidak" earns 0, ReasonAnsweredNo.
//	       tingkat   the level whose label equals the answer earns Fraction × M;
//	                 Fraction 0 is ReasonAnsweredNo, Fraction below 1 ReasonPartial.
//	       jumlah    the answer is a count in digits; the tier with the largest
//	                 Min ≤ count earns its Points (at most M); no tier reached is 0,
//	                 ReasonAnsweredNo; Points below M is ReasonPartial.
//	    e. Evidence: an item that requires evidence and would earn more than 0 by d.
//	       but has no evidence earns 0, ReasonNoEvidence.
//	(2) All-or-nothing groups. The items sharing a non-empty group keep their
//	    points from step 1 only if every item of the group earns its maximum in
//	    step 1. Otherwise every item of the group earns 0; those that earned more
//	    than 0 in step 1 get ReasonGroupIncomplete, the others keep their reason.
//	(3) Indicator score = Earned ÷ Max × Weight, with Earned and Max the sums of
//	    the points and of the maxima of the indicator's items (Max = 0 scores 0).
//	(4) SAQ = Σ indicator scores (0–100).
//	(5) Final = Σ over the instrument's stages of Weight × StageScore ÷ 100, where
//	    the saq stage's StageScore is the SAQ. A later stage not held for the body:
//	    rule "saq_saja": the held stages' weights are renormalised,
//	                     Final = Σ_held Weight × StageScore ÷ Σ_held Weight
//	                     (SAQ 80 / presentasi 20, no presentasi: Final = SAQ);
//	    rule "nol":      the stage counts as 0: Final = Σ_held Weight × StageScore ÷ 100.
//	(6) Rounded = ⌊100 × Final + ½⌋ hundredths (half-up, once); Band = the band
//	    with Min ≤ Rounded < Max, the top band including 100.
//	(7) Fixes: for each item that earned less than its maximum, Gain = the exact
//	    increase of Final if that item alone earned its maximum; for an item of
//	    an incomplete group, the increase if every item of the group that fell
//	    short in step 1 earned its maximum (stated on each of those items).
//	    Gains of 0 are left out; the rest sorted by Gain descending, then
//	    instrument order.
//	(8) NextBand = the band above Band (none at the top);
//	    NextBandGain = max(0, NextBand.Min − 0.005 − Final), the smallest gain g
//	    with Round(Final + g) ≥ NextBand.Min (for a Min with two decimals at most).
func ScoreResponse(inst *questionnaire.Instrument, r *questionnaire.Response, u questionnaire.Unit, stages map[string]*big.Rat) Score {
	s := Score{Unit: u, Status: Scored}
	if r != nil {
		s.File = r.File
	}
	s.Stages = heldStages(inst, stages)

	// Steps 1 and 2: item points.
	s.Items = make([]ItemScore, len(inst.Items))
	for i := range inst.Items {
		it := &inst.Items[i]
		var a questionnaire.Answer
		present := false
		if r != nil {
			a, present = r.Answers[it.Code]
		}
		earned, reason := itemPoints(it, a, present)
		s.Items[i] = ItemScore{Item: it, Answer: a, Earned: earned, Max: it.MaxPoints.Rat(), Reason: reason}
	}
	incomplete := applyGroups(inst, s.Items)

	// Steps 3–6.
	s.Indicators, s.SAQ = indicatorScores(inst, s.Items)
	s.Final = finalScore(inst, s.SAQ, s.Stages)
	s.Rounded = Round(s.Final)
	s.Band = Qualify(inst, s.Rounded)
	s.NextBand = NextBand(inst, s.Band)
	if s.NextBand != nil {
		s.NextBandGain = GainToReach(s.Final, s.NextBand.Min.Rat())
	}

	// Step 7.
	s.Fixes = fixes(inst, &s, incomplete)
	return s
}

// NotSubmittedScore is the Score of a roster body that sent no sheet: Status
// NotSubmitted, scored as an empty sheet (every item 0 with ReasonMissing,
// SAQ = Final = 0, the band of 0,00, no later stage), File "" and no Fixes
// (the fix is to send the sheet). NextBand and NextBandGain are filled as for
// any score.
func NotSubmittedScore(inst *questionnaire.Instrument, u questionnaire.Unit) Score {
	s := ScoreResponse(inst, nil, u, nil)
	s.Status = NotSubmitted
	s.Fixes = nil
	return s
}

// UnscorableScore is the Score of a body that two or more different sheets
// claim: Status Unscorable, the figures of an empty sheet (as
// NotSubmittedScore), no Fixes, and File listing the claiming files in the
// order given, joined by "; ". It is never ranked (see Rank).
func UnscorableScore(inst *questionnaire.Instrument, u questionnaire.Unit, files []string) Score {
	s := NotSubmittedScore(inst, u)
	s.Status = Unscorable
	s.UnscorableReason = UnscorableDifferentSheets
	s.File = strings.Join(files, "; ")
	return s
}

// UnreadableScore is the Score of a roster body whose only file(s) could not
// be read: as UnscorableScore, with UnscorableReason UnscorableUnreadable.
func UnreadableScore(inst *questionnaire.Instrument, u questionnaire.Unit, files []string) Score {
	s := UnscorableScore(inst, u, files)
	s.UnscorableReason = UnscorableUnreadable
	return s
}

// heldStages copies the given later-stage scores of stages the instrument has.
func heldStages(inst *questionnaire.Instrument, stages map[string]*big.Rat) map[string]*big.Rat {
	held := map[string]*big.Rat{}
	for _, st := range inst.Stages {
		if st.ID == questionnaire.SAQStage {
			continue
		}
		if v, ok := stages[st.ID]; ok && v != nil {
			held[st.ID] = new(big.Rat).Set(v)
		}
	}
	return held
}

// itemPoints is step 1 for one item: its points on its own (before the group
// rule) and why it earned less than its maximum.
func itemPoints(it *questionnaire.Item, a questionnaire.Answer, present bool) (*big.Rat, Reason) {
	zero := new(big.Rat)
	if !present {
		return zero, ReasonMissing
	}
	if strings.TrimSpace(a.Value) == "" {
		return zero, ReasonUnanswered
	}
	if a.Verification == questionnaire.Rejected {
		return zero, ReasonRejected
	}
	max := it.MaxPoints.Rat()
	var earned *big.Rat
	reason := ReasonFull
	switch it.Kind {
	case questionnaire.KindYesNo:
		switch a.Value {
		case questionnaire.Yes:
			earned = max
		case questionnaire.No:
			return zero, ReasonAnsweredNo
		default:
			return zero, ReasonUnanswered
		}
	case questionnaire.KindLevel:
		lv := findLevel(it, a.Value)
		if lv == nil {
			return zero, ReasonUnanswered
		}
		f := lv.Fraction.Rat()
		if f.Sign() <= 0 {
			return zero, ReasonAnsweredNo
		}
		if f.Cmp(big.NewRat(1, 1)) > 0 {
			f.SetInt64(1)
		}
		earned = f.Mul(f, max)
	case questionnaire.KindCount:
		n, ok := parseCount(a.Value)
		if !ok {
			return zero, ReasonUnanswered
		}
		t := reachedTier(it, n)
		if t == nil || t.Points.Sign() <= 0 {
			return zero, ReasonAnsweredNo
		}
		earned = t.Points.Rat()
		if earned.Cmp(max) > 0 {
			earned = max
		}
	default:
		return zero, ReasonUnanswered
	}
	if earned.Sign() <= 0 {
		return zero, ReasonFull // an item worth 0 points loses nothing
	}
	if earned.Cmp(max) < 0 {
		reason = ReasonPartial
	}
	if it.EvidenceRequired && strings.TrimSpace(a.Evidence) == "" {
		return zero, ReasonNoEvidence
	}
	return earned, reason
}

// findLevel returns the level whose label equals v, or nil.
func findLevel(it *questionnaire.Item, v string) *questionnaire.Level {
	for i := range it.Levels {
		if it.Levels[i].Label == v {
			return &it.Levels[i]
		}
	}
	return nil
}

// parseCount reads a count written in ASCII digits. A count too large for
// int64 is taken as the largest int64 (it reaches every tier).
func parseCount(v string) (int64, bool) {
	if v == "" {
		return 0, false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return math.MaxInt64, true
	}
	return n, true
}

// reachedTier is the tier with the largest Min ≤ n (tiers need not be sorted).
func reachedTier(it *questionnaire.Item, n int64) *questionnaire.Tier {
	var best *questionnaire.Tier
	for i := range it.Tiers {
		t := &it.Tiers[i]
		if t.Min <= n && (best == nil || t.Min > best.Min) {
			best = t
		}
	}
	return best
}

// groupsOf lists the members (item indexes) of each all-or-nothing group,
// in order of first appearance.
func groupsOf(inst *questionnaire.Instrument) [][]int {
	var gs [][]int
	idx := map[string]int{}
	for i, it := range inst.Items {
		if it.Group == "" {
			continue
		}
		k, ok := idx[it.Group]
		if !ok {
			k = len(gs)
			idx[it.Group] = k
			gs = append(gs, nil)
		}
		gs[k] = append(gs[k], i)
	}
	return gs
}

// applyGroups is step 2. It zeroes the items of every incomplete group and
// returns, for each item index of an incomplete group, whether that item
// fell short of its maximum on its own.
func applyGroups(inst *questionnaire.Instrument, items []ItemScore) map[int]bool {
	incomplete := map[int]bool{}
	for _, members := range groupsOf(inst) {
		complete := true
		for _, i := range members {
			complete = complete && items[i].Earned.Cmp(items[i].Max) >= 0
		}
		if complete {
			continue
		}
		for _, i := range members {
			incomplete[i] = items[i].Earned.Cmp(items[i].Max) < 0 // before zeroing
			if items[i].Earned.Sign() > 0 {
				items[i].Earned = new(big.Rat)
				items[i].Reason = ReasonGroupIncomplete
			}
		}
	}
	return incomplete
}

// indicatorScores is steps 3 and 4 for the item points (items in instrument order).
func indicatorScores(inst *questionnaire.Instrument, items []ItemScore) ([]IndicatorScore, *big.Rat) {
	out := make([]IndicatorScore, len(inst.Indicators))
	pos := map[string]int{}
	for k := range inst.Indicators {
		out[k] = IndicatorScore{Indicator: &inst.Indicators[k], Earned: new(big.Rat), Max: new(big.Rat), Score: new(big.Rat)}
		pos[inst.Indicators[k].Code] = k
	}
	for _, is := range items {
		k, ok := pos[is.Item.Indicator]
		if !ok {
			continue // validation rejects an item of an unknown indicator
		}
		out[k].Earned.Add(out[k].Earned, is.Earned)
		out[k].Max.Add(out[k].Max, is.Max)
	}
	saq := new(big.Rat)
	for k := range out {
		if out[k].Max.Sign() > 0 {
			out[k].Score.Quo(out[k].Earned, out[k].Max)
			out[k].Score.Mul(out[k].Score, out[k].Indicator.Weight.Rat())
		}
		saq.Add(saq, out[k].Score)
	}
	return out, saq
}

// finalScore is step 5. held holds the later stages held for the body.
// Final = Σ Weight × StageScore ÷ Σ Weight over the stages counted: the
// stages held (rule saq_saja), or every stage with a missing one as 0 (rule
// nol, where Σ Weight is 100). Should an instrument have no stages, or the
// stages counted weigh nothing, the final score is the SAQ score.
func finalScore(inst *questionnaire.Instrument, saq *big.Rat, held map[string]*big.Rat) *big.Rat {
	sum := new(big.Rat)     // Σ Weight × StageScore over the stages counted
	weights := new(big.Rat) // Σ Weight over the stages counted
	for _, st := range inst.Stages {
		w := st.Weight.Rat()
		v := saq
		if st.ID != questionnaire.SAQStage {
			h, ok := held[st.ID]
			switch {
			case ok:
				v = h
			case inst.MissingStage == questionnaire.MissingStageZero:
				v = new(big.Rat) // counts as 0 with its weight
			default:
				continue // not counted: the held stages' weights are renormalised
			}
		}
		sum.Add(sum, new(big.Rat).Mul(w, v))
		weights.Add(weights, w)
	}
	if weights.Sign() == 0 {
		return new(big.Rat).Set(saq)
	}
	return sum.Quo(sum, weights)
}
