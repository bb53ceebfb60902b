package questionnaire

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestFingerprintShapeAndStability(t *testing.T) {
	a, b := Default(), Default()
	fp := a.Fingerprint()
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(fp) {
		t.Fatalf("fingerprint %q is not 16 hex characters", fp)
	}
	if b.Fingerprint() != fp {
		t.Errorf("two Default() calls differ: %s %s", fp, b.Fingerprint())
	}
	// Formatting does not count: the fixture, reformatted and with other
	// comments, name, version and guidance, keeps its fingerprint.
	data, err := os.ReadFile(filepath.Join("testdata", "instruments", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	orig, err := Parse("valid.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "# A small", "# Another comment\n# A small")
	s = strings.Replace(s, "bobot: 62.5}", "bobot: 62.50}", 1)
	s = strings.Replace(s, "nama: Instrumen uji kecil", "nama: 'Nama lain'", 1)
	s = strings.Replace(s, `versi: "2026.1"`, `versi: "2026.2"`, 1)
	s = strings.Replace(s, "petunjuk: Tautan SK DIP.", "petunjuk: Tautan lain.", 1)
	s = strings.Replace(s, "kategori: [OPD, Kecamatan]", "kategori:\n  - OPD\n  - Kecamatan\n  - Desa", 1)
	other, err := Parse("lain.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if other.Fingerprint() != orig.Fingerprint() {
		t.Errorf("formatting, name, version, guidance or categories changed the fingerprint")
	}
}

func TestFingerprintChangesWithScoringContent(t *testing.T) {
	base := validInstrument().Fingerprint()
	d := MustDecimal
	changes := map[string]func(in *Instrument){
		"indicator weight": func(in *Instrument) { in.Indicators[0].Weight = d("60"); in.Indicators[1].Weight = d("40") },
		"indicator name":   func(in *Instrument) { in.Indicators[0].Name = "Informasi" },
		"item points":      func(in *Instrument) { in.Items[0].MaxPoints = d("4") },
		"item code":        func(in *Instrument) { in.Items[0].Code = "1.9" },
		"question":         func(in *Instrument) { in.Items[0].Question += "?" },
		"kind":             func(in *Instrument) { in.Items[0].Kind = KindCount },
		"evidence rule":    func(in *Instrument) { in.Items[0].EvidenceRequired = false },
		"group":            func(in *Instrument) { in.Items[0].Group = "" },
		"level label":      func(in *Instrument) { in.Items[1].Levels[1].Label = "Setahun" },
		"level fraction":   func(in *Instrument) { in.Items[1].Levels[1].Fraction = d("0.5") },
		"level synonym":    func(in *Instrument) { in.Items[1].Levels[0].Synonyms = nil },
		"tier":             func(in *Instrument) { in.Items[2].Tiers[1].Min = 11 },
		"stage weight":     func(in *Instrument) { in.Stages[0].Weight = d("70"); in.Stages[1].Weight = d("30") },
		"band":             func(in *Instrument) { in.Bands[0].Min = d("85"); in.Bands[1].Max = d("85") },
		"band label":       func(in *Instrument) { in.Bands[0].Label = "Sangat Informatif" },
		"missing stage":    func(in *Instrument) { in.MissingStage = MissingStageZero },
		"not submitted":    func(in *Instrument) { in.NotSubmitted = NotSubmittedUnranked },
		"item order":       func(in *Instrument) { in.Items[0], in.Items[1] = in.Items[1], in.Items[0] },
		// Length-prefixing: moving text between neighbouring fields must not collide.
		"shifted text": func(in *Instrument) { in.Indicators[0].Code, in.Indicators[0].Name = "1J", "enis Informasi" },
	}
	seen := map[string]string{base: "base"}
	for name, change := range changes {
		in := validInstrument()
		change(in)
		fp := in.Fingerprint()
		if prev, dup := seen[fp]; dup {
			t.Errorf("%s: fingerprint %s same as %s", name, fp, prev)
		}
		seen[fp] = name
	}
}

// TestQuestionsFingerprintCanonical pins the hashed text of a two-item
// instrument, written out by hand: items sorted by code, every value
// length-prefixed, level labels only for the graded item, nothing of
// points, fractions, synonyms, weights or guidance.
func TestQuestionsFingerprintCanonical(t *testing.T) {
	d := MustDecimal
	in := &Instrument{
		ID: "x", Name: "X", Version: "1",
		Indicators: []Indicator{{Code: "1", Name: "Satu", Weight: d("100")}},
		Items: []Item{
			{Code: "1.2", Indicator: "1", Question: "Seberapa?", Guidance: "g", MaxPoints: d("2"), Kind: KindLevel,
				Levels: []Level{{Label: "Ya", Fraction: d("1"), Synonyms: []string{"Y"}}, {Label: "Tidak ada", Fraction: d("0")}}},
			{Code: "1.1", Indicator: "1", Question: "Ada SK?", MaxPoints: d("3"), Kind: KindYesNo, EvidenceRequired: true},
		},
	}
	want := "monev-questions-v1\n" +
		"item 3:1.1 1:1 7:Ada SK? 8:ya_tidak 4:true\n" +
		"item 3:1.2 1:1 9:Seberapa? 7:tingkat 5:false\n" +
		"level 2:Ya\n" +
		"level 9:Tidak ada\n"
	if got := in.canonicalQuestions(); got != want {
		t.Errorf("canonical text\n%s\nwant\n%s", got, want)
	}
	fp := in.QuestionsFingerprint()
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(fp) {
		t.Fatalf("questions fingerprint %q is not 16 hex characters", fp)
	}
	if fp == in.Fingerprint() {
		t.Errorf("questions fingerprint equals the full fingerprint %s", fp)
	}
	if Default().QuestionsFingerprint() != Default().QuestionsFingerprint() {
		t.Errorf("two Default() calls differ")
	}
}

// TestQuestionsFingerprintChangesWithQuestions: every change to how a sheet
// is answered gives a new questions fingerprint (and no two collide).
func TestQuestionsFingerprintChangesWithQuestions(t *testing.T) {
	base := validInstrument().QuestionsFingerprint()
	d := MustDecimal
	changes := []struct {
		name   string
		change func(in *Instrument)
	}{
		{"item code", func(in *Instrument) { in.Items[0].Code = "1.9" }},
		{"item indicator", func(in *Instrument) { in.Items[1].Indicator = "2" }},
		{"question", func(in *Instrument) { in.Items[0].Question += "?" }},
		{"kind yes/no to count", func(in *Instrument) { in.Items[0].Kind = KindCount }},
		{"kind count to yes/no", func(in *Instrument) { in.Items[2].Kind = KindYesNo }},
		{"evidence required", func(in *Instrument) { in.Items[0].EvidenceRequired = false }},
		{"evidence now required", func(in *Instrument) { in.Items[1].EvidenceRequired = true }},
		{"level label", func(in *Instrument) { in.Items[1].Levels[1].Label = "Setahun" }},
		{"level order", func(in *Instrument) {
			in.Items[1].Levels[0], in.Items[1].Levels[1] = in.Items[1].Levels[1], in.Items[1].Levels[0]
		}},
		{"level added", func(in *Instrument) {
			in.Items[1].Levels = append(in.Items[1].Levels, Level{Label: "Triwulan", Fraction: d("0.5")})
		}},
		{"level removed", func(in *Instrument) { in.Items[1].Levels = in.Items[1].Levels[:2] }},
		{"item added", func(in *Instrument) {
			in.Items = append(in.Items, Item{Code: "2.2", Indicator: "2", Question: "Ada PPID?", MaxPoints: d("1"), Kind: KindYesNo})
		}},
		{"item removed", func(in *Instrument) { in.Items = in.Items[:2] }},
		// Length-prefixing: moving text between neighbouring fields must not collide.
		{"shifted text", func(in *Instrument) { in.Items[0].Code, in.Items[0].Indicator = "1.11", "" }},
	}
	seen := map[string]string{base: "base"}
	for _, c := range changes {
		in := validInstrument()
		c.change(in)
		fp := in.QuestionsFingerprint()
		if prev, dup := seen[fp]; dup {
			t.Errorf("%s: questions fingerprint %s same as %s", c.name, fp, prev)
		}
		seen[fp] = c.name
	}
}

// TestQuestionsFingerprintIgnoresScoring: corrections an analyst makes after
// the templates went out keep the questions fingerprint; where they are
// scoring changes the full Fingerprint does change.
func TestQuestionsFingerprintIgnoresScoring(t *testing.T) {
	orig := validInstrument()
	d := MustDecimal
	changes := []struct {
		name       string
		change     func(in *Instrument)
		fullChange bool // the full Fingerprint changes
	}{
		{"indicator weight", func(in *Instrument) { in.Indicators[0].Weight = d("60"); in.Indicators[1].Weight = d("40") }, true},
		{"indicator name", func(in *Instrument) { in.Indicators[0].Name = "Informasi" }, true},
		{"item points", func(in *Instrument) { in.Items[0].MaxPoints = d("4") }, true},
		{"level fraction", func(in *Instrument) { in.Items[1].Levels[1].Fraction = d("0.5") }, true},
		{"level synonyms", func(in *Instrument) { in.Items[1].Levels[0].Synonyms = []string{"Sebulan sekali"} }, true},
		{"tier points", func(in *Instrument) { in.Items[2].Tiers[1].Points = d("3.5") }, true},
		{"tier min", func(in *Instrument) { in.Items[2].Tiers[1].Min = 12 }, true},
		{"group", func(in *Instrument) { in.Items[0].Group = "" }, true},
		{"stage weight", func(in *Instrument) { in.Stages[0].Weight = d("70"); in.Stages[1].Weight = d("30") }, true},
		{"band", func(in *Instrument) { in.Bands[0].Min = d("85"); in.Bands[1].Max = d("85") }, true},
		{"band label", func(in *Instrument) { in.Bands[0].Label = "Sangat Informatif" }, true},
		{"missing-stage rule", func(in *Instrument) { in.MissingStage = MissingStageZero }, true},
		{"not-submitted rule", func(in *Instrument) { in.NotSubmitted = NotSubmittedUnranked }, true},
		{"item order", func(in *Instrument) { in.Items[0], in.Items[1] = in.Items[1], in.Items[0] }, true},
		{"guidance (petunjuk)", func(in *Instrument) { in.Items[0].Guidance = "Tautan SK lain." }, false},
		{"instrument name", func(in *Instrument) { in.Name = "Instrumen lain" }, false},
		{"version", func(in *Instrument) { in.Version = "2027.1" }, false},
		{"id and year", func(in *Instrument) { in.ID, in.Year = "uji-2027", 2027 }, false},
		{"categories", func(in *Instrument) { in.Categories = append(in.Categories, "Desa") }, false},
	}
	for _, c := range changes {
		in := validInstrument()
		c.change(in)
		if got, want := in.QuestionsFingerprint(), orig.QuestionsFingerprint(); got != want {
			t.Errorf("%s changed the questions fingerprint: %s → %s", c.name, want, got)
		}
		if got := in.Fingerprint() != orig.Fingerprint(); got != c.fullChange {
			t.Errorf("%s: full fingerprint changed = %v, want %v", c.name, got, c.fullChange)
		}
	}
}
