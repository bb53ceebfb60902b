package scoring

import (
	"fmt"
	"math/big"
	"testing"

	"monev/questionnaire"
)

// fixInst: stages SAQ 80 / presentasi 20.
//
//	indicator 1, weight 60: 1.1 Ya/Tidak 2, 1.2 Ya/Tidak 4, 1.3 tingkat 4   (max 10)
//	indicator 2, weight 40: 2.1 Ya/Tidak 1 (evidence), 2.2 Ya/Tidak 1 (group G),
//	                        2.3 Ya/Tidak 2 (group G, evidence), 2.4 Ya/Tidak 1 (max 5)
func fixInst() *questionnaire.Instrument {
	return newInst(
		[]questionnaire.Indicator{ind("1", "60"), ind("2", "40")},
		[]questionnaire.Item{
			yesNo("1.1", "2", false), yesNo("1.2", "4", false), level("1.3", "4", false),
			yesNo("2.1", "1", true), grouped(yesNo("2.2", "1", false), "G"), grouped(yesNo("2.3", "2", true), "G"), yesNo("2.4", "1", false),
		},
		stage("saq", "80"), stage("presentasi", "20"),
	)
}

type wantFix struct {
	code   string
	reason Reason
	gain   string
}

func TestFixes(t *testing.T) {
	base := func() map[string]questionnaire.Answer {
		return map[string]questionnaire.Answer{
			"1.1": ans("Ya", ""),       // 2 of 2
			"1.2": ans("Tidak", ""),    // 0 of 4
			"1.3": ans("Sebagian", ""), // 2 of 4
			"2.1": ans("Ya", ""),       // 0: no evidence
			"2.2": ans("Ya", ""),       // 1 on its own, 0 because 2.3 is incomplete
			"2.3": ans("Ya", ""),       // 0: no evidence
			"2.4": ans("Ya", ""),       // 1 of 1
		}
	}
	tests := []struct {
		name     string
		edit     func(map[string]questionnaire.Answer)
		stages   map[string]string
		final    string
		rounded  string
		fixes    []wantFix
		next     string
		nextGain string
	}{
		{
			// Indicator 1: 4/10 × 60 = 24; indicator 2: 1/5 × 40 = 8; SAQ = 32.
			// Final = 0.8 × 32 + 0.2 × 50 = 25.6 + 10 = 35.6.
			// Gains (× 0.8 for the SAQ weight):
			//   1.2: +4 of 10 × 60 = 24 → 19.2
			//   2.3: completes G, +1 (2.2) +2 (2.3) = 3 of 5 × 40 = 24 → 19.2
			//   1.3: +2 of 10 × 60 = 12 → 9.6
			//   2.1: +1 of 5 × 40 = 8 → 6.4
			// 2.2 is complete on its own: no fix. 1.2 before 2.3 on the tie (instrument order).
			name: "presentasi held", edit: func(map[string]questionnaire.Answer) {}, stages: map[string]string{"presentasi": "50"},
			final: "35.6", rounded: "35,60",
			fixes: []wantFix{{"1.2", ReasonAnsweredNo, "19.2"}, {"2.3", ReasonNoEvidence, "19.2"}, {"1.3", ReasonPartial, "9.6"}, {"2.1", ReasonNoEvidence, "6.4"}},
			// 40 − 0.005 − 35.6 = 4.395
			next: "Kurang Informatif", nextGain: "4.395",
		},
		{
			// No presentasi, saq_saja: Final = SAQ = 32, gains are the SAQ gains.
			name: "presentasi not held", edit: func(map[string]questionnaire.Answer) {},
			final: "32", rounded: "32,00",
			fixes: []wantFix{{"1.2", ReasonAnsweredNo, "24"}, {"2.3", ReasonNoEvidence, "24"}, {"1.3", ReasonPartial, "12"}, {"2.1", ReasonNoEvidence, "8"}},
			// 40 − 0.005 − 32 = 7.995
			next: "Kurang Informatif", nextGain: "7.995",
		},
		{
			// 2.2 answered Tidak too: both 2.2 and 2.3 are short; completing both
			// gives +3 of 5 × 40 = 24 → 19.2, stated on each.
			name: "two short items in a group",
			edit: func(a map[string]questionnaire.Answer) { a["2.2"] = ans("Tidak", "") }, stages: map[string]string{"presentasi": "50"},
			final: "35.6", rounded: "35,60",
			fixes: []wantFix{{"1.2", ReasonAnsweredNo, "19.2"}, {"2.2", ReasonAnsweredNo, "19.2"}, {"2.3", ReasonNoEvidence, "19.2"}, {"1.3", ReasonPartial, "9.6"}, {"2.1", ReasonNoEvidence, "6.4"}},
			next:  "Kurang Informatif", nextGain: "4.395",
		},
		{
			// Everything full but 1.3 at 3 of 4 (Sebagian besar) and the group complete:
			// indicator 1: 9/10 × 60 = 54; indicator 2: 5/5 × 40 = 40; SAQ = 94.
			// Final = 0.8 × 94 + 0.2 × 90 = 75.2 + 18 = 93.2 → Informatif, top band.
			// 1.3: +1 of 10 × 60 = 6 → 4.8.
			name: "top band",
			edit: func(a map[string]questionnaire.Answer) {
				a["1.2"] = ans("Ya", "")
				a["1.3"] = ans("Sebagian besar", "")
				a["2.1"] = ans("Ya", link)
				a["2.3"] = ans("Ya", link)
			},
			stages: map[string]string{"presentasi": "90"},
			final:  "93.2", rounded: "93,20",
			fixes: []wantFix{{"1.3", ReasonPartial, "4.8"}},
		},
		{
			// Rejected 1.1 and missing 2.4: indicator 1: 2/10 × 60 = 12 (1.3);
			// indicator 2: 0; SAQ = 12; Final = 0.8 × 12 + 0.2 × 50 = 19.6.
			//   1.2 19.2; 2.3 19.2 (G = 2.2 + 2.3); 1.3 9.6;
			//   1.1: +2 of 10 × 60 = 12 → 9.6; 2.1 6.4; 2.4: +1 of 5 × 40 = 8 → 6.4.
			name: "rejected and missing",
			edit: func(a map[string]questionnaire.Answer) {
				a["1.1"] = questionnaire.Answer{Value: "Ya", Verification: questionnaire.Rejected}
				delete(a, "2.4")
			},
			stages: map[string]string{"presentasi": "50"},
			final:  "19.6", rounded: "19,60",
			fixes: []wantFix{
				{"1.2", ReasonAnsweredNo, "19.2"}, {"2.3", ReasonNoEvidence, "19.2"},
				{"1.1", ReasonRejected, "9.6"}, {"1.3", ReasonPartial, "9.6"},
				{"2.1", ReasonNoEvidence, "6.4"}, {"2.4", ReasonMissing, "6.4"},
			},
			// 40 − 0.005 − 19.6 = 20.395
			next: "Kurang Informatif", nextGain: "20.395",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inst := fixInst()
			a := base()
			tc.edit(a)
			given := map[string]*big.Rat{}
			for k, v := range tc.stages {
				given[k] = rat(t, v)
			}
			s := ScoreResponse(inst, resp("f.xlsx", a), questionnaire.Unit{Name: "X"}, given)
			ratEq(t, "Final", s.Final, tc.final)
			if s.Rounded.String() != tc.rounded {
				t.Errorf("Rounded = %s, want %s", s.Rounded, tc.rounded)
			}
			if len(s.Fixes) != len(tc.fixes) {
				t.Errorf("got %d fixes, want %d", len(s.Fixes), len(tc.fixes))
			}
			for i := 0; i < len(s.Fixes) && i < len(tc.fixes); i++ {
				f, w := s.Fixes[i], tc.fixes[i]
				if f.Item.Code != w.code || f.Reason != w.reason {
					t.Errorf("fix %d = %s %q, want %s %q", i, f.Item.Code, f.Reason, w.code, w.reason)
				}
				ratEq(t, "Gain "+f.Item.Code, f.Gain, w.gain)
			}
			if tc.next == "" {
				if s.NextBand != nil || s.NextBandGain != nil {
					t.Errorf("NextBand = %s, gain %s; want none at the top", bandLabel(s.NextBand), ratStr(s.NextBandGain))
				}
				return
			}
			if bandLabel(s.NextBand) != tc.next {
				t.Errorf("NextBand = %s, want %s", bandLabel(s.NextBand), tc.next)
			}
			ratEq(t, "NextBandGain", s.NextBandGain, tc.nextGain)
			checkGainIsSmallest(t, s.Final, s.NextBandGain, s.NextBand)
		})
	}
}

// checkGainIsSmallest: Round(Final + g) reaches the band, Round(Final + g − ε) does not.
func checkGainIsSmallest(t *testing.T, final, g *big.Rat, next *questionnaire.Band) {
	t.Helper()
	min := Round(next.Min.Rat())
	at := new(big.Rat).Add(final, g)
	if Round(at) < min {
		t.Errorf("Round(Final + gain) = %s < %s", Round(at), min)
	}
	if g.Sign() > 0 {
		below := new(big.Rat).Sub(at, big.NewRat(1, 1_000_000_000))
		if Round(below) >= min {
			t.Errorf("Round(Final + gain − 1e-9) = %s already reaches %s", Round(below), min)
		}
	}
}

func TestGainToReach(t *testing.T) {
	tests := []struct{ final, min, want string }{
		{"89.99", "90", "0.005"},    // 90 − 0.005 − 89.99
		{"89.994", "90", "0.001"},   // 90 − 0.005 − 89.994
		{"89.995", "90", "0"},       // already rounds to 90,00
		{"85", "90", "4.995"},       // 90 − 0.005 − 85
		{"0", "40", "39.995"},       // 40 − 0.005
		{"130/3", "60", "9997/600"}, // 11999/200 − 130/3 = (35997 − 26000)/600
		{"60", "66.667", "6.665"},   // smallest figure ≥ 66.667 is 66.67: 66.67 − 0.005 − 60
		{"95", "90", "0"},           // above: never negative
	}
	for _, tc := range tests {
		g := GainToReach(rat(t, tc.final), rat(t, tc.min))
		ratEq(t, "GainToReach("+tc.final+", "+tc.min+")", g, tc.want)
		if g.Sign() > 0 {
			checkGainIsSmallest(t, rat(t, tc.final), g, &questionnaire.Band{Min: dec(tc.min)})
		}
	}
}

func TestNextBand(t *testing.T) {
	inst := newInst(nil, nil)
	tests := []struct {
		f    Figure
		want string
	}{
		{0, "Kurang Informatif"}, {3999, "Kurang Informatif"}, {4000, "Cukup Informatif"},
		{7999, "Menuju Informatif"}, {8999, "Informatif"}, {9000, "<nil>"}, {10000, "<nil>"},
	}
	for _, tc := range tests {
		if got := bandLabel(NextBand(inst, Qualify(inst, tc.f))); got != tc.want {
			t.Errorf("NextBand(%s) = %s, want %s", tc.f, got, tc.want)
		}
	}
	if NextBand(inst, nil) != nil {
		t.Errorf("NextBand(nil) != nil")
	}
}

// bruteGain is the definition of a fix's gain, computed the slow way: set the
// items at idx (and, for a group, every item of the group) to their maximum,
// score the sheet again from the indicators up, and subtract.
func bruteGain(inst *questionnaire.Instrument, s *Score, idx int) *big.Rat {
	items := append([]ItemScore(nil), s.Items...)
	g := items[idx].Item.Group
	for i := range items {
		if i == idx || (g != "" && items[i].Item.Group == g) {
			items[i].Earned = items[i].Max
		}
	}
	saq := new(big.Rat)
	for _, ind := range inst.Indicators {
		earned, max := new(big.Rat), new(big.Rat)
		for _, is := range items {
			if is.Item.Indicator == ind.Code {
				earned.Add(earned, is.Earned)
				max.Add(max, is.Max)
			}
		}
		if max.Sign() > 0 {
			saq.Add(saq, new(big.Rat).Mul(new(big.Rat).Quo(earned, max), ind.Weight.Rat()))
		}
	}
	f := finalScore(inst, saq, s.Stages)
	return f.Sub(f, s.Final)
}

// TestFixGainsOnDefaultInstrument checks every fix gain against bruteGain on
// the default instrument, for bodies from nothing answered to all answered,
// with and without a presentasi, under both missing-stage rules.
func TestFixGainsOnDefaultInstrument(t *testing.T) {
	for _, rule := range []questionnaire.MissingStageRule{questionnaire.MissingStageSAQOnly, questionnaire.MissingStageZero} {
		inst := questionnaire.Default()
		inst.MissingStage = rule
		rep := synthReport(40)
		for k := range rep.Scores {
			old := &rep.Scores[k]
			if old.Status != Scored {
				continue
			}
			answers := map[string]questionnaire.Answer{}
			for _, is := range old.Items {
				if is.Answer.Item != "" {
					answers[is.Item.Code] = is.Answer
				}
			}
			s := ScoreResponse(inst, resp(old.File, answers), old.Unit, old.Stages)
			seen := map[string]bool{}
			for _, fx := range s.Fixes {
				seen[fx.Item.Code] = true
				i := itemIndex(inst, fx.Item.Code)
				ratEq(t, fmt.Sprintf("%s %s gain of %s", rule, s.Unit.Name, fx.Item.Code), fx.Gain, bruteGain(inst, &s, i).RatString())
			}
			// An item left out of the fixes gains nothing on its own.
			for i, is := range s.Items {
				if !seen[is.Item.Code] && is.Earned.Cmp(is.Max) < 0 && is.Reason != ReasonGroupIncomplete {
					if g := bruteGain(inst, &s, i); g.Sign() > 0 {
						t.Errorf("%s %s: item %s gains %s but is not a fix", rule, s.Unit.Name, is.Item.Code, g.RatString())
					}
				}
			}
		}
	}
}

func itemIndex(inst *questionnaire.Instrument, code string) int {
	for i := range inst.Items {
		if inst.Items[i].Code == code {
			return i
		}
	}
	return -1
}

// TestScoreResponseCost bounds the work of scoring one sheet of the default
// instrument with every item short (the most fixes). Each gain is computed
// from the item's share of its indicator, not by rescoring the sheet per
// item (which took about 60,000 allocations).
func TestScoreResponseCost(t *testing.T) {
	inst := questionnaire.Default()
	answers := map[string]questionnaire.Answer{}
	for _, it := range inst.Items {
		answers[it.Code] = questionnaire.Answer{Item: it.Code, Value: ""}
	}
	r := &questionnaire.Response{File: "x.xlsx", Answers: answers}
	stages := map[string]*big.Rat{"presentasi": big.NewRat(70, 1)}
	var s Score
	allocs := testing.AllocsPerRun(5, func() { s = ScoreResponse(inst, r, questionnaire.Unit{Name: "X"}, stages) })
	if len(s.Fixes) != len(inst.Items) {
		t.Fatalf("%d fixes, want one per item (%d)", len(s.Fixes), len(inst.Items))
	}
	t.Logf("%d items: %.0f allocations", len(inst.Items), allocs)
	if limit := 100.0 * float64(len(inst.Items)); allocs > limit {
		t.Errorf("ScoreResponse made %.0f allocations for %d items, want at most %.0f", allocs, len(inst.Items), limit)
	}
}
