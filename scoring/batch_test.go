package scoring

import (
	"context"
	"fmt"
	"math/big"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"monev/questionnaire"
)

// fakeRead stands in for the sheet reader: a fake sheet is a text file
// "name|category"; a file holding "BROKEN" is unreadable.
func fakeRead(path string, inst *questionnaire.Instrument, opt questionnaire.ReadOptions) (*questionnaire.Response, []questionnaire.Finding) {
	data, err := os.ReadFile(path)
	if err != nil || strings.TrimSpace(string(data)) == "BROKEN" {
		return nil, []questionnaire.Finding{{File: path, Code: "berkas-rusak", Severity: questionnaire.Error, Message: "rusak"}}
	}
	name, cat, _ := strings.Cut(strings.TrimSpace(string(data)), "|")
	return &questionnaire.Response{File: path, Identity: questionnaire.Identity{Unit: name, Category: cat}},
		[]questionnaire.Finding{
			{File: path, Sheet: questionnaire.SheetQuestions, Cell: "F10", Code: "b", Severity: questionnaire.Warning},
			{File: path, Sheet: questionnaire.SheetQuestions, Cell: "F9", Code: "a", Severity: questionnaire.Warning},
		}
}

func useFakeReader(t *testing.T) {
	t.Helper()
	useReader(t, fakeRead)
}

func useReader(t *testing.T, read func(string, *questionnaire.Instrument, questionnaire.ReadOptions) (*questionnaire.Response, []questionnaire.Finding)) {
	t.Helper()
	old := newSheetReader
	newSheetReader = func(inst *questionnaire.Instrument, opt questionnaire.ReadOptions) func(string) (*questionnaire.Response, []questionnaire.Finding) {
		return func(p string) (*questionnaire.Response, []questionnaire.Finding) { return read(p, inst, opt) }
	}
	t.Cleanup(func() { newSheetReader = old })
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testInstrument() *questionnaire.Instrument {
	return &questionnaire.Instrument{
		Categories: []string{"OPD", "Kecamatan"},
		Stages: []questionnaire.Stage{
			{ID: "saq", Name: "SAQ", Weight: questionnaire.DecimalFromInt(80)},
			{ID: "presentasi", Name: "Presentasi", Weight: questionnaire.DecimalFromInt(20)},
		},
	}
}

func TestCollectFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.xlsx":                 "x",
		"A.XLSX":                 "x",
		"sub/c.xlsx":             "x",
		"sub/~$c.xlsx":           "lock",
		"sub/.~lock.c.xlsx#":     "lock",
		"sub/lama.xls":           "old",
		"sub/catatan.pdf":        "pdf",
		"sub/daftar.csv":         "nama,kategori",
		".git/objects/x.xlsx":    "hidden",
		"sub/.DS_Store":          "mac",
		"desktop.ini":            "windows",
		"sub/Thumbs.db":          "windows",
		"sub/deeper/d.Xlsx":      "x",
		"sub/deeper/kalkulasi.o": "x",
	})
	// The folder and one of its files given twice, in another spelling.
	files, skipped, err := CollectFiles([]string{dir, filepath.Join(dir, "sub", "..", "b.xlsx"), dir + "/"})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"A.XLSX", "b.xlsx", "sub/c.xlsx", "sub/deeper/d.Xlsx"}
	if !slices.Equal(rel, want) {
		t.Errorf("files = %q, want %q", rel, want)
	}
	var skippedRel []string
	for _, f := range skipped {
		if f.Code != CodeSkippedFile || f.Severity != questionnaire.Warning {
			t.Errorf("skipped finding %+v: want a %s warning", f, CodeSkippedFile)
		}
		r, _ := filepath.Rel(dir, f.File)
		skippedRel = append(skippedRel, filepath.ToSlash(r))
	}
	// Lock files, hidden files and the files Windows puts in every folder
	// (desktop.ini, Thumbs.db) are skipped silently; the lock-file test
	// depends on questionnaire.IsLockFile, so only the non-lock ones are listed.
	wantSkipped := []string{"sub/catatan.pdf", "sub/daftar.csv", "sub/deeper/kalkulasi.o", "sub/lama.xls"}
	if !slices.Equal(skippedRel, wantSkipped) {
		t.Errorf("skipped = %q, want %q", skippedRel, wantSkipped)
	}
	for _, f := range skipped {
		if strings.HasSuffix(f.File, ".xls") && !strings.Contains(f.Fix, ".xlsx") {
			t.Errorf("advice for an .xls should say to save as .xlsx: %q", f.Fix)
		}
		// A CSV is more often a roster or stage scores than a questionnaire.
		if strings.HasSuffix(f.File, ".csv") && !strings.Contains(f.Fix, "--units") {
			t.Errorf("advice for a .csv should mention --units/--stage: %q", f.Fix)
		}
	}

	if _, _, err := CollectFiles([]string{filepath.Join(dir, "tidak-ada")}); err == nil || !strings.Contains(err.Error(), "tidak ditemukan") {
		t.Errorf("missing argument: err = %v, want 'tidak ditemukan'", err)
	}
	// A file named explicitly is kept whatever its extension: the reader explains.
	files, _, err = CollectFiles([]string{filepath.Join(dir, "sub", "lama.xls")})
	if err != nil || len(files) != 1 {
		t.Errorf("explicit .xls: files = %q, err = %v; want it kept", files, err)
	}
}

func TestScoreFilesRosterMatching(t *testing.T) {
	useFakeReader(t)
	dir := writeFiles(t, map[string]string{
		"1.xlsx": "KEC. Sakra  Timur|kecamatan", // prefix and spaces tolerated
		"2.xlsx": "Sakra Barat|OPD",             // "Kecamatan" prefix missing: unique alt match; category from the roster
		"3.xlsx": "Dinas Kominfo|opd",           // not on the roster: typo of "Dinas Kominfo."? no: of "Dinas Komnfo"
		"4.xlsx": "Dinas Pertanan|OPD",          // typo: did you mean "Dinas Pertanian"
		"5.xlsx": "|OPD",                        // no name: file name used
	})
	roster := []questionnaire.Unit{
		{Name: "Kecamatan Sakra Timur", Category: "Kecamatan"},
		{Name: "Kecamatan Sakra Barat", Category: "Kecamatan"},
		{Name: "Dinas Pertanian", Category: "OPD"},
		{Name: "Kecamatan Sembalun", Category: "Kecamatan"}, // sent nothing
	}
	files, _, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	rep := ScoreFiles(context.Background(), testInstrument(), files, BatchOptions{Roster: roster, Workers: 2})

	type row struct {
		name, cat, file string
		status          Status
	}
	var got []row
	for _, s := range rep.Scores {
		got = append(got, row{s.Unit.Name, s.Unit.Category, filepath.Base(s.File), s.Status})
	}
	// Sorted by normalised name.
	wantNames := []row{
		{"5", "OPD", "5.xlsx", Scored},
		{"Dinas Kominfo", "OPD", "3.xlsx", Scored},
		{"Dinas Pertanan", "OPD", "4.xlsx", Scored},
		{"Dinas Pertanian", "OPD", ".", NotSubmitted}, // on the roster; its sheet misspells the name
		{"Kecamatan Sakra Barat", "Kecamatan", "2.xlsx", Scored},
		{"Kecamatan Sakra Timur", "Kecamatan", "1.xlsx", Scored},
		{"Kecamatan Sembalun", "Kecamatan", ".", NotSubmitted},
	}
	if len(got) != len(wantNames) {
		t.Fatalf("scores = %+v, want %d bodies", got, len(wantNames))
	}
	for i := range got {
		if got[i] != wantNames[i] {
			t.Errorf("score %d = %+v, want %+v", i, got[i], wantNames[i])
		}
	}

	codes := map[string][]string{}
	for _, f := range rep.Findings {
		codes[filepath.Base(f.File)] = append(codes[filepath.Base(f.File)], string(f.Code))
		if f.Code == CodeUnknownUnit && strings.HasSuffix(f.File, "4.xlsx") && !strings.Contains(f.Message, `"Dinas Pertanian"`) {
			t.Errorf("unknown-unit finding should suggest Dinas Pertanian: %q", f.Message)
		}
		if f.Code == CodeUnknownUnit && strings.HasSuffix(f.File, "3.xlsx") && strings.Contains(f.Message, "mungkin") {
			t.Errorf("no suggestion expected for a name far from every roster name: %q", f.Message)
		}
	}
	// Per file: reader findings sorted by cell (F9 before F10: numeric rows),
	// then the batch's own findings on the Identitas sheet (sheet name order).
	want := map[string][]string{
		"1.xlsx": {"a", "b"},
		"2.xlsx": {"kategori-berbeda", "a", "b"},
		"3.xlsx": {"badan-tidak-dikenal", "a", "b"},
		"4.xlsx": {"badan-tidak-dikenal", "a", "b"},
		"5.xlsx": {"badan-tanpa-nama", "badan-tidak-dikenal", "a", "b"},
	}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("finding codes by file = %v, want %v", codes, want)
	}
}

func TestScoreFilesDuplicates(t *testing.T) {
	useFakeReader(t)
	dir := writeFiles(t, map[string]string{
		"a/sakra.xlsx":       "Kecamatan Sakra|Kecamatan",
		"b/sakra-copy.xlsx":  "Kecamatan Sakra|Kecamatan", // byte-identical: scored once
		"a/selong.xlsx":      "Kecamatan Selong|Kecamatan",
		"b/selong-baru.xlsx": "Kec. Selong|Kecamatan", // same body, other content: neither ranked
		"c/rusak.xlsx":       "BROKEN",
		// No body named, same file name, different content: not a body at
		// all (the identity is unknown), so no score, only the findings.
		"d/laporan.xlsx": "|OPD",
		"e/laporan.xlsx": "|Kecamatan",
	})
	files, _, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	roster := []questionnaire.Unit{{Name: "Kecamatan Sakra", Category: "Kecamatan"}, {Name: "Kecamatan Selong", Category: "Kecamatan"}}
	rep := ScoreFiles(context.Background(), testInstrument(), files, BatchOptions{Roster: roster})

	// Every roster body appears exactly once: Sakra scored from its first
	// copy, Selong unscorable with both its files listed, in file order.
	type row struct {
		name, file string
		status     Status
	}
	var got []row
	for _, s := range rep.Scores {
		rel, _ := filepath.Rel(dir, s.File)
		if strings.Contains(s.File, "; ") {
			var parts []string
			for _, p := range strings.Split(s.File, "; ") {
				r, _ := filepath.Rel(dir, p)
				parts = append(parts, filepath.ToSlash(r))
			}
			rel = strings.Join(parts, "; ")
		}
		got = append(got, row{s.Unit.Name, filepath.ToSlash(rel), s.Status})
	}
	want := []row{
		{"Kecamatan Sakra", "a/sakra.xlsx", Scored},
		{"Kecamatan Selong", "a/selong.xlsx; b/selong-baru.xlsx", Unscorable},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scores = %+v, want %+v", got, want)
	}
	selong := &rep.Scores[1]
	if selong.Unit.Category != "Kecamatan" || selong.Fixes != nil || selong.Rounded != 0 || len(selong.Stages) != 0 {
		t.Errorf("unscorable score = %+v, want the roster unit, no fixes, no stages, 0", selong)
	}
	// Never ranked, whatever the not-submitted rule: listed apart.
	if len(rep.Ranking.Overall) != 1 || rep.Ranking.Overall[0].Score.Unit.Name != "Kecamatan Sakra" {
		t.Errorf("overall ranking = %+v, want Kecamatan Sakra alone", rep.Ranking.Overall)
	}
	if len(rep.Ranking.Unranked) != 1 || rep.Ranking.Unranked[0] != selong {
		t.Errorf("unranked = %+v, want Kecamatan Selong", rep.Ranking.Unranked)
	}
	var dupErrs, copies int
	for _, f := range rep.Findings {
		switch f.Code {
		case CodeDuplicateUnit:
			dupErrs++
			if f.Severity != questionnaire.Error {
				t.Errorf("%s must be an error", f.Code)
			}
			other := map[string]string{
				"a/selong.xlsx": "b/selong-baru.xlsx", "b/selong-baru.xlsx": "a/selong.xlsx",
				"d/laporan.xlsx": "e/laporan.xlsx", "e/laporan.xlsx": "d/laporan.xlsx",
			}[filepath.ToSlash(strings.TrimPrefix(f.File, dir+string(filepath.Separator)))]
			if other == "" || !strings.Contains(f.Message, filepath.FromSlash(other)) {
				t.Errorf("duplicate finding on %s should name %s: %q", f.File, other, f.Message)
			}
		case CodeDuplicateCopy:
			copies++
			if !strings.HasSuffix(f.File, "sakra-copy.xlsx") || f.Severity != questionnaire.Warning {
				t.Errorf("copy finding %+v: want a warning on the second file", f)
			}
		}
	}
	if dupErrs != 4 || copies != 1 {
		t.Errorf("badan-ganda = %d, berkas-kembar = %d; want 4 (two per body) and 1", dupErrs, copies)
	}
}

func TestScoreFilesStages(t *testing.T) {
	useFakeReader(t)
	dir := writeFiles(t, map[string]string{
		"1.xlsx": "Dinas Pertanian|OPD",
		"2.xlsx": "Kecamatan Sakra|Kecamatan",
	})
	files, _, _ := CollectFiles([]string{dir})
	var gotStages = map[string]map[string]*big.Rat{}
	old := scoreResponse
	scoreResponse = func(inst *questionnaire.Instrument, r *questionnaire.Response, u questionnaire.Unit, st map[string]*big.Rat) Score {
		gotStages[u.Name] = st
		return old(inst, r, u, st)
	}
	t.Cleanup(func() { scoreResponse = old })

	rep := ScoreFiles(context.Background(), testInstrument(), files, BatchOptions{
		Roster: []questionnaire.Unit{{Name: "Dinas Pertanian", Category: "OPD"}, {Name: "Kecamatan Sakra", Category: "Kecamatan"}, {Name: "Dinas Sosial", Category: "OPD"}},
		Stages: map[string]map[string]*big.Rat{
			"presentasi": {
				"DINAS PERTANIAN": big.NewRat(171, 2), // 85.5, matched by normalised name
				"Dinas Sosial":    big.NewRat(70, 1),  // on the roster, sent nothing: warning
				"Dinas Pertanin":  big.NewRat(60, 1),  // unknown: warning with suggestion
				"Sakra":           big.NewRat(3, 1),   // the roster's "Kecamatan Sakra"
			},
			"visitasi": {"Kecamatan Sakra": big.NewRat(50, 1)}, // not a stage of the instrument
		},
		StageFiles: map[string]string{"presentasi": "presentasi.csv", "visitasi": "visitasi.csv"},
	})
	if v := gotStages["Dinas Pertanian"]["presentasi"]; v == nil || v.Cmp(big.NewRat(171, 2)) != 0 {
		t.Errorf("Dinas Pertanian presentasi = %v, want 171/2", v)
	}
	if st := gotStages["Kecamatan Sakra"]; len(st) != 1 || st["presentasi"].Cmp(big.NewRat(3, 1)) != 0 {
		t.Errorf("Kecamatan Sakra stages = %v, want only presentasi 3 (visitasi is not a stage)", st)
	}
	var codes []string
	for _, f := range rep.Findings {
		if f.File == "presentasi.csv" || f.File == "visitasi.csv" {
			codes = append(codes, f.File+" "+string(f.Code))
			if f.Code == CodeStageUnknownUnit && !strings.Contains(f.Message, `"Dinas Pertanian"`) {
				t.Errorf("suggestion missing: %q", f.Message)
			}
		}
	}
	want := []string{
		"presentasi.csv " + string(CodeStageUnknownUnit),
		"presentasi.csv " + string(CodeStageNotSubmitted),
		"visitasi.csv " + string(CodeStageUnknownStage),
	}
	slices.Sort(codes)
	slices.Sort(want)
	if !slices.Equal(codes, want) {
		t.Errorf("stage findings = %q, want %q", codes, want)
	}
}

// The same files in any order and with any number of workers give the same report.
func TestScoreFilesDeterministic(t *testing.T) {
	useFakeReader(t)
	contents := map[string]string{}
	names := []string{"Dinas A", "Dinas B", "Kecamatan C", "Kec. D", "Dinas E", "Dinas F", "Kecamatan G", "Dinas H", "Dinas A", "x"}
	for i, n := range names {
		contents[filepath.Join(string(rune('a'+i%3)), n+".xlsx")] = n + "|OPD"
	}
	contents["rusak.xlsx"] = "BROKEN"
	contents["b/dup.xlsx"] = "Dinas B|OPD "
	dir := writeFiles(t, contents)
	files, _, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	inst := testInstrument()
	roster := []questionnaire.Unit{{Name: "Dinas A", Category: "OPD"}, {Name: "Dinas Z", Category: "OPD"}}
	run := func(fs []string, workers int) *Report {
		var calls []int
		rep := ScoreFiles(context.Background(), inst, fs, BatchOptions{Workers: workers, Roster: roster,
			Stages:   map[string]map[string]*big.Rat{"presentasi": {"Dinas A": big.NewRat(80, 1), "Dinas Q": big.NewRat(1, 1)}},
			Progress: func(done, total int) { calls = append(calls, done*1000+total) }})
		if len(calls) != len(fs) || calls[len(calls)-1] != len(fs)*1000+len(fs) {
			t.Errorf("progress calls = %v, want 1..%d of %d", calls, len(fs), len(fs))
		}
		rep.Generated = time.Time{}
		return rep
	}
	base := run(files, 1)
	if len(base.Scores) == 0 || len(base.Findings) == 0 || len(base.Ranking.Overall) == 0 {
		t.Fatal("empty report")
	}
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 5; trial++ {
		shuffled := slices.Clone(files)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := run(shuffled, 4); !reflect.DeepEqual(got, base) {
			t.Fatalf("trial %d: report differs with shuffled files and 4 workers", trial)
		}
	}
}

func TestScoreFilesReaderPanic(t *testing.T) {
	useReader(t, func(string, *questionnaire.Instrument, questionnaire.ReadOptions) (*questionnaire.Response, []questionnaire.Finding) {
		panic("boom")
	})
	rep := ScoreFiles(context.Background(), testInstrument(), []string{"x.xlsx"}, BatchOptions{})
	if len(rep.Findings) != 1 || rep.Findings[0].Code != CodeInternal || rep.Findings[0].File != "x.xlsx" {
		t.Errorf("findings = %+v, want one %s on x.xlsx", rep.Findings, CodeInternal)
	}
}

func TestScoreFilesCancelled(t *testing.T) {
	useFakeReader(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep := ScoreFiles(ctx, testInstrument(), []string{"a.xlsx", "b.xlsx"}, BatchOptions{Workers: 1})
	if len(rep.Scores) != 0 {
		t.Errorf("cancelled before start: %d scores, want 0", len(rep.Scores))
	}
	// With workers already waiting for a file, a cancelled context must
	// still win: a select between a ready worker and ctx.Done() picks either.
	files := make([]string, 64)
	for i := range files {
		files[i] = fmt.Sprintf("f%02d.xlsx", i)
	}
	for trial := 0; trial < 50; trial++ {
		rep := ScoreFiles(ctx, testInstrument(), files, BatchOptions{Workers: 8})
		if len(rep.Scores) != 0 || len(rep.Findings) != 0 {
			t.Fatalf("trial %d: cancelled before start, yet %d scores and %d findings", trial, len(rep.Scores), len(rep.Findings))
		}
	}
}

// SheetUnit: the name as written with spaces collapsed, the file name when
// the sheet names no body (punctuation alone is no name), the category in
// the instrument's spelling.
func TestSheetUnit(t *testing.T) {
	inst := questionnaire.Default()
	tests := []struct {
		unit, category, file string
		want                 questionnaire.Unit
		named                bool
	}{
		{"  Dinas   Sosial ", " opd", "masuk/a.xlsx", questionnaire.Unit{Name: "Dinas Sosial", Category: "OPD"}, true},
		{"", "KECAMATAN", "masuk/SAQ-Kecamatan-Sakra.xlsx", questionnaire.Unit{Name: "SAQ-Kecamatan-Sakra", Category: "Kecamatan"}, false},
		{" - ", "Desa", "b.XLSX", questionnaire.Unit{Name: "b", Category: "Desa"}, false},
	}
	for _, tt := range tests {
		resp := &questionnaire.Response{Identity: questionnaire.Identity{Unit: tt.unit, Category: tt.category}}
		got, named := SheetUnit(inst, resp, tt.file)
		if got != tt.want || named != tt.named {
			t.Errorf("SheetUnit(%q, %q, %q) = %+v, %v; want %+v, %v", tt.unit, tt.category, tt.file, got, named, tt.want, tt.named)
		}
	}
}

// A roster may spell a category differently from the instrument ("opd",
// " KECAMATAN"): bodies take the instrument's spelling, and a sheet that
// says "OPD" does not differ from a roster that says "opd".
func TestScoreFilesRosterCategorySpelling(t *testing.T) {
	useFakeReader(t)
	dir := writeFiles(t, map[string]string{
		"a.xlsx": "Dinas A|OPD",
		"b.xlsx": "Kecamatan B|kecamatan",
		"c.xlsx": "Dinas C|Kecamatan", // a real mismatch stays a warning
	})
	files, _, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	roster := []questionnaire.Unit{
		{Name: "Dinas A", Category: "opd"},
		{Name: "Kecamatan B", Category: " KECAMATAN "},
		{Name: "Dinas C", Category: "OPD"},
		{Name: "Dinas Z", Category: "Opd"},
		{Name: "Dinas Z.", Category: "OPD"}, // the same body once normalised: listed once, the first kept
	}
	rep := ScoreFiles(context.Background(), testInstrument(), files, BatchOptions{Roster: roster})
	if len(rep.Scores) != 4 {
		t.Errorf("%d scores, want 4 (Dinas Z once)", len(rep.Scores))
	}
	got := map[string]string{}
	for _, s := range rep.Scores {
		got[s.Unit.Name] = s.Unit.Category
	}
	want := map[string]string{"Dinas A": "OPD", "Kecamatan B": "Kecamatan", "Dinas C": "OPD", "Dinas Z": "OPD"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("categories = %v, want %v", got, want)
	}
	var mismatches []string
	for _, f := range rep.Findings {
		if f.Code == CodeCategoryMismatch {
			mismatches = append(mismatches, filepath.Base(f.File))
		}
	}
	if !reflect.DeepEqual(mismatches, []string{"c.xlsx"}) {
		t.Errorf("%s findings on %v, want only on c.xlsx", CodeCategoryMismatch, mismatches)
	}
}

// Without a roster, spellings of an unlisted category that differ only in
// case or spacing are one category on every score, the one Rank uses.
func TestScoreFilesCategorySpellingWithoutRoster(t *testing.T) {
	useFakeReader(t)
	dir := writeFiles(t, map[string]string{
		"p.xlsx": "Desa P|desa",
		"q.xlsx": "Desa Q|Desa ",
		"r.xlsx": "Dinas R|opd",
	})
	files, _, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	rep := ScoreFiles(context.Background(), testInstrument(), files, BatchOptions{})
	got := map[string]string{}
	for _, s := range rep.Scores {
		got[s.Unit.Name] = s.Unit.Category
	}
	// "Desa" < "desa" in byte order; "opd" is the instrument's "OPD".
	want := map[string]string{"Desa P": "Desa", "Desa Q": "Desa", "Dinas R": "OPD"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("categories = %v, want %v", got, want)
	}
	var cats []string
	for _, c := range rep.Ranking.Categories {
		cats = append(cats, c.Category)
	}
	if !reflect.DeepEqual(cats, []string{"OPD", "Desa"}) {
		t.Errorf("ranking categories = %v, want [OPD Desa]", cats)
	}
}

func TestMatchFileName(t *testing.T) {
	ri := newRosterIndex(testInstrument(), []questionnaire.Unit{
		{Name: "Sekretariat DPRD", Category: "OPD"},      // SAQ-OPD-Sekretariat-DPRD
		{Name: "Kecamatan Sakra", Category: "Kecamatan"}, // SAQ-Kecamatan-Sakra
		{Name: "Dinas Sosial", Category: "OPD"},          // SAQ-OPD-Dinas-Sosial
		{Name: "Dinas Sosial 2", Category: "OPD"},        // SAQ-OPD-Dinas-Sosial-2
		{Name: "Dinas O'Neil", Category: "OPD"},          // SAQ-OPD-Dinas-ONeil
		{Name: "Dinas ONeil", Category: "OPD"},           // SAQ-OPD-Dinas-ONeil too: ambiguous
	})
	tests := []struct{ file, want string }{
		{"masuk/opd/SAQ-OPD-Sekretariat-DPRD.xlsx", "Sekretariat DPRD"},
		{"saq-opd-sekretariat-dprd.XLSX", "Sekretariat DPRD"}, // case ignored
		{"SAQ-OPD-Sekretariat-DPRD.xls", "Sekretariat DPRD"},  // extension ignored
		{"SAQ-Kecamatan-Sakra (1).xlsx", "Kecamatan Sakra"},
		{"SAQ-Kecamatan-Sakra-revisi.xlsx", "Kecamatan Sakra"},
		{"SAQ-Kecamatan-Sakra_Rev.xlsx", "Kecamatan Sakra"},
		{"SAQ-Kecamatan-Sakra-revisi (2).xlsx", "Kecamatan Sakra"}, // one suffix at a time
		{"SAQ-Kecamatan-Sakra-3.xlsx", "Kecamatan Sakra"},
		{"SAQ-OPD-Dinas-Sosial-2.xlsx", "Dinas Sosial 2"}, // the exact name wins over trimming "-2"
		{"SAQ-OPD-Dinas-Sosial-2 (1).xlsx", "Dinas Sosial 2"},
		{"SAQ-OPD-Dinas-Sosial-3.xlsx", "Dinas Sosial"},
		{"SAQ-OPD-Dinas-ONeil.xlsx", ""},     // two bodies share the name
		{"SAQ-OPD-Dinas-ONeil (1).xlsx", ""}, // still two after trimming
		{"SAQ-Kecamatan-Sakra-Timur.xlsx", ""},
		{"SAQ-OPD-Sekretariat-DPRD-final.xlsx", ""}, // not a copy suffix
		{"Sekretariat DPRD.xlsx", ""},               // not the template name
		{"laporan.xlsx", ""},
		{"(1).xlsx", ""},
	}
	for _, tt := range tests {
		got := ""
		if u := ri.matchFileName(tt.file); u != nil {
			got = u.Name
		}
		if got != tt.want {
			t.Errorf("matchFileName(%q) = %q, want %q", tt.file, got, tt.want)
		}
	}
	if u := newRosterIndex(testInstrument(), nil).matchFileName("SAQ-OPD-Sekretariat-DPRD.xlsx"); u != nil {
		t.Errorf("no roster: matched %q", u.Name)
	}
}

// A roster body whose only files cannot be read, named like its template, is
// "tidak dapat dinilai" (unreadable: ask for a resend), never ranked; a
// broken file with another name leaves its body "tidak mengisi"; a broken
// copy of a body that also sent a readable sheet changes nothing.
func TestScoreFilesUnreadableAttributed(t *testing.T) {
	useFakeReader(t)
	dir := writeFiles(t, map[string]string{
		"opd/SAQ-OPD-Sekretariat-DPRD.xlsx":           "BROKEN",
		"opd/laporan-dinsos.xlsx":                     "BROKEN", // Dinas Sosial: not its template name
		"opd/SAQ-OPD-Dinas-Pariwisata.xlsx":           "BROKEN",
		"opd/SAQ-OPD-Dinas-Pariwisata (1).xlsx":       "BROKEN",
		"opd/pertanian.xlsx":                          "Dinas Pertanian|OPD",
		"opd/SAQ-OPD-Dinas-Pertanian-revisi.xlsx":     "BROKEN", // Pertanian has a readable sheet
		"kecamatan/saq-kecamatan-sakra-revisi.xlsx":   "BROKEN",
		"kecamatan/SAQ-Kecamatan-Sakra-Timur-2.xlsx":  "Kecamatan Sakra Timur|Kecamatan",
		"kecamatan/SAQ-Kecamatan-Labuhan-Haji-x.xlsx": "BROKEN", // "-x" is no copy suffix
	})
	roster := []questionnaire.Unit{
		{Name: "Sekretariat DPRD", Category: "OPD"},
		{Name: "Dinas Sosial", Category: "OPD"},
		{Name: "Dinas Pariwisata", Category: "OPD"},
		{Name: "Dinas Pertanian", Category: "OPD"},
		{Name: "Kecamatan Sakra", Category: "Kecamatan"},
		{Name: "Kecamatan Sakra Timur", Category: "Kecamatan"},
		{Name: "Kecamatan Labuhan Haji", Category: "Kecamatan"},
	}
	files, _, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	inst := testInstrument()
	run := func(fs []string, workers int) *Report {
		rep := ScoreFiles(context.Background(), inst, fs, BatchOptions{Roster: roster, Workers: workers})
		rep.Generated = time.Time{}
		return rep
	}
	rep := run(files, 2)

	type row struct {
		name, file string
		status     Status
		why        UnscorableReason
	}
	rel := func(s string) string {
		var parts []string
		for _, p := range strings.Split(s, "; ") {
			if p == "" {
				continue
			}
			r, _ := filepath.Rel(dir, p)
			parts = append(parts, filepath.ToSlash(r))
		}
		return strings.Join(parts, "; ")
	}
	var got []row
	for _, s := range rep.Scores {
		got = append(got, row{s.Unit.Name, rel(s.File), s.Status, s.UnscorableReason})
	}
	want := []row{
		// Both of its files, in file-name order (' ' < '.').
		{"Dinas Pariwisata", "opd/SAQ-OPD-Dinas-Pariwisata (1).xlsx; opd/SAQ-OPD-Dinas-Pariwisata.xlsx", Unscorable, UnscorableUnreadable},
		{"Dinas Pertanian", "opd/pertanian.xlsx", Scored, 0},
		{"Dinas Sosial", "", NotSubmitted, 0},
		{"Kecamatan Labuhan Haji", "", NotSubmitted, 0},
		{"Kecamatan Sakra", "kecamatan/saq-kecamatan-sakra-revisi.xlsx", Unscorable, UnscorableUnreadable},
		{"Kecamatan Sakra Timur", "kecamatan/SAQ-Kecamatan-Sakra-Timur-2.xlsx", Scored, 0},
		{"Sekretariat DPRD", "opd/SAQ-OPD-Sekretariat-DPRD.xlsx", Unscorable, UnscorableUnreadable},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scores =\n%+v\nwant\n%+v", got, want)
	}
	for _, s := range rep.Scores {
		if s.Status == Unscorable && (s.Unit.Category != "OPD" && s.Unit.Category != "Kecamatan" || s.Fixes != nil || s.Rounded != 0) {
			t.Errorf("unreadable score %+v: want the roster unit, no fixes, 0", s)
		}
	}
	// Ranked: the two scored bodies and the two that sent nothing (the test
	// instrument ranks those with 0); the three unreadable ones are apart.
	var ranked, unranked []string
	for _, e := range rep.Ranking.Overall {
		ranked = append(ranked, e.Score.Unit.Name)
	}
	for _, s := range rep.Ranking.Unranked {
		unranked = append(unranked, s.Unit.Name)
	}
	slices.Sort(ranked)
	slices.Sort(unranked)
	if want := []string{"Dinas Pertanian", "Dinas Sosial", "Kecamatan Labuhan Haji", "Kecamatan Sakra Timur"}; !slices.Equal(ranked, want) {
		t.Errorf("ranked = %q, want %q", ranked, want)
	}
	if want := []string{"Dinas Pariwisata", "Kecamatan Sakra", "Sekretariat DPRD"}; !slices.Equal(unranked, want) {
		t.Errorf("unranked = %q, want %q", unranked, want)
	}
	// One warning per attributed file, naming the body; the reader's error stays.
	var attributed []string
	broken := 0
	for _, f := range rep.Findings {
		switch f.Code {
		case CodeUnreadableAttributed:
			attributed = append(attributed, rel(f.File))
			if f.Severity != questionnaire.Warning || !strings.Contains(f.Message, "tidak dapat dinilai") {
				t.Errorf("attribution finding %+v: want a warning saying 'tidak dapat dinilai'", f)
			}
			if strings.Contains(f.File, "Sekretariat-DPRD") && !strings.Contains(f.Message, `"Sekretariat DPRD"`) {
				t.Errorf("attribution finding should name the body: %q", f.Message)
			}
		case "berkas-rusak":
			broken++
		}
	}
	if want := []string{"kecamatan/saq-kecamatan-sakra-revisi.xlsx", "opd/SAQ-OPD-Dinas-Pariwisata (1).xlsx", "opd/SAQ-OPD-Dinas-Pariwisata.xlsx", "opd/SAQ-OPD-Sekretariat-DPRD.xlsx"}; !slices.Equal(attributed, want) {
		t.Errorf("attributed files = %q, want %q", attributed, want)
	}
	if broken != 7 {
		t.Errorf("reader errors = %d, want 7 (one per broken file)", broken)
	}

	// The same report whatever the order of files and number of workers.
	rng := rand.New(rand.NewSource(11))
	for trial := 0; trial < 5; trial++ {
		shuffled := slices.Clone(files)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := run(shuffled, 1+trial%3); !reflect.DeepEqual(got, rep) {
			t.Fatalf("trial %d: report differs with shuffled files", trial)
		}
	}
}

func TestAsSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"berkas bukan kuesioner .xlsx dan dilewati", "Berkas bukan kuesioner .xlsx dan dilewati."},
		{"Butir 1.1.1 belum dijawab; butir ini bernilai 0.", "Butir 1.1.1 belum dijawab; butir ini bernilai 0."}, // already a sentence
		{"ada di daftar; mungkin maksudnya \"Kecamatan Sakra\"?", "Ada di daftar; mungkin maksudnya \"Kecamatan Sakra\"?"},
		{"  nilai kosong ", "Nilai kosong."},
		{"\"KEC. SAKRA\" sudah tercantum di baris 2", "\"KEC. SAKRA\" sudah tercantum di baris 2."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := asSentence(tt.in); got != tt.want {
			t.Errorf("asSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
