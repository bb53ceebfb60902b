package questionnaire

import (
	"math/big"
	"testing"
)

func TestDefaultIsValid(t *testing.T) {
	in := Default()
	if err := in.Validate(); err != nil {
		t.Fatalf("default instrument is invalid:\n%v", err)
	}
	if _, err := Parse("default.yaml", DefaultYAML()); err != nil {
		t.Fatalf("embedded file does not parse:\n%v", err)
	}
}

func TestDefaultContent(t *testing.T) {
	in := Default()
	if in.ID != "monev-kip-kabupaten" || in.Year != 2026 || in.Version != "2026.1" || in.Name == "" {
		t.Errorf("identity = %q %d %q %q", in.ID, in.Year, in.Version, in.Name)
	}
	wantInd := []struct{ code, name, weight string }{
		{"1", "Jenis Informasi", "40"}, {"2", "Digitalisasi", "20"}, {"3", "Kualitas Informasi", "10"},
		{"4", "Pelayanan Informasi", "10"}, {"5", "Komitmen Organisasi", "10"}, {"6", "Sarana dan Prasarana", "10"},
	}
	if len(in.Indicators) != len(wantInd) {
		t.Fatalf("%d indicators, want 6", len(in.Indicators))
	}
	for i, w := range wantInd {
		got := in.Indicators[i]
		if got.Code != w.code || got.Name != w.name || got.Weight.String() != w.weight {
			t.Errorf("indicator %d = %s %s %s, want %s %s %s", i, got.Code, got.Name, got.Weight, w.code, w.name, w.weight)
		}
	}
	if n := len(in.Items); n < 60 || n > 120 {
		t.Errorf("%d items, want 60–120", n)
	}
	kinds := map[AnswerKind]int{}
	groups := map[string]int{}
	evidence := 0
	for _, it := range in.Items {
		kinds[it.Kind]++
		if it.Group != "" {
			groups[it.Group]++
		}
		if it.EvidenceRequired {
			evidence++
		}
		if it.Guidance == "" {
			t.Errorf("item %s has no petunjuk", it.Code)
		}
		p := it.MaxPoints.Rat()
		if !p.IsInt() || p.Cmp(big.NewRat(1, 1)) < 0 || p.Cmp(big.NewRat(5, 1)) > 0 {
			t.Errorf("item %s has %s points, want an integer 1–5", it.Code, it.MaxPoints)
		}
	}
	if kinds[KindYesNo] <= kinds[KindLevel]+kinds[KindCount] {
		t.Errorf("kinds %v: want mostly ya_tidak", kinds)
	}
	if kinds[KindLevel] < 6 || kinds[KindLevel] > 10 || kinds[KindCount] < 4 || kinds[KindCount] > 7 {
		t.Errorf("kinds %v: want ~8 tingkat and ~5 jumlah", kinds)
	}
	if len(groups) < 1 || len(groups) > 2 {
		t.Errorf("groups %v: want 1–2 all-or-nothing groups", groups)
	}
	for g, n := range groups {
		if n < 2 {
			t.Errorf("group %s has %d item; a group needs at least 2", g, n)
		}
	}
	if groups["formulir"] != 3 {
		t.Errorf("group formulir has %d items, want the 3 forms (permohonan, keberatan, register)", groups["formulir"])
	}
	if evidence*10 < len(in.Items)*9 {
		t.Errorf("only %d of %d items require evidence", evidence, len(in.Items))
	}
	if len(in.Stages) != 2 || in.Stages[0].ID != SAQStage || in.Stages[0].Weight.String() != "80" ||
		in.Stages[1].ID != "presentasi" || in.Stages[1].Weight.String() != "20" {
		t.Errorf("stages = %+v", in.Stages)
	}
	if in.MissingStage != MissingStageSAQOnly || in.NotSubmitted != NotSubmittedZero {
		t.Errorf("rules = %s %s", in.MissingStage, in.NotSubmitted)
	}
	wantBands := []string{"Informatif 90 100", "Menuju Informatif 80 90", "Cukup Informatif 60 80", "Kurang Informatif 40 60", "Tidak Informatif 0 40"}
	if len(in.Bands) != len(wantBands) {
		t.Fatalf("bands = %+v", in.Bands)
	}
	for i, w := range wantBands {
		if got := in.Bands[i].Label + " " + in.Bands[i].Min.String() + " " + in.Bands[i].Max.String(); got != w {
			t.Errorf("band %d = %s, want %s", i, got, w)
		}
	}
	if len(in.Categories) != 2 || in.Categories[0] != "OPD" || in.Categories[1] != "Kecamatan" {
		t.Errorf("categories = %q", in.Categories)
	}
}

func TestDefaultReturnsIndependentCopies(t *testing.T) {
	a := Default()
	fp := a.Fingerprint()
	a.Indicators[0].Weight = DecimalFromInt(99)
	a.Items[0].Question = "diubah"
	a.Items[1].Levels = append(a.Items[1].Levels, Level{Label: "baru"})
	for i := range a.Items {
		if len(a.Items[i].Levels) > 0 {
			a.Items[i].Levels[0].Synonyms[0] = "diubah"
			break
		}
	}
	a.Bands[0].Min.Rat().SetInt64(7) // Rat returns a copy: must not leak either
	a.Categories[0] = "Desa"
	b := Default()
	if b.Fingerprint() != fp || b.Indicators[0].Weight.String() != "40" || b.Categories[0] != "OPD" {
		t.Errorf("a change to one Default() leaked into the next")
	}
	c := b.Clone()
	c.Stages[0].Weight = DecimalFromInt(1)
	if b.Stages[0].Weight.String() != "80" {
		t.Errorf("Clone shares stages")
	}
}
