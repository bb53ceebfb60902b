package questionnaire

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeTestTemplate writes a template of the test instrument and reopens it.
func writeTestTemplate(t *testing.T, inst *Instrument, u Unit) ([]byte, *excelize.File) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, inst, u); err != nil {
		t.Fatalf("WriteTemplate: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return buf.Bytes(), f
}

// zipPart returns one part of an .xlsx package.
func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("part %s not found", name)
	return ""
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	return v
}

func TestWriteTemplateSheets(t *testing.T) {
	inst := templateTestInstrument()
	data, f := writeTestTemplate(t, inst, Unit{Name: " Kecamatan  Sakra Timur ", Category: "kecamatan"})

	want := []string{SheetGuide, SheetIdentity, SheetQuestions, SheetOptions, SheetMeta}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet = %d, want 0 (%s)", f.GetActiveSheetIndex(), SheetGuide)
	}
	// Visibility, read from workbook.xml: excelize's GetSheetVisible does not
	// tell hidden from very hidden.
	wb := zipPart(t, data, "xl/workbook.xml")
	states := map[string]string{}
	for _, m := range regexp.MustCompile(`<sheet name="([^"]+)"[^>]*?(?: state="([^"]+)")?/?>`).FindAllStringSubmatch(wb, -1) {
		states[m[1]] = m[2]
	}
	wantStates := map[string]string{SheetGuide: "", SheetIdentity: "", SheetQuestions: "", SheetOptions: "hidden", SheetMeta: "veryHidden"}
	if !reflect.DeepEqual(states, wantStates) {
		t.Errorf("sheet states = %v, want %v", states, wantStates)
	}

	// Every sheet is protected, without a password, in the usable way, and
	// has a dimension that is not the bare "A1" excelize writes by default.
	wantDims := map[string]string{
		SheetIdentity:  "A1:B9",  // title, labels in rows 3–7, note in row 9
		SheetQuestions: "A1:I15", // 4 title/header rows + 3 indicator rows + 8 items
		SheetOptions:   "A1:B7",  // two lists: 3 levels in A2:A4, 6 long levels in B2:B7
		SheetMeta:      "A1:B5",  // five keys
	}
	for i, s := range want {
		p, err := f.GetSheetProtection(s)
		if err != nil {
			t.Fatal(err)
		}
		if !p.SelectLockedCells || !p.SelectUnlockedCells || !p.FormatColumns || !p.FormatRows || !p.InsertHyperlinks ||
			p.FormatCells || p.InsertRows || p.DeleteRows || p.InsertColumns || p.DeleteColumns || p.Sort {
			t.Errorf("%s: protection options = %+v", s, p)
		}
		xml := zipPart(t, data, "xl/worksheets/sheet"+string(rune('1'+i))+".xml")
		if !strings.Contains(xml, "<sheetProtection") || strings.Contains(xml, "password=") || strings.Contains(xml, "hashValue=") {
			t.Errorf("%s: sheetProtection missing or with a password", s)
		}
		dim, err := f.GetSheetDimension(s)
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := wantDims[s]; ok && dim != w {
			t.Errorf("%s: dimension = %q, want %q", s, dim, w)
		}
		if !strings.HasPrefix(dim, "A1:") {
			t.Errorf("%s: dimension = %q, want a range from A1", s, dim)
		}
	}
	rows, err := f.GetRows(SheetGuide)
	if err != nil {
		t.Fatal(err)
	}
	if dim, _ := f.GetSheetDimension(SheetGuide); dim != "A1:A"+strconv.Itoa(len(rows)) {
		t.Errorf("%s: dimension = %q, want A1:A%d", SheetGuide, dim, len(rows))
	}
	// The bands as scoring.Qualify reads them: every band excludes its Max
	// except the top one, which includes 100.
	var bands []string
	for _, r := range rows {
		for _, band := range inst.Bands {
			if len(r) > 0 && strings.HasPrefix(r[0], band.Label+": nilai ") {
				bands = append(bands, r[0])
			}
		}
	}
	wantBands := []string{
		"Informatif: nilai 90 sampai 100",
		"Menuju Informatif: nilai 80 sampai kurang dari 90",
		"Cukup Informatif: nilai 60 sampai kurang dari 80",
		"Kurang Informatif: nilai 40 sampai kurang dari 60",
		"Tidak Informatif: nilai 0 sampai kurang dari 40",
	}
	if !reflect.DeepEqual(bands, wantBands) {
		t.Errorf("%s band lines = %q, want %q", SheetGuide, bands, wantBands)
	}
}

func TestWriteTemplateQuestions(t *testing.T) {
	inst := templateTestInstrument()
	_, f := writeTestTemplate(t, inst, Unit{Name: "Kecamatan Sakra Timur", Category: "Kecamatan"})
	const s = SheetQuestions

	for i, h := range QuestionColumns {
		ref, _ := excelize.CoordinatesToCellName(i+1, HeaderRow)
		if got := cell(t, f, s, ref); got != h {
			t.Errorf("header %s = %q, want %q", ref, got, h)
		}
	}
	// Rows below the header, by hand from the test instrument: a group row per
	// indicator, then its items in instrument order.
	wantA := []string{"1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "3", "3.1"}
	for i, code := range wantA {
		row := strconv.Itoa(HeaderRow + 1 + i)
		if got := cell(t, f, s, "A"+row); got != code {
			t.Errorf("A%s = %q, want %q", row, got, code)
		}
		if ind := inst.Indicator(code); ind != nil {
			continue
		}
		it := inst.Item(code)
		if got := cell(t, f, s, "C"+row); got != it.Question {
			t.Errorf("C%s = %q, want the question of %s", row, got, code)
		}
		if got := cell(t, f, s, "B"+row); got != inst.Indicator(it.Indicator).Name {
			t.Errorf("B%s = %q, want indicator name", row, got)
		}
		if got, want := cell(t, f, s, "E"+row), it.MaxPoints.String(); got != want {
			t.Errorf("E%s = %q, want %q", row, got, want)
		}
		for _, col := range []string{"F", "G", "H", "I"} {
			if got := cell(t, f, s, col+row); got != "" {
				t.Errorf("%s%s = %q, want blank", col, row, got)
			}
		}
	}
	if got := cell(t, f, s, "A16"); got != "" {
		t.Errorf("A16 = %q, want nothing after the last item", got)
	}
	// Group rows: the indicator title merged across B:I.
	merged, err := f.GetMergeCells(s)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]string{}
	for _, m := range merged {
		groups[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	for ref, want := range map[string]string{
		"B5:I5":   "Jenis Informasi (bobot 40%)",
		"B10:I10": "Digitalisasi (bobot 32,5%)",
		"B14:I14": "Komitmen Organisasi (bobot 27,5%)",
	} {
		if groups[ref] != want {
			t.Errorf("merged %s = %q, want %q", ref, groups[ref], want)
		}
	}
	// Guidance: evidence note, how to answer, tiers, group.
	guidance := []struct {
		ref      string
		contains []string
		not      []string
	}{
		{"D6", []string{"Unggah SK penetapan DIP.", "Wajib bukti", "Pilih Ya atau Tidak"}, []string{"Kelompok"}},
		{"D7", []string{"Wajib bukti", "Kelompok A (butir 1.2, 1.3)"}, nil},
		{"D8", []string{"Kelompok A (butir 1.2, 1.3)"}, []string{"Wajib bukti"}},
		{"D9", []string{"Lengkap (100%); Sebagian (50%); Tidak ada (0%)"}, nil},
		// tiers 1→2, 5→4, 10→6 read as 1–4, 5–9, ≥ 10
		{"D11", []string{"Poin: 1–4: 2; 5–9: 4; ≥ 10: 6."}, []string{"Wajib bukti"}},
	}
	for _, g := range guidance {
		got := cell(t, f, s, g.ref)
		for _, c := range g.contains {
			if !strings.Contains(got, c) {
				t.Errorf("%s = %q, want it to contain %q", g.ref, got, c)
			}
		}
		for _, c := range g.not {
			if strings.Contains(got, c) {
				t.Errorf("%s = %q, must not contain %q", g.ref, got, c)
			}
		}
	}

	// Frozen below the header, after column C.
	p, err := f.GetPanes(s)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.XSplit != 3 || p.YSplit != HeaderRow || p.TopLeftCell != "D5" {
		t.Errorf("panes = %+v, want frozen at D5 (3 columns, %d rows)", p, HeaderRow)
	}
	// Printing: A4 landscape, one page wide, header row repeated.
	pl, err := f.GetPageLayout(s)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout = size %d, %s, fit %v×%v", *pl.Size, *pl.Orientation, pl.FitToWidth, pl.FitToHeight)
	}
	props, err := f.GetSheetProps(s)
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Error("fitToPage not set: Excel ignores fitToWidth without it")
	}
	var titles []excelize.DefinedName
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles = append(titles, d)
		}
	}
	if len(titles) != 1 || titles[0].Scope != s || titles[0].RefersTo != "'Kuesioner'!$4:$4" {
		t.Errorf("print titles = %+v, want one on %s for row %d", titles, s, HeaderRow)
	}
}

func TestWriteTemplateValidations(t *testing.T) {
	_, f := writeTestTemplate(t, templateTestInstrument(), Unit{Name: "Dinas Sosial", Category: "OPD"})
	dvs, err := f.GetDataValidations(SheetQuestions)
	if err != nil {
		t.Fatal(err)
	}
	type dvWant struct{ typ, op, formula string }
	got := map[string]dvWant{}
	for _, dv := range dvs {
		got[dv.Sqref] = dvWant{dv.Type, dv.Operator, dv.Formula1}
		if dv.Type != "none" && (!dv.ShowErrorMessage || dv.Error == nil || *dv.Error == "") {
			t.Errorf("%s: no error message", dv.Sqref)
		}
		if !dv.ShowInputMessage || dv.Prompt == nil || *dv.Prompt == "" {
			t.Errorf("%s: no input message", dv.Sqref)
		}
		if dv.PromptTitle != nil && len([]rune(*dv.PromptTitle)) > 32 || dv.Prompt != nil && len([]rune(*dv.Prompt)) > 255 {
			t.Errorf("%s: prompt longer than Excel allows", dv.Sqref)
		}
	}
	// Rows by hand: items 1.1–1.3 in rows 6–8 (Ya/Tidak), 1.4 row 9 and 2.2
	// row 12 (same 3 levels), 2.1 row 11 (count), 2.3 row 13 (6 long levels),
	// 3.1 row 15 (Ya/Tidak). Evidence required for 1.1, 1.2, 3.1.
	want := map[string]dvWant{
		"F6:F8 F15":         {"list", "", `"Ya,Tidak"`},
		"F9 F12":            {"list", "", "'_pilihan'!$A$2:$A$4"},
		"F13":               {"list", "", "'_pilihan'!$B$2:$B$7"},
		"F11":               {"whole", "greaterThanOrEqual", "0"},
		"G6:G7 G15":         {"none", "", ""},
		"G8:G9 G11:G13":     {"none", "", ""},
		"I6:I9 I11:I13 I15": {"list", "", `"Diterima,Ditolak"`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("validations:\n got %v\nwant %v", got, want)
	}
	// The option lists behind the ranges.
	inst := templateTestInstrument()
	for col, item := range map[string]string{"A": "1.4", "B": "2.3"} {
		for i, l := range inst.Item(item).Levels {
			ref := col + strconv.Itoa(i+2)
			if v := cell(t, f, SheetOptions, ref); v != l.Label {
				t.Errorf("%s!%s = %q, want %q", SheetOptions, ref, v, l.Label)
			}
		}
	}
	// The Identitas category drop-down lists the instrument's categories.
	idv, err := f.GetDataValidations(SheetIdentity)
	if err != nil {
		t.Fatal(err)
	}
	var cat *excelize.DataValidation
	for _, dv := range idv {
		if dv.Sqref == "B4" {
			cat = dv
		}
	}
	if cat == nil || cat.Type != "list" || cat.Formula1 != `"OPD,Kecamatan"` {
		t.Errorf("Identitas!B4 validation = %+v, want list OPD,Kecamatan", cat)
	}
}

func TestWriteTemplateLockedCells(t *testing.T) {
	_, f := writeTestTemplate(t, templateTestInstrument(), Unit{Name: "Dinas Sosial", Category: "OPD"})
	locked := func(sheet, ref string) bool {
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	cases := []struct {
		sheet  string
		refs   []string
		locked bool
	}{
		{SheetQuestions, []string{"F6", "G6", "H6", "I6", "F11", "G13", "I15"}, false},
		{SheetQuestions, []string{"A1", "A4", "F4", "A5", "B5", "I5", "A6", "B6", "C6", "D6", "E6", "A16"}, true},
		{SheetIdentity, []string{"B3", "B4", "B5", "B6", "B7"}, false},
		{SheetIdentity, []string{"A1", "A3", "A7", "B8"}, true},
		{SheetGuide, []string{"A1", "A5"}, true},
	}
	for _, c := range cases {
		for _, ref := range c.refs {
			if got := locked(c.sheet, ref); got != c.locked {
				t.Errorf("%s!%s locked = %v, want %v", c.sheet, ref, got, c.locked)
			}
		}
	}
}

func TestWriteTemplateIdentityAndMeta(t *testing.T) {
	inst := templateTestInstrument()
	_, f := writeTestTemplate(t, inst, Unit{Name: "Kecamatan Sakra Timur", Category: "KECAMATAN"})
	for i, label := range IdentityLabels {
		if got := cell(t, f, SheetIdentity, "A"+strconv.Itoa(identityFirstRow+i)); got != label {
			t.Errorf("Identitas A%d = %q, want %q", identityFirstRow+i, got, label)
		}
	}
	wantB := []string{"Kecamatan Sakra Timur", "Kecamatan", "", "", ""} // category in the instrument's spelling
	for i, w := range wantB {
		if got := cell(t, f, SheetIdentity, "B"+strconv.Itoa(identityFirstRow+i)); got != w {
			t.Errorf("Identitas B%d = %q, want %q", identityFirstRow+i, got, w)
		}
	}
	meta := [][2]string{
		{MetaInstrumentID, "uji-monev"},
		{MetaVersion, "2026.1"},
		{MetaFingerprint, inst.QuestionsFingerprint()},
		{MetaUnit, "Kecamatan Sakra Timur"},
		{MetaCategory, "Kecamatan"},
	}
	props, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	custom := map[string]any{}
	for _, p := range props {
		custom[p.Name] = p.Value
	}
	for i, kv := range meta {
		if k, v := cell(t, f, SheetMeta, "A"+strconv.Itoa(i+1)), cell(t, f, SheetMeta, "B"+strconv.Itoa(i+1)); k != kv[0] || v != kv[1] {
			t.Errorf("_monev row %d = %q/%q, want %q/%q", i+1, k, v, kv[0], kv[1])
		}
		if got := custom["monev_"+kv[0]]; got != kv[1] {
			t.Errorf("custom property monev_%s = %v, want %q", kv[0], got, kv[1])
		}
	}
	if len(custom) != len(meta) {
		t.Errorf("custom properties = %v, want exactly the %d monev_ keys", custom, len(meta))
	}
	doc, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Created != "2026-01-01T00:00:00Z" || doc.Language != "id-ID" {
		t.Errorf("doc props created %q language %q", doc.Created, doc.Language)
	}
	// Petunjuk names the instrument and says the protection has no password.
	rows, _ := f.GetRows(SheetGuide)
	guide := ""
	for _, r := range rows {
		guide += strings.Join(r, " ") + "\n"
	}
	for _, want := range []string{"Monev KIP Uji (versi 2026.1)", "TANPA kata sandi", "Wajib bukti", "Verifikasi", "SAQ 80% + Presentasi 20%", "Digitalisasi — bobot 32,5% (3 butir, poin maks 12,5)"} {
		if !strings.Contains(guide, want) {
			t.Errorf("Petunjuk does not mention %q", want)
		}
	}
}

func TestWriteTemplateDeterministic(t *testing.T) {
	u := Unit{Name: "Dinas Sosial", Category: "OPD"}
	a, _ := writeTestTemplate(t, templateTestInstrument(), u)
	b, _ := writeTestTemplate(t, templateTestInstrument(), u)
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same template differ")
	}
	c, _ := writeTestTemplate(t, templateTestInstrument(), Unit{Name: "Dinas Sosial ", Category: "opd"})
	if !bytes.Equal(a, c) {
		t.Error("a unit differing only in spaces and category case gives another file")
	}
}

func TestWriteTemplateErrors(t *testing.T) {
	noItems := templateTestInstrument()
	noItems.Items = nil
	badRef := templateTestInstrument()
	badRef.Items[0].Indicator = "9"
	ok := Unit{Name: "Dinas Sosial", Category: "OPD"}
	tests := []struct {
		name string
		inst *Instrument
		unit Unit
		want string
	}{
		{"nil instrument", nil, ok, "instrumen kosong"},
		// These two are caught by Validate or, failing that, by the writer
		// itself; both name the offending part.
		{"no items", noItems, ok, "butir"},
		{"unknown indicator", badRef, ok, "9"},
		{"blank name", templateTestInstrument(), Unit{Name: "  ", Category: "OPD"}, "nama badan publik kosong"},
		{"unknown category", templateTestInstrument(), Unit{Name: "Desa Sakra", Category: "Desa"}, `kategori "Desa" tidak dikenal oleh instrumen; pilihan: OPD, Kecamatan`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteTemplate(&buf, tt.inst, tt.unit)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

func TestTemplateFileName(t *testing.T) {
	tests := []struct {
		unit Unit
		want string
	}{
		{Unit{"Sakra Timur", "Kecamatan"}, "SAQ-Kecamatan-Sakra-Timur.xlsx"},
		{Unit{"Kecamatan Sakra Timur", "Kecamatan"}, "SAQ-Kecamatan-Sakra-Timur.xlsx"}, // the category is not repeated
		{Unit{"KECAMATAN  Sakra", "kecamatan"}, "SAQ-kecamatan-Sakra.xlsx"},
		{Unit{"Kecamatan", "Kecamatan"}, "SAQ-Kecamatan-Kecamatan.xlsx"}, // nothing after it: kept
		{Unit{"Kecamatanku", "Kecamatan"}, "SAQ-Kecamatan-Kecamatanku.xlsx"},
		{Unit{"Dinas Komunikasi, Informatika dan Persandian", "OPD"}, "SAQ-OPD-Dinas-Komunikasi-Informatika-dan-Persandian.xlsx"},
		{Unit{"Dinas Pariwisata & Kebudayaan (Disparbud)", "OPD"}, "SAQ-OPD-Dinas-Pariwisata-Kebudayaan-Disparbud.xlsx"},
		{Unit{"Sékretariat Déwan", "OPD"}, "SAQ-OPD-Sekretariat-Dewan.xlsx"},
		{Unit{"Jum'at/Sabtu", "OPD"}, "SAQ-OPD-Jumat-Sabtu.xlsx"},
		{Unit{"RSUD dr. R. Soedjono", "OPD"}, "SAQ-OPD-RSUD-dr-R-Soedjono.xlsx"},
		{Unit{"Straße Øst", "Desa"}, "SAQ-Desa-Strasse-Ost.xlsx"},
		{Unit{"CON", "OPD"}, "SAQ-OPD-CON.xlsx"}, // reserved alone, harmless after the prefix
		{Unit{"...", "OPD"}, "SAQ-OPD-Tanpa-Nama.xlsx"},
		{Unit{"Sakra", ""}, "SAQ-Sakra.xlsx"},
		{Unit{"  Sakra   Barat.  ", " Kecamatan "}, "SAQ-Kecamatan-Sakra-Barat.xlsx"},
		{Unit{"Kantor 漢字 Desa", "OPD"}, "SAQ-OPD-Kantor-Desa.xlsx"},
		// 40 × "Badan " folds to 239 characters; cut at 80 and back to the
		// last '-' (index 77) leaves 12 × "Badan-" + "Badan".
		{Unit{strings.Repeat("Badan ", 40), "OPD"}, "SAQ-OPD-" + strings.Repeat("Badan-", 12) + "Badan.xlsx"},
	}
	safe := regexp.MustCompile(`^SAQ(-[A-Za-z0-9]+)+\.xlsx$`)
	for _, tt := range tests {
		got := TemplateFileName(tt.unit)
		if got != tt.want {
			t.Errorf("TemplateFileName(%q, %q) = %q, want %q", tt.unit.Name, tt.unit.Category, got, tt.want)
		}
		if !safe.MatchString(got) {
			t.Errorf("%q is not a safe name", got)
		}
	}
}

func FuzzTemplateFileName(f *testing.F) {
	for _, s := range []string{"Sakra Timur", "Dinas Ké-", "-..-", "ÆØÅ", strings.Repeat("é", 100), "a\x00b/c\\d:e"} {
		f.Add(s, "OPD")
	}
	safe := regexp.MustCompile(`^SAQ(-[A-Za-z0-9]+)+\.xlsx$`)
	f.Fuzz(func(t *testing.T, name, category string) {
		got := TemplateFileName(Unit{Name: name, Category: category})
		if !safe.MatchString(got) || len(got) > 4+maxFileCategory+1+maxFileName+5 {
			t.Errorf("TemplateFileName(%q, %q) = %q", name, category, got)
		}
	})
}

func TestWriteTemplates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "templat")
	units := []Unit{
		{"Sakra 2", "Kecamatan"},
		{"Sakra", "Kecamatan"},
		{"SAKRA", "kecamatan"}, // same name as the previous one on Windows
		{"Sakra", "Kecamatan"},
		{"Dinas Sosial", "OPD"},
	}
	paths, err := WriteTemplates(dir, templateTestInstrument(), units)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"SAQ-Kecamatan-Sakra-2.xlsx",
		"SAQ-Kecamatan-Sakra.xlsx",
		"SAQ-Kecamatan-SAKRA-3.xlsx", // -2 is taken by "Sakra 2"
		"SAQ-Kecamatan-Sakra-4.xlsx",
		"SAQ-OPD-Dinas-Sosial.xlsx",
	}
	for i := range want {
		want[i] = filepath.Join(dir, want[i])
	}
	if !reflect.DeepEqual(paths, want) {
		t.Fatalf("paths =\n%v\nwant\n%v", paths, want)
	}
	for i, p := range paths {
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := cell(t, f, SheetMeta, "B4"); got != units[i].Name {
			t.Errorf("%s: unit %q, want %q", p, got, units[i].Name)
		}
		f.Close()
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(want) {
		t.Errorf("dir holds %d entries, want %d (no temporary files)", len(entries), len(want))
	}

	// One bad unit: nothing is written.
	empty := filepath.Join(t.TempDir(), "kosong")
	_, err = WriteTemplates(empty, templateTestInstrument(), []Unit{{"Dinas Sosial", "OPD"}, {"Desa Sakra", "Desa"}})
	if err == nil || !strings.Contains(err.Error(), "badan publik ke-2") {
		t.Fatalf("err = %v, want a complaint about unit 2", err)
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("output dir created despite the error: %v", err)
	}
}

// sqrefRows expands a reference list of one column ("F6:F8 F15") to its
// rows; col must be the column of every part.
func sqrefRows(t *testing.T, sqref, col string) []int {
	t.Helper()
	var rows []int
	for _, part := range strings.Fields(sqref) {
		from, to, _ := strings.Cut(part, ":")
		if to == "" {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		name, _ := excelize.ColumnNumberToName(c1)
		if err1 != nil || err2 != nil || c1 != c2 || name != col {
			return nil
		}
		for r := r1; r <= r2; r++ {
			rows = append(rows, r)
		}
	}
	return rows
}

// checkAnswerCells checks, for any instrument, that every item has exactly
// one row, that its answer cell carries exactly one validation of its kind
// (a tingkat list resolving to the item's level labels on the options
// sheet), and that its verifier cell offers Diterima/Ditolak.
func checkAnswerCells(t *testing.T, inst *Instrument, f *excelize.File) {
	t.Helper()
	rowOf := map[string]int{}
	rows, err := f.GetRows(SheetQuestions)
	if err != nil {
		t.Fatal(err)
	}
	for i := HeaderRow; i < len(rows); i++ {
		if len(rows[i]) == 0 || inst.Item(rows[i][0]) == nil {
			continue
		}
		code := rows[i][0]
		if _, dup := rowOf[code]; dup {
			t.Errorf("item %s occurs twice", code)
		}
		rowOf[code] = i + 1
	}
	dvs, err := f.GetDataValidations(SheetQuestions)
	if err != nil {
		t.Fatal(err)
	}
	answerDV := map[int][]*excelize.DataValidation{}
	verifyDV := map[int][]*excelize.DataValidation{}
	for _, dv := range dvs {
		// excelize unescapes only &amp; &lt; &gt; in a formula; LibreOffice
		// writes the quotes of an inline list as &quot;.
		dv.Formula1 = html.UnescapeString(dv.Formula1)
		for _, r := range sqrefRows(t, dv.Sqref, colAnswer) {
			answerDV[r] = append(answerDV[r], dv)
		}
		for _, r := range sqrefRows(t, dv.Sqref, colVerify) {
			verifyDV[r] = append(verifyDV[r], dv)
		}
	}
	// LibreOffice drops the quotes around the sheet name when it saves.
	rangeRE := regexp.MustCompile(`^'?` + SheetOptions + `'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$`)
	for _, it := range inst.Items {
		row, ok := rowOf[it.Code]
		if !ok {
			t.Errorf("item %s has no row", it.Code)
			continue
		}
		if len(answerDV[row]) != 1 {
			t.Errorf("item %s: %d validations on F%d, want 1", it.Code, len(answerDV[row]), row)
			continue
		}
		dv := answerDV[row][0]
		switch it.Kind {
		case KindYesNo:
			if dv.Type != "list" || dv.Formula1 != `"Ya,Tidak"` {
				t.Errorf("item %s: validation %s %s, want list Ya,Tidak", it.Code, dv.Type, dv.Formula1)
			}
		case KindCount:
			if dv.Type != "whole" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" {
				t.Errorf("item %s: validation %s %s %s, want whole ≥ 0", it.Code, dv.Type, dv.Operator, dv.Formula1)
			}
		case KindLevel:
			m := rangeRE.FindStringSubmatch(dv.Formula1)
			if dv.Type != "list" || m == nil || m[1] != m[3] {
				t.Errorf("item %s: validation %s %s, want a list from %s", it.Code, dv.Type, dv.Formula1, SheetOptions)
				continue
			}
			from, _ := strconv.Atoi(m[2])
			to, _ := strconv.Atoi(m[4])
			var got []string
			for r := from; r <= to; r++ {
				got = append(got, cell(t, f, SheetOptions, m[1]+strconv.Itoa(r)))
			}
			var want []string
			for _, l := range it.Levels {
				want = append(want, l.Label)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("item %s: options %v, want %v", it.Code, got, want)
			}
		}
		if len(verifyDV[row]) != 1 || verifyDV[row][0].Formula1 != `"Diterima,Ditolak"` {
			t.Errorf("item %s: verifier cell I%d lacks its drop-down", it.Code, row)
		}
	}
	if len(rowOf) != len(inst.Items) {
		t.Errorf("%d item rows, want %d", len(rowOf), len(inst.Items))
	}
}

func TestWriteTemplateAnswerCells(t *testing.T) {
	instruments := map[string]*Instrument{"test": templateTestInstrument()}
	if def := Default(); len(def.Items) > 0 {
		instruments["default"] = def
	}
	for _, name := range []string{"test", "default"} {
		inst := instruments[name]
		if inst == nil {
			t.Logf("%s instrument not available", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			for _, cat := range inst.Categories {
				_, f := writeTestTemplate(t, inst, Unit{Name: "Badan Uji", Category: cat})
				checkAnswerCells(t, inst, f)
				if got := cell(t, f, SheetMeta, "B3"); got != inst.QuestionsFingerprint() {
					t.Errorf("fingerprint %q, want %q", got, inst.QuestionsFingerprint())
				}
				if got := cell(t, f, SheetIdentity, "B4"); got != cat {
					t.Errorf("category %q, want %q", got, cat)
				}
			}
		})
	}
}

// TestTemplateSavedByLibreOffice reads a template of the test instrument
// that LibreOffice 7.4 opened and saved again (testdata/template-libreoffice.xlsx,
// made with `soffice --headless --convert-to xlsx`): the drop-downs, the
// protection, the unlocked input cells and the metadata survive. LibreOffice
// turns "very hidden" into "hidden" and drops frozen panes when headless.
func TestTemplateSavedByLibreOffice(t *testing.T) {
	f, err := excelize.OpenFile(filepath.Join("testdata", "template-libreoffice.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst := templateTestInstrument()
	checkAnswerCells(t, inst, f)
	// LibreOffice omits the attributes that have their schema default, which
	// excelize's GetSheetProtection misreads (an omitted formatCells, default
	// "true" = locked, comes back as allowed), so read the XML. Its parts are
	// sheet1…sheet5 in sheet order.
	data, err := os.ReadFile(filepath.Join("testdata", "template-libreoffice.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	attrRE := regexp.MustCompile(`(\w+)="([^"]*)"`)
	for i, s := range []string{SheetGuide, SheetIdentity, SheetQuestions, SheetOptions, SheetMeta} {
		m := regexp.MustCompile(`<sheetProtection[^>]*>`).FindString(zipPart(t, data, "xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"))
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(m, -1) {
			attrs[a[1]] = a[2]
		}
		isTrue := func(name string, def bool) bool {
			v, ok := attrs[name]
			if !ok {
				return def
			}
			return v == "true" || v == "1"
		}
		// In the XML, true means "protected against"; the schema defaults
		// are false for sheet and select*, true for the rest.
		if !isTrue("sheet", false) || isTrue("selectLockedCells", false) || isTrue("selectUnlockedCells", false) ||
			!isTrue("formatCells", true) || !isTrue("insertRows", true) || !isTrue("deleteRows", true) ||
			isTrue("formatColumns", true) || isTrue("formatRows", true) {
			t.Errorf("%s: protection lost or changed: %s", s, m)
		}
	}
	for _, s := range []string{SheetOptions, SheetMeta} {
		if v, _ := f.GetSheetVisible(s); v {
			t.Errorf("%s became visible", s)
		}
	}
	id, _ := f.GetCellStyle(SheetQuestions, "F6")
	if st, _ := f.GetStyle(id); st == nil || st.Protection == nil || st.Protection.Locked {
		t.Error("answer cell F6 is locked after LibreOffice")
	}
	for i, kv := range [][2]string{{MetaInstrumentID, "uji-monev"}, {MetaVersion, "2026.1"}, {MetaFingerprint, ""}, {MetaUnit, "Kecamatan Sakra Timur"}, {MetaCategory, "Kecamatan"}} {
		row := strconv.Itoa(i + 1)
		if k := cell(t, f, SheetMeta, "A"+row); k != kv[0] {
			t.Errorf("_monev A%s = %q, want %q", row, k, kv[0])
		}
		if kv[0] == MetaFingerprint {
			continue // depends on the fingerprint function, not on LibreOffice
		}
		if v := cell(t, f, SheetMeta, "B"+row); v != kv[1] {
			t.Errorf("_monev B%s = %q, want %q", row, v, kv[1])
		}
	}
	props, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, p := range props {
		if p.Name == "monev_"+MetaInstrumentID && p.Value == "uji-monev" {
			found++
		}
	}
	if found != 1 {
		t.Errorf("custom property monev_%s lost: %v", MetaInstrumentID, props)
	}
}

// A category with a comma cannot go in an inline list: the Identitas
// drop-down then reads it from the options sheet. Lists take columns in
// order of first use, and Identitas is written before Kuesioner.
func TestWriteTemplateCategoryListOnOptionsSheet(t *testing.T) {
	inst := templateTestInstrument()
	inst.Categories = []string{"OPD", "Desa, Kelurahan"}
	_, f := writeTestTemplate(t, inst, Unit{Name: "Desa Sakra", Category: "desa, kelurahan"})
	dvs, err := f.GetDataValidations(SheetIdentity)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, dv := range dvs {
		if dv.Sqref == "B4" {
			got = dv.Type + " " + dv.Formula1
		}
	}
	// Categories in A2:A3; the two level lists move to B and C.
	if want := "list '_pilihan'!$A$2:$A$3"; got != want {
		t.Errorf("Identitas!B4 validation = %q, want %q", got, want)
	}
	if a, b := cell(t, f, SheetOptions, "A2"), cell(t, f, SheetOptions, "A3"); a != "OPD" || b != "Desa, Kelurahan" {
		t.Errorf("options A2:A3 = %q, %q", a, b)
	}
	checkAnswerCells(t, inst, f) // the level ranges still resolve to the right labels
	if got := cell(t, f, SheetIdentity, "B4"); got != "Desa, Kelurahan" {
		t.Errorf("category = %q, want the instrument's spelling", got)
	}
}
