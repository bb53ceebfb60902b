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

// fixes is step 7. Final is linear in the SAQ score (step 5) and the SAQ
// score is linear in each item's points (steps 3 and 4), so the gain of
// raising items to their maximum is Σ (Max − Earned) × perPoint, with
// perPoint = Weight ÷ indicator Max × ∂Final/∂SAQ for the item's indicator:
// exactly the increase of Final had the sheet been rescored.
func fixes(inst *questionnaire.Instrument, s *Score, incomplete map[int]bool) []Fix {
	// ∂Final/∂SAQ: the SAQ stage's weight over the weights counted (step 5).
	slope := finalScore(inst, big.NewRat(1, 1), s.Stages)
	slope.Sub(slope, finalScore(inst, new(big.Rat), s.Stages))
	perPoint := map[string]*big.Rat{} // by indicator code; absent: the item counts for nothing
	for _, is := range s.Indicators {
		if is.Indicator != nil && is.Max.Sign() > 0 {
			p := new(big.Rat).Quo(is.Indicator.Weight.Rat(), is.Max)
			perPoint[is.Indicator.Code] = p.Mul(p, slope)
		}
	}
	lost := func(i int) *big.Rat {
		is := &s.Items[i]
		p, ok := perPoint[is.Item.Indicator]
		if !ok {
			return new(big.Rat)
		}
		g := new(big.Rat).Sub(is.Max, is.Earned)
		return g.Mul(g, p)
	}
	var out []Fix                      // built in instrument order
	groupGain := map[string]*big.Rat{} // by group: completing it restores every member
	for i := range s.Items {
		is := &s.Items[i]
		if is.Earned.Cmp(is.Max) >= 0 {
			continue
		}
		var g *big.Rat
		if short, ok := incomplete[i]; ok {
			if !short {
				continue // complete on its own: completing it adds nothing
			}
			if g = groupGain[is.Item.Group]; g == nil {
				g = new(big.Rat)
				for j := range s.Items {
					if s.Items[j].Item.Group == is.Item.Group {
						g.Add(g, lost(j))
					}
				}
				groupGain[is.Item.Group] = g
			}
		} else {
			g = lost(i)
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
