package scoring

import (
	"math/big"
	"strings"
	"testing"

	"monev/questionnaire"
)

// Test instruments are built in code so that every expectation can be
// computed by hand from the numbers written here.

func dec(s string) questionnaire.Decimal { return questionnaire.MustDecimal(s) }

// rat parses "89.995" or "1/3" exactly.
func rat(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rational %q", s)
	}
	return r
}

// kiBands are the five KI qualification bands, listed top first on purpose
// (Qualify must not depend on the order).
func kiBands() []questionnaire.Band {
	return []questionnaire.Band{
		{Label: "Informatif", Min: dec("90"), Max: dec("100")},
		{Label: "Menuju Informatif", Min: dec("80"), Max: dec("90")},
		{Label: "Cukup Informatif", Min: dec("60"), Max: dec("80")},
		{Label: "Kurang Informatif", Min: dec("40"), Max: dec("60")},
		{Label: "Tidak Informatif", Min: dec("0"), Max: dec("40")},
	}
}

func ind(code, weight string) questionnaire.Indicator {
	return questionnaire.Indicator{Code: code, Name: "Indikator " + code, Weight: dec(weight)}
}

func stage(id, weight string) questionnaire.Stage {
	return questionnaire.Stage{ID: id, Name: strings.ToUpper(id), Weight: dec(weight)}
}

// newInst builds an instrument with the KI bands, categories OPD and
// Kecamatan, the rule "saq_saja", and the given stages (saq 100 when none).
func newInst(inds []questionnaire.Indicator, items []questionnaire.Item, stages ...questionnaire.Stage) *questionnaire.Instrument {
	if len(stages) == 0 {
		stages = []questionnaire.Stage{stage(questionnaire.SAQStage, "100")}
	}
	return &questionnaire.Instrument{
		ID: "uji", Name: "Instrumen uji", Year: 2025, Version: "1",
		Indicators:   inds,
		Items:        items,
		Stages:       stages,
		MissingStage: questionnaire.MissingStageSAQOnly,
		NotSubmitted: questionnaire.NotSubmittedZero,
		Bands:        kiBands(),
		Categories:   []string{"OPD", "Kecamatan"},
	}
}

// indicatorOf is the first part of a hierarchical item code.
func indicatorOf(code string) string { return strings.SplitN(code, ".", 2)[0] }

func yesNo(code, max string, evidence bool) questionnaire.Item {
	return questionnaire.Item{Code: code, Indicator: indicatorOf(code), Question: "Pertanyaan " + code,
		MaxPoints: dec(max), Kind: questionnaire.KindYesNo, EvidenceRequired: evidence}
}

// kiLevels are the graded levels 100/75/50/25/0 %.
func kiLevels() []questionnaire.Level {
	return []questionnaire.Level{
		{Label: "Penuh", Fraction: dec("1")},
		{Label: "Sebagian besar", Fraction: dec("0.75")},
		{Label: "Sebagian", Fraction: dec("0.5")},
		{Label: "Sedikit", Fraction: dec("0.25")},
		{Label: "Tidak ada", Fraction: dec("0")},
	}
}

func level(code, max string, evidence bool) questionnaire.Item {
	it := yesNo(code, max, evidence)
	it.Kind = questionnaire.KindLevel
	it.Levels = kiLevels()
	return it
}

// count is a jumlah item with tiers ≥1 → 1, ≥5 → 2, ≥10 → max.
func count(code, max string, evidence bool) questionnaire.Item {
	it := yesNo(code, max, evidence)
	it.Kind = questionnaire.KindCount
	it.Tiers = []questionnaire.Tier{{Min: 1, Points: dec("1")}, {Min: 5, Points: dec("2")}, {Min: 10, Points: dec(max)}}
	return it
}

func grouped(it questionnaire.Item, g string) questionnaire.Item {
	it.Group = g
	return it
}

// ans is an answer with a value and evidence.
func ans(value, evidence string) questionnaire.Answer {
	return questionnaire.Answer{Value: value, Raw: value, Evidence: evidence}
}

const link = "https://ppid.lomboktimurkab.go.id/dok/1"

func resp(file string, answers map[string]questionnaire.Answer) *questionnaire.Response {
	for code, a := range answers {
		a.Item = code
		answers[code] = a
	}
	return &questionnaire.Response{File: file, Answers: answers}
}

// fracInst has one indicator of weight 100 and one graded item "1.1" of 1
// point whose only level, labelled "x", is worth fraction f; answering "x"
// makes SAQ = 100 × f exactly. It lets a test set the SAQ score it needs.
func fracInst(f string, stages ...questionnaire.Stage) *questionnaire.Instrument {
	it := yesNo("1.1", "1", false)
	it.Kind = questionnaire.KindLevel
	it.Levels = []questionnaire.Level{{Label: "x", Fraction: dec(f)}}
	return newInst([]questionnaire.Indicator{ind("1", "100")}, []questionnaire.Item{it}, stages...)
}

func fracResp() *questionnaire.Response {
	return resp("x.xlsx", map[string]questionnaire.Answer{"1.1": ans("x", "")})
}

func ratEq(t testing.TB, what string, got *big.Rat, want string) {
	t.Helper()
	w := rat(t, want)
	if got == nil || got.Cmp(w) != 0 {
		t.Errorf("%s = %v, want %s", what, ratStr(got), want)
	}
}

func ratStr(r *big.Rat) string {
	if r == nil {
		return "<nil>"
	}
	return r.RatString()
}

func bandLabel(b *questionnaire.Band) string {
	if b == nil {
		return "<nil>"
	}
	return b.Label
}
