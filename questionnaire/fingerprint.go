package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
)

// Fingerprint is a short stable hash of everything that affects answering and
// scoring (codes, questions, kinds, points, levels, tiers, weights, bands,
// stages, rules). It is 16 hexadecimal characters, the start of the SHA-256
// of a canonical serialisation: YAML layout, comments, key order, the
// instrument's name, version and the operator guidance (petunjuk) do not
// change it. It identifies the instrument as a whole, e.g. on the ranked
// workbook's Ringkasan and in `monev instrument`; a corrected weight or band
// changes it. Templates carry QuestionsFingerprint instead.
func (in *Instrument) Fingerprint() string {
	return shortHash(in.canonical())
}

// canonical serialises the scoring-relevant content, each value
// length-prefixed so that no two different instruments share a text.
func (in *Instrument) canonical() string {
	var b canonicalText
	put := b.put
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

// QuestionsFingerprint is a short stable hash of only what decides how a
// sheet is answered: per item its code, indicator code, question text, answer
// kind, whether evidence is required and, for graded (tingkat) items, the
// level labels in order. Points, weights, level fractions, synonyms, count
// tiers, groups, stages, bands, rules, categories, names, version and
// guidance do not change it, and neither does the order of the items (the
// reader matches rows by item code). Same format as Fingerprint: 16
// hexadecimal characters of a SHA-256, over a text with its own version tag,
// so the two never coincide.
//
// Templates record it (MetaFingerprint), so a sheet filled before an analyst
// corrected a weight or a band is still read and scored with the corrected
// instrument, while a sheet whose questions differ is rejected.
func (in *Instrument) QuestionsFingerprint() string {
	return shortHash(in.canonicalQuestions())
}

// canonicalQuestions serialises the answering-relevant content, items
// sorted by code, each value length-prefixed.
func (in *Instrument) canonicalQuestions() string {
	items := make([]*Item, len(in.Items))
	for i := range in.Items {
		items[i] = &in.Items[i]
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Code < items[j].Code })
	var b canonicalText
	put := b.put
	put("monev-questions-v1")
	for _, it := range items {
		put("item", it.Code, it.Indicator, it.Question, string(it.Kind), strconv.FormatBool(it.EvidenceRequired))
		if it.Kind != KindLevel {
			continue // yes/no options are fixed; count tiers are scoring
		}
		for _, l := range it.Levels {
			put("level", l.Label)
		}
	}
	return b.String()
}

// shortHash is the first 16 hexadecimal characters of the SHA-256 of s.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// canonicalText builds the text a fingerprint hashes: one line per record,
// a tag then each value length-prefixed, so that no two different contents
// share a text.
type canonicalText struct{ strings.Builder }

func (b *canonicalText) put(tag string, vals ...string) {
	b.WriteString(tag)
	for _, v := range vals {
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	}
	b.WriteByte('\n')
}
