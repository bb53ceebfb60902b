package questionnaire

import (
	_ "embed"
	"sync"
)

//go:embed default.yaml
var defaultYAML []byte

var (
	defaultOnce sync.Once
	defaultInst *Instrument
	defaultErr  error
)

// Default returns the embedded default instrument: the internal monev of a
// kabupaten's PPID Pembantu (OPD and kecamatan) after Perki 1/2022, with the
// six indicators weighted 40/20/10/10/10/10, stages SAQ 80 and presentasi 20
// and the five Komisi Informasi bands. Each call returns a fresh deep copy,
// so callers may change it freely.
//
//	in := questionnaire.Default()
//	fmt.Println(in.ID, len(in.Items)) // monev-kip-kabupaten …
func Default() *Instrument {
	defaultOnce.Do(func() {
		defaultInst, defaultErr = Parse("default.yaml", defaultYAML)
	})
	if defaultErr != nil {
		// The embedded file is part of the program and tested; reaching
		// this is a build defect, not bad user input.
		panic("questionnaire: embedded default instrument is invalid: " + defaultErr.Error())
	}
	return defaultInst.Clone()
}

// DefaultYAML returns the embedded default instrument file as shipped.
func DefaultYAML() []byte { return append([]byte(nil), defaultYAML...) }

// Clone returns a deep copy of the instrument sharing no mutable state.
func (in *Instrument) Clone() *Instrument {
	if in == nil {
		return nil
	}
	c := *in
	c.Indicators = cloneSlice(in.Indicators, func(x Indicator) Indicator {
		x.Weight = x.Weight.clone()
		return x
	})
	c.Items = cloneSlice(in.Items, func(x Item) Item {
		x.MaxPoints = x.MaxPoints.clone()
		x.Levels = cloneSlice(x.Levels, func(l Level) Level {
			l.Fraction = l.Fraction.clone()
			l.Synonyms = cloneSlice(l.Synonyms, func(s string) string { return s })
			return l
		})
		x.Tiers = cloneSlice(x.Tiers, func(t Tier) Tier {
			t.Points = t.Points.clone()
			return t
		})
		return x
	})
	c.Stages = cloneSlice(in.Stages, func(x Stage) Stage {
		x.Weight = x.Weight.clone()
		return x
	})
	c.Bands = cloneSlice(in.Bands, func(x Band) Band {
		x.Min, x.Max = x.Min.clone(), x.Max.clone()
		return x
	})
	c.Categories = cloneSlice(in.Categories, func(s string) string { return s })
	return &c
}

func cloneSlice[T any](s []T, f func(T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i, x := range s {
		out[i] = f(x)
	}
	return out
}

// clone copies the value so that the copy shares no big.Rat.
func (d Decimal) clone() Decimal {
	if d.r == nil {
		return Decimal{}
	}
	return Decimal{r: d.Rat()}
}
