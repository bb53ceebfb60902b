package scoring

import (
	"math/big"
	"sort"

	"monev/questionnaire"
)

// What a body should fix (steps 7 and 8 of the method in score.go).

// NextBand returns the band directly above b (the band with the smallest Min
// greater than b's Min), or nil when b is the top band or nil.
func NextBand(inst *questionnaire.Instrument, b *questionnaire.Band) *questionnaire.Band {
	if inst == nil || b == nil {
		return nil
	}
	var next *questionnaire.Band
	for i := range inst.Bands {
		c := &inst.Bands[i]
		if c.Min.Cmp(b.Min) > 0 && (next == nil || c.Min.Cmp(next.Min) < 0) {
			next = c
		}
	}
	return next
}

// GainToReach returns the smallest g ≥ 0 such that Round(final + g) ≥ min,
// i.e. max(0, ⌈100·min⌉/100 − 0.005 − final), exactly.
func GainToReach(final, min *big.Rat) *big.Rat {
	// The smallest figure that is ≥ min, in hundredths: ⌈100·min⌉.
	h := new(big.Rat).Mul(min, ratHundred)
	c := new(big.Int).Div(h.Num(), h.Denom()) // floor
	if !h.IsInt() {
		c.Add(c, big.NewInt(1))
	}
	target := new(big.Rat).SetFrac(c, big.NewInt(100))
	target.Sub(target, ratHalfCt)
	g := target.Sub(target, final)
	if g.Sign() < 0 {
		g.SetInt64(0)
	}
	return g
}

// fixes is step 7.
func fixes(inst *questionnaire.Instrument, s *Score, incomplete map[int][]int) []Fix {
	var out []Fix                   // built in instrument order
	groupGain := map[int]*big.Rat{} // by the first short item of an incomplete group
	for i := range s.Items {
		is := &s.Items[i]
		if is.Earned.Cmp(is.Max) >= 0 {
			continue
		}
		var g *big.Rat
		if short, ok := incomplete[i]; ok {
			if !contains(short, i) {
				continue // complete on its own: completing it adds nothing
			}
			if g = groupGain[short[0]]; g == nil {
				g = gainOf(inst, s, short)
				groupGain[short[0]] = g
			}
		} else {
			g = gainOf(inst, s, []int{i})
		}
		if g.Sign() <= 0 {
			continue
		}
		out = append(out, Fix{Item: is.Item, Reason: is.Reason, Gain: new(big.Rat).Set(g)})
	}
	// A stable sort keeps instrument order among equal gains.
	sort.SliceStable(out, func(a, b int) bool { return out[a].Gain.Cmp(out[b].Gain) > 0 })
	return out
}

// gainOf is the exact increase of Final when the items at idx earn their
// maximum (and so complete their group, if any).
func gainOf(inst *questionnaire.Instrument, s *Score, idx []int) *big.Rat {
	earned := earnedOf(s.Items)
	for _, i := range idx {
		earned[i] = s.Items[i].Max
	}
	// Completing the short items of a group makes the whole group earn its maxima.
	if g := s.Items[idx[0]].Item.Group; g != "" {
		for i := range s.Items {
			if s.Items[i].Item.Group == g {
				earned[i] = s.Items[i].Max
			}
		}
	}
	_, saq := indicatorScores(inst, earned)
	f := finalScore(inst, saq, s.Stages)
	return f.Sub(f, s.Final)
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// cmpRat compares a and b like big.Rat.Cmp, taking nil as 0.
func cmpRat(a, b *big.Rat) int {
	if a == nil {
		a = new(big.Rat)
	}
	if b == nil {
		b = new(big.Rat)
	}
	return a.Cmp(b)
}
