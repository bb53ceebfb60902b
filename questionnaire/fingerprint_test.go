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
