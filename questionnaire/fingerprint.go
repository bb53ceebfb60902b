package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Fingerprint is a short stable hash of everything that affects answering and
// scoring (codes, questions, kinds, points, levels, tiers, weights, bands).
// It is 16 hexadecimal characters, the start of the SHA-256 of a canonical
// serialisation: YAML layout, comments, key order, the instrument's name,
// version and the operator guidance (petunjuk) do not change it. A template
// records it so the reader can tell a sheet made from another instrument.
func (in *Instrument) Fingerprint() string {
	sum := sha256.Sum256([]byte(in.canonical()))
	return hex.EncodeToString(sum[:8])
}

// canonical serialises the scoring-relevant content, each value
// length-prefixed so that no two different instruments share a text.
func (in *Instrument) canonical() string {
	var b strings.Builder
	put := func(tag string, vals ...string) {
		b.WriteString(tag)
		for _, v := range vals {
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(len(v)))
			b.WriteByte(':')
			b.WriteString(v)
		}
		b.WriteByte('\n')
	}
	dec := func(d Decimal) string {
		if d.r == nil {
			return "-"
		}
		return d.r.RatString()
	}
	put("monev-instrument-v1")
	put("rules", string(in.MissingStage), string(in.NotSubmitted))
	for _, ind := range in.Indicators {
		put("indicator", ind.Code, ind.Name, dec(ind.Weight))
	}
	for _, it := range in.Items {
		put("item", it.Code, it.Indicator, it.Question, dec(it.MaxPoints), string(it.Kind),
			strconv.FormatBool(it.EvidenceRequired), it.Group)
		for _, l := range it.Levels {
			put("level", append([]string{l.Label, dec(l.Fraction)}, l.Synonyms...)...)
		}
		for _, t := range it.Tiers {
			put("tier", strconv.FormatInt(t.Min, 10), dec(t.Points))
		}
	}
	for _, s := range in.Stages {
		put("stage", s.ID, dec(s.Weight))
	}
	for _, k := range in.Bands {
		put("band", k.Label, dec(k.Min), dec(k.Max))
	}
	return b.String()
}
