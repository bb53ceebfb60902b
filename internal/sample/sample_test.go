package sample_test

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"monev/internal/sample"
	"monev/questionnaire"
	"monev/scoring"
)

var (
	opd = questionnaire.Unit{Name: "Dinas Komunikasi Informatika dan Persandian", Category: "OPD"}
	kec = questionnaire.Unit{Name: "Kecamatan Sakra Timur", Category: "Kecamatan"}
)

// bandLabel is the label of the profile's band on inst: the bands sorted by
// Min descending, Informatif first.
func bandLabel(inst *questionnaire.Instrument, p sample.Profile) string {
	bands := slices.Clone(inst.Bands)
	slices.SortFunc(bands, func(a, b questionnaire.Band) int { return b.Min.Cmp(a.Min) })
	return bands[p].Label
}

// response turns a planned sheet into the Response the reader should return.
func response(sh *sample.Sheet) *questionnaire.Response {
	r := &questionnaire.Response{Identity: sh.Identity, Answers: map[string]questionnaire.Answer{}}
	for code, a := range sh.Answers {
		r.Answers[code] = a
	}
	return r
}

// TestPlanLandsInBand scores the planned answers with the real engine: the
// SAQ score must equal the generator's own planned score exactly and fall in
// the profile's band, for every profile, both categories and many seeds.
func TestPlanLandsInBand(t *testing.T) {
	t.Parallel()
	inst := questionnaire.Default()
	for _, p := range sample.Profiles {
		for _, u := range []questionnaire.Unit{opd, kec} {
			for seed := uint64(1); seed <= 12; seed++ {
				sh, err := sample.Plan(inst, sample.Spec{Unit: u, Profile: p, Seed: seed})
				if err != nil {
					t.Fatalf("%s %s seed %d: %v", p, u.Name, seed, err)
				}
				s := scoring.ScoreResponse(inst, response(sh), u, nil)
				if s.SAQ.Cmp(sh.SAQ) != 0 {
					t.Errorf("%s %s seed %d: engine SAQ %s, planned %s", p, u.Name, seed, s.SAQ.FloatString(4), sh.SAQ.FloatString(4))
				}
				if s.Band == nil || s.Band.Label != bandLabel(inst, p) {
					t.Errorf("%s %s seed %d: score %s in band %v, want %s", p, u.Name, seed, s.Rounded, s.Band, bandLabel(inst, p))
				}
			}
		}
	}
}

func TestPlanDeterministic(t *testing.T) {
	inst := questionnaire.Default()
	spec := sample.Spec{Unit: kec, Profile: sample.CukupInformatif, Seed: 42}
	a, err := sample.Plan(inst, spec)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := sample.Plan(inst, spec)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two plans of the same spec differ")
	}
	spec.Seed = 43
	c, _ := sample.Plan(inst, spec)
	if reflect.DeepEqual(a.Answers, c.Answers) {
		t.Fatal("another seed gave the same answers")
	}
}

// TestBrokenAnswers checks the answer-level broken variants against the plan
// of the same clean spec: exactly the items they break differ.
func TestBrokenAnswers(t *testing.T) {
	inst := questionnaire.Default()
	base := sample.Spec{Unit: opd, Profile: sample.Informatif, Seed: 7}
	clean, err := sample.Plan(inst, base)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		v    sample.Variant
		n    int // items changed
		raw  bool
		evid bool // only the evidence is removed
	}{
		{sample.BrokenUnanswered, 3, false, false},
		{sample.BrokenInvalid, 2, true, false},
		{sample.MissingEvidence, 2, false, true},
	} {
		spec := base
		spec.Variants = []sample.Variant{tc.v}
		sh, err := sample.Plan(inst, spec)
		if err != nil {
			t.Fatal(err)
		}
		changed := 0
		for code, want := range clean.Answers {
			got := sh.Answers[code]
			if got == want {
				continue
			}
			changed++
			switch {
			case tc.evid:
				if got.Value != questionnaire.Yes || got.Evidence != "" || want.Evidence == "" {
					t.Errorf("%s %s: %+v", tc.v, code, got)
				}
			case got.Value != "" || (got.Raw != "") != tc.raw:
				t.Errorf("%s %s: %+v", tc.v, code, got)
			}
		}
		if changed != tc.n {
			t.Errorf("%s: %d items changed, want %d", tc.v, changed, tc.n)
		}
		if s := scoring.ScoreResponse(inst, response(sh), opd, nil); s.SAQ.Cmp(sh.SAQ) != 0 || sh.SAQ.Cmp(clean.SAQ) >= 0 {
			t.Errorf("%s: engine %s, planned %s, clean %s", tc.v, s.SAQ.FloatString(3), sh.SAQ.FloatString(3), clean.SAQ.FloatString(3))
		}
	}
}

// readBack generates spec, writes it to a file and reads it with the real reader.
func readBack(t *testing.T, inst *questionnaire.Instrument, spec sample.Spec) (*sample.Sheet, *questionnaire.Response, []questionnaire.Finding) {
	t.Helper()
	sh, err := sample.Generate(inst, spec)
	if err != nil {
		t.Fatalf("%v: %v", spec.Variants, err)
	}
	p := filepath.Join(t.TempDir(), "isian.xlsx")
	if err := os.WriteFile(p, sh.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	resp, fs := questionnaire.ReadFile(p, inst, questionnaire.ReadOptions{})
	return sh, resp, fs
}

// TestMessyReadsBack generates the clean sheet and every messy variant of the
// same spec and reads them with the real reader: every one must give exactly
// the planned answers and identity, no error finding, and score the planned SAQ.
func TestMessyReadsBack(t *testing.T) {
	t.Parallel()
	inst := questionnaire.Default()
	variants := append([][]sample.Variant{nil}, [][]sample.Variant{}...)
	for _, v := range sample.MessyVariants {
		variants = append(variants, []sample.Variant{v})
	}
	variants = append(variants, sample.MessyVariants) // all at once
	for _, vs := range variants {
		name := fmt.Sprint(vs)
		t.Run(name, func(t *testing.T) {
			spec := sample.Spec{Unit: kec, Profile: sample.MenujuInformatif, Seed: 3, Variants: vs}
			sh, resp, fs := readBack(t, inst, spec)
			plan, err := sample.Plan(inst, sample.Spec{Unit: kec, Profile: sample.MenujuInformatif, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			if resp == nil {
				t.Fatalf("not readable: %v", fs)
			}
			for _, f := range fs {
				if f.Severity == questionnaire.Error {
					t.Errorf("error finding: %s", f)
				}
			}
			if resp.Identity != plan.Identity {
				t.Errorf("identity %+v, want %+v", resp.Identity, plan.Identity)
			}
			for _, it := range inst.Items {
				want, got := plan.Answers[it.Code], resp.Answers[it.Code]
				if got.Value != want.Value || got.Evidence != want.Evidence || got.Note != want.Note {
					t.Errorf("%s (%s): got %q/%q/%q, want %q/%q/%q", it.Code, got.Cell,
						got.Value, got.Evidence, got.Note, want.Value, want.Evidence, want.Note)
				}
			}
			if s := scoring.ScoreResponse(inst, resp, kec, nil); s.SAQ.Cmp(sh.SAQ) != 0 {
				t.Errorf("scored %s, planned %s", s.SAQ.FloatString(3), sh.SAQ.FloatString(3))
			}
		})
	}
}

// TestBrokenFilesReported reads each broken variant back: the reader must
// report an error, the unreadable files give no Response, and a sheet with
// answers left blank or invalid is still read (those items unanswered).
func TestBrokenFilesReported(t *testing.T) {
	t.Parallel()
	inst := questionnaire.Default()
	for _, tc := range []struct {
		v        sample.Variant
		readable int // 1: a Response, -1: none, 0: either (the reader decides)
	}{
		{sample.BrokenUnanswered, 1},
		{sample.BrokenInvalid, 1},
		{sample.BrokenLastYear, 0},
		{sample.BrokenOLE, -1},
		{sample.BrokenNotZip, -1},
		{sample.BrokenTruncated, -1},
	} {
		spec := sample.Spec{Unit: opd, Profile: sample.CukupInformatif, Seed: 5, Variants: []sample.Variant{tc.v}}
		sh, resp, fs := readBack(t, inst, spec)
		if tc.readable != 0 && (resp != nil) != (tc.readable > 0) {
			t.Errorf("%s: got a response: %v, want %v (findings %v)", tc.v, resp != nil, tc.readable > 0, fs)
		}
		if !questionnaire.HasErrors(fs) {
			t.Errorf("%s: no error finding: %v", tc.v, fs)
		}
		if resp == nil || tc.v == sample.BrokenLastYear {
			continue
		}
		blank := 0
		for _, it := range inst.Items {
			want, got := sh.Answers[it.Code], resp.Answers[it.Code]
			if want.Value == "" {
				blank++
			}
			if got.Value != want.Value {
				t.Errorf("%s %s: value %q (raw %q), want %q", tc.v, it.Code, got.Value, got.Raw, want.Value)
			}
		}
		if blank == 0 {
			t.Errorf("%s: the plan has no blank or invalid answer", tc.v)
		}
	}
}

// cells returns every non-empty cell of every sheet (and every hyperlink
// target of the Kuesioner sheet) as "sheet!A1=value" lines.
func cells(t *testing.T, data []byte) []string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(s, ref)
				_, link, _ := f.GetCellHyperLink(s, ref)
				out = append(out, fmt.Sprintf("%s!%s=%s|%s|%s", s, ref, v, formula, link))
			}
		}
	}
	return out
}

// TestGenerateDeterministic: two runs of the same spec give the same cell
// content; another seed does not.
func TestGenerateDeterministic(t *testing.T) {
	t.Parallel()
	inst := questionnaire.Default()
	spec := sample.Spec{Unit: kec, Profile: sample.KurangInformatif, Seed: 11,
		Variants: []sample.Variant{sample.MessHyperlink, sample.MessFormula, sample.MessBlankRows}}
	a, err := sample.Generate(inst, spec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sample.Generate(inst, spec)
	if err != nil {
		t.Fatal(err)
	}
	ca, cb := cells(t, a.Data), cells(t, b.Data)
	if !slices.Equal(ca, cb) {
		t.Fatalf("cell content differs between two runs:\n%s\n---\n%s", strings.Join(ca, "\n"), strings.Join(cb, "\n"))
	}
	spec.Seed = 12
	c, err := sample.Generate(inst, spec)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(ca, cells(t, c.Data)) {
		t.Fatal("another seed gave the same cells")
	}
}

// TestKabupaten checks the shape of the sample set: 3 bodies send nothing,
// every other body has a sheet, all five bands are reached by clean sheets,
// the roles (messy, broken, duplicate, lock file) are there, presentasi has
// the ten best clean bodies. (TestSampleDataUpToDate checks that it is
// deterministic, against the committed files.)
func TestKabupaten(t *testing.T) {
	inst, units, set := sampleSet(t)
	if len(set.Missing) != 3 {
		t.Errorf("%d missing, want 3", len(set.Missing))
	}
	perUnit := map[string]int{}
	bands := map[string]int{}
	variants := map[sample.Variant]int{}
	locks := 0
	for _, f := range set.Files {
		perUnit[f.Unit.Name]++
		if f.Sheet == nil {
			if !strings.HasPrefix(filepath.Base(f.Path), "~$") {
				t.Errorf("%s: no sheet and not a lock file", f.Path)
			}
			locks++
			continue
		}
		for _, v := range f.Sheet.Spec.Variants {
			variants[v]++
		}
		if len(f.Sheet.Spec.Variants) == 0 {
			s := scoring.ScoreResponse(inst, response(f.Sheet), f.Unit, nil)
			bands[s.Band.Label]++
			if s.Band.Label != bandLabel(inst, f.Sheet.Spec.Profile) {
				t.Errorf("%s: %s, want %s", f.Path, s.Band.Label, bandLabel(inst, f.Sheet.Spec.Profile))
			}
		}
	}
	for _, u := range set.Missing {
		if perUnit[u.Name] != 0 {
			t.Errorf("%s is missing but has files", u.Name)
		}
	}
	dups := 0
	for _, u := range units {
		switch n := perUnit[u.Name]; {
		case n == 0 && !slices.Contains(set.Missing, u):
			t.Errorf("%s has no file", u.Name)
		case n == 3: // a sheet, its second sheet, and the lock file? not expected
			t.Errorf("%s has 3 files", u.Name)
		case n == 2:
			dups++
		}
	}
	if dups != 2 { // the duplicate body, and the body with the lock file beside its sheet
		t.Errorf("%d bodies with two files, want 2", dups)
	}
	if locks != 1 {
		t.Errorf("%d lock files, want 1", locks)
	}
	for _, b := range inst.Bands {
		if bands[b.Label] < 3 {
			t.Errorf("band %s: %d clean sheets, want ≥ 3", b.Label, bands[b.Label])
		}
	}
	for _, v := range append(slices.Clone(sample.MessyVariants), sample.MissingEvidence, sample.BrokenUnanswered,
		sample.BrokenInvalid, sample.BrokenLastYear, sample.BrokenOLE, sample.BrokenNotZip, sample.BrokenTruncated) {
		if variants[v] != 1 {
			t.Errorf("variant %s used %d times, want 1", v, variants[v])
		}
	}
	if len(set.Presentasi) != 10 {
		t.Errorf("%d presentasi scores, want 10", len(set.Presentasi))
	}
}

func TestFormatScore(t *testing.T) {
	for _, tc := range []struct {
		num, den int64
		want     string
	}{
		{8750, 100, "87,50"}, {9776, 100, "97,76"}, {70, 1, "70,00"}, {1, 3, "0,33"},
	} {
		if got := sample.FormatScore(new(big.Rat).SetFrac64(tc.num, tc.den)); got != tc.want {
			t.Errorf("%d/%d: %q, want %q", tc.num, tc.den, got, tc.want)
		}
	}
}
