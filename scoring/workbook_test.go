package scoring

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"monev/questionnaire"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// wbInstrument is a small instrument: three indicators (50/30/20), six items,
// stages SAQ 80 / Presentasi 20, the five KI bands (listed bottom first, so
// the writer must sort them), bodies that sent nothing are not ranked.
func wbInstrument() *questionnaire.Instrument {
	d := questionnaire.MustDecimal
	return &questionnaire.Instrument{
		ID: "uji-kab", Name: "SAQ Uji Kabupaten & Kota", Year: 2026, Version: "1.0",
		Indicators: []questionnaire.Indicator{
			{Code: "1", Name: "Jenis Informasi", Weight: d("50")},
			{Code: "2", Name: "Digitalisasi", Weight: d("30")},
			{Code: "3", Name: "Komitmen Organisasi", Weight: d("20")},
		},
		Items: []questionnaire.Item{
			{Code: "1.1", Indicator: "1", Question: "Apakah Daftar Informasi Publik (DIP) sudah ditetapkan dan diumumkan?", MaxPoints: d("2"), Kind: questionnaire.KindYesNo, EvidenceRequired: true},
			{Code: "1.2", Indicator: "1", Question: "Apakah informasi berkala diumumkan paling sedikit enam bulan sekali?", MaxPoints: d("2"), Kind: questionnaire.KindYesNo, EvidenceRequired: true},
			{Code: "2.1", Indicator: "2", Question: "Seberapa lengkap laman PPID memuat informasi wajib?", MaxPoints: d("4"), Kind: questionnaire.KindLevel},
			{Code: "2.2", Indicator: "2", Question: "Berapa dokumen diunggah ke laman PPID tahun ini?", MaxPoints: d("2"), Kind: questionnaire.KindCount},
			{Code: "3.1", Indicator: "3", Question: "Apakah ada SK PPID Pembantu?", MaxPoints: d("1"), Kind: questionnaire.KindYesNo, EvidenceRequired: true},
			{Code: "3.2", Indicator: "3", Question: "Apakah ada anggaran layanan informasi?", MaxPoints: d("2"), Kind: questionnaire.KindYesNo, EvidenceRequired: true},
		},
		Stages: []questionnaire.Stage{
			{ID: "saq", Name: "SAQ", Weight: d("80")},
			{ID: "presentasi", Name: "Presentasi", Weight: d("20")},
		},
		MissingStage: questionnaire.MissingStageSAQOnly,
		NotSubmitted: questionnaire.NotSubmittedUnranked,
		Bands: []questionnaire.Band{
			{Label: "Tidak Informatif", Min: d("0"), Max: d("40")},
			{Label: "Kurang Informatif", Min: d("40"), Max: d("60")},
			{Label: "Cukup Informatif", Min: d("60"), Max: d("80")},
			{Label: "Menuju Informatif", Min: d("80"), Max: d("90")},
			{Label: "Informatif", Min: d("90"), Max: d("100")},
		},
		Categories: []string{"OPD", "Kecamatan"},
	}
}

// answerIn is one item of a hand-made body: points earned, why, what was
// typed and the evidence.
type answerIn struct {
	earned   string
	reason   Reason
	value    string
	evidence string
}

func wbRat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// wbScore builds a Score the way the engine would: item points as given,
// indicator score = earned/max × weight, SAQ = Σ, final = SAQ alone or
// 0.8·SAQ + 0.2·presentasi; Fixes with gain = lost/indicator max × weight
// (× 0.8 when the presentasi was held). The rounded figure, band and next-band
// gain are given by hand and checked against the exact final here.
func wbScore(t testing.TB, inst *questionnaire.Instrument, name, cat, file string, ans []answerIn,
	presentasi string, rounded Figure, band, next, nextGain string) *Score {
	s := &Score{Unit: questionnaire.Unit{Name: name, Category: cat}, File: file, Status: Scored, Stages: map[string]*big.Rat{}}
	indEarned := map[string]*big.Rat{}
	indMax := map[string]*big.Rat{}
	for i := range inst.Items {
		it := &inst.Items[i]
		a := ans[i]
		is := ItemScore{Item: it, Earned: wbRat(a.earned), Max: it.MaxPoints.Rat(), Reason: a.reason,
			Answer: questionnaire.Answer{Item: it.Code, Raw: a.value, Evidence: a.evidence}}
		if a.reason != ReasonUnanswered && a.reason != ReasonMissing {
			is.Answer.Value = a.value
		}
		s.Items = append(s.Items, is)
		if indEarned[it.Indicator] == nil {
			indEarned[it.Indicator], indMax[it.Indicator] = new(big.Rat), new(big.Rat)
		}
		indEarned[it.Indicator].Add(indEarned[it.Indicator], is.Earned)
		indMax[it.Indicator].Add(indMax[it.Indicator], is.Max)
	}
	s.SAQ = new(big.Rat)
	for i := range inst.Indicators {
		ind := &inst.Indicators[i]
		sc := new(big.Rat).Quo(indEarned[ind.Code], indMax[ind.Code])
		sc.Mul(sc, ind.Weight.Rat())
		s.Indicators = append(s.Indicators, IndicatorScore{Indicator: ind, Earned: indEarned[ind.Code], Max: indMax[ind.Code], Score: sc})
		s.SAQ.Add(s.SAQ, sc)
	}
	factor := big.NewRat(1, 1)
	s.Final = new(big.Rat).Set(s.SAQ)
	if presentasi != "" {
		p := wbRat(presentasi)
		s.Stages["presentasi"] = p
		factor = big.NewRat(8, 10)
		s.Final.Mul(s.SAQ, factor)
		s.Final.Add(s.Final, new(big.Rat).Mul(p, big.NewRat(2, 10)))
	}
	s.Rounded = rounded
	if got := Round(s.Final); got != rounded {
		t.Fatalf("fixture %s: final %s rounds to %d, not %d", name, s.Final.FloatString(6), got, rounded)
	}
	for i := range inst.Bands {
		if inst.Bands[i].Label == band {
			s.Band = &inst.Bands[i]
		}
		if inst.Bands[i].Label == next {
			s.NextBand = &inst.Bands[i]
		}
	}
	if nextGain != "" {
		s.NextBandGain = wbRat(nextGain)
	}
	for i, is := range s.Items {
		if is.Reason == ReasonFull {
			continue
		}
		ind := inst.Indicator(is.Item.Indicator)
		g := new(big.Rat).Sub(is.Max, is.Earned)
		g.Quo(g, indMax[ind.Code])
		g.Mul(g, ind.Weight.Rat())
		g.Mul(g, factor)
		s.Fixes = append(s.Fixes, Fix{Item: &inst.Items[i], Reason: is.Reason, Gain: g})
	}
	sort.SliceStable(s.Fixes, func(i, j int) bool { return s.Fixes[i].Gain.Cmp(s.Fixes[j].Gain) > 0 })
	return s
}

// wbReport is five ranked bodies and one that sent nothing.
//
//	A Diskominfo (OPD): SAQ 50 + 25 + 20 = 95, presentasi 80 → 0.8·95 + 0.2·80 = 92.00, Informatif.
//	B Dinkes (OPD):     50 + 25 + 40/3 = 88.333…, no presentasi → 88.33, Menuju Informatif.
//	C Bappeda (OPD):    50 + 30 + 40/3 = 93.333…, presentasi 68.33 → 74.666… + 13.666 = 88.3326… → 88.33.
//	E Aikmel (Kec.):    25 + 20 + 20 = 65.00, Cukup Informatif.
//	D Sakra (Kec.):     25 + 5 + 20/3 = 36.666… → 36.67, Tidak Informatif.
//	F Selong (Kec.):    tidak mengisi, not ranked.
//
// Overall ranks 1, 2, 2, 4, 5 (B and C tie at 88.33). Next-band gains:
// B 89.995 − 88.333… = 997/600 → shown 1.67; C 89.995 − 88.3326… = 4987/3000
// → 1.67; E 79.995 − 65 = 14.995 → 15.00; D 39.995 − 36.666… = 1997/600 → 3.33.
func wbReport(t testing.TB) *Report {
	inst := wbInstrument()
	const dip = "https://ppid.lomboktimurkab.go.id/dip"
	a := wbScore(t, inst, "Dinas Komunikasi, Informatika dan Persandian", "OPD", "masuk/opd/diskominfo.xlsx", []answerIn{
		{"2", ReasonFull, "Ya", dip},
		{"2", ReasonFull, "Ya", "https://ppid.lomboktimurkab.go.id/berkala?tahun=2026&jenis=semua"},
		{"3", ReasonPartial, "Sebagian besar", ""},
		{"2", ReasonFull, "14", ""},
		{"1", ReasonFull, "Ya", "SK Bupati Nomor 12 Tahun 2025 (arsip)"},
		{"2", ReasonFull, "Ya", `https://contoh.id/anggaran"2026`},
	}, "80", 9200, "Informatif", "", "")
	b := wbScore(t, inst, "Dinas Kesehatan", "OPD", "masuk/opd/dinkes.xlsx", []answerIn{
		{"2", ReasonFull, "Ya", dip},
		{"2", ReasonFull, "Ya", dip},
		{"3", ReasonPartial, "Sebagian besar", ""},
		{"2", ReasonFull, "20", ""},
		{"0", ReasonUnanswered, "", ""},
		{"2", ReasonFull, "Ya", dip},
	}, "", 8833, "Menuju Informatif", "Informatif", "997/600")
	c := wbScore(t, inst, "Badan Perencanaan Pembangunan Daerah", "OPD", "masuk/opd/bappeda.xlsx", []answerIn{
		{"2", ReasonFull, "Ya", dip},
		{"2", ReasonFull, "Ya", dip},
		{"4", ReasonFull, "Lengkap", dip},
		{"2", ReasonFull, "31", ""},
		{"0", ReasonNoEvidence, "Ya", ""},
		{"2", ReasonFull, "Ya", dip},
	}, "68.33", 8833, "Menuju Informatif", "Informatif", "4987/3000")
	e := wbScore(t, inst, "Kecamatan Aikmel", "Kecamatan", "masuk/kec/aikmel.xlsx", []answerIn{
		{"2", ReasonFull, "Ya", dip},
		{"0", ReasonNoEvidence, "Ya", ""},
		{"2", ReasonPartial, "Sebagian", ""},
		{"2", ReasonFull, "5", ""},
		{"1", ReasonFull, "Ya", dip},
		{"2", ReasonFull, "Ya", dip},
	}, "", 6500, "Cukup Informatif", "Menuju Informatif", "2999/200")
	d := wbScore(t, inst, "Kecamatan Sakra", "Kecamatan", "masuk/kec/sakra.xlsx", []answerIn{
		{"2", ReasonFull, "Ya", dip},
		{"0", ReasonAnsweredNo, "Tidak", ""},
		{"1", ReasonPartial, "Sedikit", ""},
		{"0", ReasonUnanswered, "banyak", ""},
		{"1", ReasonFull, "ya", "www.sakra.id"},
		{"0", ReasonMissing, "", ""},
	}, "", 3667, "Tidak Informatif", "Kurang Informatif", "1997/600")
	f := &Score{Unit: questionnaire.Unit{Name: "Kecamatan Selong", Category: "Kecamatan"}, Status: NotSubmitted}
	scores := []Score{*a, *b, *c, *e, *d, *f}
	p := func(i int) *Score { return &scores[i] }
	return &Report{
		Generated:  time.Date(2026, 11, 28, 6, 7, 0, 0, time.FixedZone("WITA", 8*3600)),
		Instrument: inst,
		Scores:     scores,
		Ranking: Ranking{
			Overall: []Entry{{1, p(0)}, {2, p(1)}, {2, p(2)}, {4, p(3)}, {5, p(4)}},
			Categories: []CategoryRanking{
				{Category: "OPD", Entries: []Entry{{1, p(0)}, {2, p(1)}, {2, p(2)}}},
				{Category: "Kecamatan", Entries: []Entry{{1, p(3)}, {2, p(4)}}},
			},
			Unranked: []*Score{p(5)},
		},
		Findings: []questionnaire.Finding{
			{File: "masuk/kec/sakra.xlsx", Sheet: "Kuesioner", Cell: "F10", Item: "2.2", Code: "jumlah-tidak-sah", Severity: questionnaire.Error,
				Message: `Jawaban "banyak" bukan bilangan bulat.`, Fix: "Tulis jumlahnya sebagai angka, misalnya 12."},
			{File: "masuk/opd/dinkes.xlsx", Sheet: "Kuesioner", Cell: "F9", Item: "3.1", Code: "tidak-dijawab", Severity: questionnaire.Warning,
				Message: "Butir 3.1 belum dijawab.", Fix: "Pilih Ya atau Tidak dari daftar."},
			{File: "masuk/rusak.xlsx", Code: "berkas-tidak-terbaca", Severity: questionnaire.Error,
				Message: "Berkas tidak dapat dibuka sebagai .xlsx.", Fix: "Simpan ulang sebagai Excel Workbook (.xlsx) lalu kirim kembali."},
		},
	}
}

func writeTestWorkbook(t testing.TB, rep *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, rep); err != nil {
		t.Fatalf("WriteWorkbook: %v", err)
	}
	return buf.Bytes()
}

func openWorkbook(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("reading the workbook back: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// usedRange is the smallest range holding every non-empty cell of a sheet.
func usedRange(t testing.TB, f *excelize.File, sheet string) string {
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	maxRow, maxCol := 0, 0
	for r, row := range rows {
		for c, v := range row {
			if v != "" {
				maxRow, maxCol = max(maxRow, r+1), max(maxCol, c+1)
			}
		}
	}
	return "A1:" + cell(maxCol, maxRow)
}

var cellTypeNames = map[excelize.CellType]string{
	excelize.CellTypeUnset: "n", excelize.CellTypeBool: "b", excelize.CellTypeDate: "d", excelize.CellTypeError: "e",
	excelize.CellTypeFormula: "f", excelize.CellTypeInlineString: "s", excelize.CellTypeNumber: "n", excelize.CellTypeSharedString: "s",
}

// dumpWorkbook renders every sheet as text: name, dimension, frozen panes,
// then every non-empty cell with its type, raw value, formula, number format
// and fill colour.
func dumpWorkbook(t testing.TB, f *excelize.File) string {
	var out strings.Builder
	for _, sheet := range f.GetSheetList() {
		dim, err := f.GetSheetDimension(sheet)
		if err != nil {
			t.Fatal(err)
		}
		panes, _ := f.GetPanes(sheet)
		fmt.Fprintf(&out, "== %s  dimension=%s  freeze=%v:%s\n", sheet, dim, panes.Freeze, panes.TopLeftCell)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r := range rows {
			for c := range rows[r] {
				ref := cell(c+1, r+1)
				v, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				formula, _ := f.GetCellFormula(sheet, ref)
				if v == "" && formula == "" {
					continue
				}
				typ, _ := f.GetCellType(sheet, ref)
				line := fmt.Sprintf("%s %s %q", ref, cellTypeNames[typ], v)
				if formula != "" {
					line += " =" + formula
				}
				sid, _ := f.GetCellStyle(sheet, ref)
				if st, err := f.GetStyle(sid); err == nil && st != nil {
					if st.NumFmt != 0 {
						line += fmt.Sprintf(" fmt=%d", st.NumFmt)
					}
					if len(st.Fill.Color) > 0 && st.Fill.Color[0] != "1F4E78" {
						line += " fill=" + st.Fill.Color[0]
					}
				}
				out.WriteString(line + "\n")
			}
		}
	}
	return out.String()
}

func TestWorkbookGolden(t *testing.T) {
	rep := wbReport(t)
	data := writeTestWorkbook(t, rep)
	f := openWorkbook(t, data)
	// The fingerprint belongs to the instrument loader; check the cell holds
	// it and keep its value out of the golden file.
	if v, _ := f.GetCellValue("Ringkasan", "B8"); v != rep.Instrument.Fingerprint() {
		t.Errorf("Ringkasan!B8 = %q, want the fingerprint %q", v, rep.Instrument.Fingerprint())
	}
	got := withoutFingerprint(dumpWorkbook(t, f))
	golden := filepath.Join("testdata", "workbook.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./scoring -run Workbook -update)", err)
	}
	if got != string(want) {
		t.Errorf("workbook content differs from %s (rerun with -update and review the diff):\n%s", golden, firstDiff(string(want), got))
	}
}

// withoutFingerprint drops the value line after Ringkasan's "Sidik jari" label.
func withoutFingerprint(dump string) string {
	lines := strings.Split(dump, "\n")
	var out []string
	for i, l := range lines {
		if i > 0 && lines[i-1] == `A8 s "Sidik jari"` && strings.HasPrefix(l, "B8 ") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\n want: %s\n  got: %s", i+1, a, b)
		}
	}
	return ""
}

func TestWorkbookStructure(t *testing.T) {
	data := writeTestWorkbook(t, wbReport(t))
	f := openWorkbook(t, data)
	// The Ringkasan chart is a column chart with one series per category.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var chart string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			chart += string(b)
		}
	}
	if !strings.Contains(chart, `<barDir val="col">`) || strings.Count(chart, "<ser>") != 2 ||
		!strings.Contains(chart, "&#39;Ringkasan&#39;!$A$22:$A$27") {
		t.Errorf("Ringkasan chart missing or wrong: %.300s", chart)
	}
	// Both axes label in dark grey, not excelize's default gridline grey.
	if n := strings.Count(chart, `<a:srgbClr val="404040">`); n != 2 {
		t.Errorf("Ringkasan chart: %d axes with dark labels, want 2", n)
	}
	wantSheets := []string{"Ringkasan", "Peringkat", "Peringkat OPD", "Peringkat Kecamatan", "Indikator", "Jawaban", "Temuan", "Rekomendasi"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(wantSheets, "|") {
		t.Fatalf("sheets = %q, want %q", got, wantSheets)
	}
	for _, sheet := range wantSheets {
		dim, err := f.GetSheetDimension(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if want := usedRange(t, f, sheet); dim != want {
			t.Errorf("%s: dimension %q, used range %q", sheet, dim, want)
		}
		panes, _ := f.GetPanes(sheet)
		if !panes.Freeze || panes.TopLeftCell != "A2" {
			t.Errorf("%s: header row not frozen: %+v", sheet, panes)
		}
		layout, _ := f.GetPageLayout(sheet)
		if layout.Size == nil || *layout.Size != 9 || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("%s: not A4 fit to one page wide: %+v", sheet, layout)
		}
	}

	// Ranks 1, 2, 2, 4, 5 with the finals as numbers formatted 0.00.
	type line struct {
		rank, catRank, name, final, band string
	}
	want := []line{
		{"1", "1", "Dinas Komunikasi, Informatika dan Persandian", "92", "Informatif"},
		{"2", "2", "Dinas Kesehatan", "88.33", "Menuju Informatif"},
		{"2", "2", "Badan Perencanaan Pembangunan Daerah", "88.33", "Menuju Informatif"},
		{"4", "1", "Kecamatan Aikmel", "65", "Cukup Informatif"},
		{"5", "2", "Kecamatan Sakra", "36.67", "Tidak Informatif"},
	}
	raw := excelize.Options{RawCellValue: true}
	for i, w := range want {
		r := i + 2
		get := func(col string) string {
			v, _ := f.GetCellValue("Peringkat", fmt.Sprintf("%s%d", col, r), raw)
			return v
		}
		got := line{get("A"), get("B"), get("C"), get("E"), get("H")}
		if got != w {
			t.Errorf("Peringkat row %d = %+v, want %+v", r, got, w)
		}
		for _, col := range []string{"E", "F"} {
			ref := fmt.Sprintf("%s%d", col, r)
			// OOXML: a cell without a type attribute is a number.
			if typ, _ := f.GetCellType("Peringkat", ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("Peringkat!%s is not a number cell (type %v)", ref, typ)
			}
			sid, _ := f.GetCellStyle("Peringkat", ref)
			if st, _ := f.GetStyle(sid); st == nil || st.NumFmt != 2 {
				t.Errorf("Peringkat!%s not formatted 0.00", ref)
			}
		}
	}
	// Presentasi column: A had 80, B none (blank), C 68.33.
	for ref, want := range map[string]string{"G2": "80", "G3": "", "G4": "68.33"} {
		if v, _ := f.GetCellValue("Peringkat", ref, raw); v != want {
			t.Errorf("Peringkat!%s = %q, want %q", ref, v, want)
		}
	}
	// The unranked body is listed below the table, with its status.
	if v, _ := f.GetCellValue("Peringkat", "C9"); v != "Kecamatan Selong" {
		t.Errorf("Peringkat!C9 = %q, want the unranked Kecamatan Selong", v)
	}
	if v, _ := f.GetCellValue("Peringkat", "H9"); v != NotSubmittedLabel {
		t.Errorf("Peringkat!H9 = %q, want %q", v, NotSubmittedLabel)
	}
	tables, _ := f.GetTables("Peringkat")
	if len(tables) != 1 || tables[0].Range != "A1:J6" {
		t.Errorf("Peringkat tables = %+v, want one over A1:J6", tables)
	}

	// Evidence URLs are HYPERLINK formulas whose cached value is the URL;
	// the quote inside a URL is doubled; a non-URL stays text.
	formula, _ := f.GetCellFormula("Jawaban", "F2")
	if want := `HYPERLINK("https://ppid.lomboktimurkab.go.id/dip","https://ppid.lomboktimurkab.go.id/dip")`; formula != want {
		t.Errorf("Jawaban!F2 formula = %q, want %q", formula, want)
	}
	if v, _ := f.GetCellValue("Jawaban", "F2"); v != "https://ppid.lomboktimurkab.go.id/dip" {
		t.Errorf("Jawaban!F2 cached value = %q", v)
	}
	if formula, _ := f.GetCellFormula("Jawaban", "F7"); !strings.Contains(formula, `anggaran""2026`) {
		t.Errorf("Jawaban!F7 formula = %q, want the quote doubled", formula)
	}
	if formula, _ := f.GetCellFormula("Jawaban", "F6"); formula != "" {
		t.Errorf("Jawaban!F6 (not a URL) has formula %q", formula)
	}

	// Rekomendasi for Kecamatan Sakra (last ranked): next band needs 3.33,
	// then its fixes by gain: 1.2 25.00, 2.1 15.00, 3.2 13.33, 2.2 10.00.
	rows, _ := f.GetRows("Rekomendasi", raw)
	var sakra [][]string
	for _, row := range rows {
		if len(row) > 0 && row[0] == "Kecamatan Sakra" {
			sakra = append(sakra, row)
		}
	}
	wantGains := [][2]string{{"", "3.33"}, {"1.2", "25"}, {"2.1", "15"}, {"3.2", "13.33"}, {"2.2", "10"}}
	if len(sakra) != len(wantGains) {
		t.Fatalf("Rekomendasi has %d rows for Kecamatan Sakra, want %d", len(sakra), len(wantGains))
	}
	for i, w := range wantGains {
		if got := [2]string{sakra[i][3], sakra[i][6]}; got != w {
			t.Errorf("Rekomendasi Sakra row %d = %q, want %q", i, got, w)
		}
	}
}

// The same Report written twice gives the same cells.
func TestWorkbookDeterministic(t *testing.T) {
	rep := wbReport(t)
	first := dumpWorkbook(t, openWorkbook(t, writeTestWorkbook(t, rep)))
	second := dumpWorkbook(t, openWorkbook(t, writeTestWorkbook(t, rep)))
	if first != second {
		t.Errorf("two writes differ:\n%s", firstDiff(first, second))
	}
}

func TestCategorySheetName(t *testing.T) {
	tests := []struct {
		category string
		used     []string
		want     string
	}{
		{"OPD", nil, "Peringkat OPD"},
		{"Kecamatan", nil, "Peringkat Kecamatan"},
		{"Desa/Kelurahan", nil, "Peringkat Desa-Kelurahan"},
		{"Badan Usaha Milik Daerah: [BUMD]*?", nil, "Peringkat Badan Usaha Milik Dae"},
		{"", nil, "Peringkat Tanpa kategori"},
		{"OPD", []string{"peringkat opd"}, "Peringkat OPD (2)"},
		{"Badan Usaha Milik Daerah Kabupaten", []string{"peringkat badan usaha milik dae"}, "Peringkat Badan Usaha Milik (2)"},
		{"Kantor ' ", nil, "Peringkat Kantor"},
	}
	for _, tt := range tests {
		used := map[string]bool{}
		for _, u := range tt.used {
			used[u] = true
		}
		got := categorySheetName(tt.category, used)
		if got != tt.want {
			t.Errorf("categorySheetName(%q) = %q, want %q", tt.category, got, tt.want)
		}
		if n := len([]rune(got)); n > 31 {
			t.Errorf("categorySheetName(%q) = %q has %d characters", tt.category, got, n)
		}
	}
}

func TestIndonesianTime(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 11, 28, 6, 7, 0, 0, wita), "Sabtu, 28 November 2026 pukul 06.07 WITA"},
		{time.Date(2025, 1, 5, 23, 59, 0, 0, time.UTC), "Minggu, 5 Januari 2025 pukul 23.59 UTC"},
		{time.Date(2025, 8, 17, 10, 0, 0, 0, time.FixedZone("", 7*3600)), "Minggu, 17 Agustus 2025 pukul 10.00 UTC+07:00"},
	}
	for _, tt := range tests {
		if got := indonesianTime(tt.t); got != tt.want {
			t.Errorf("indonesianTime(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestCeilHundredths(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"997/600", 1.67}, // 1.66166…
		{"2999/200", 15},  // 14.995
		{"40", 40},        // exact
		{"1/1000", 0.01},  // a tiny gain still shows 0.01 needed
		{"0", 0},          //
		{"12.345", 12.35}, //
		{"12.3400001", 12.35},
	}
	for _, tt := range tests {
		if got := ceilHundredths(wbRat(tt.in)); got != tt.want {
			t.Errorf("ceilHundredths(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBandColorsDistinct(t *testing.T) {
	for n := 1; n <= 8; n++ {
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			c := bandColor(i, n)
			if len(c) != 6 || seen[c] {
				t.Errorf("bandColor(%d, %d) = %q: not a fresh RRGGBB", i, n, c)
			}
			seen[c] = true
		}
	}
	// Top band green-ish, bottom red-ish.
	if top, bottom := bandColor(0, 5), bandColor(4, 5); top[2:4] <= top[0:2] || bottom[0:2] <= bottom[2:4] {
		t.Errorf("top %s should be green, bottom %s red", top, bottom)
	}
}

// With the "nol" rule a body that sent nothing is ranked last with 0, counted
// in the lowest band, and gets one line on Rekomendasi.
func TestWorkbookNotSubmittedRankedZero(t *testing.T) {
	rep := wbReport(t)
	rep.Instrument.NotSubmitted = questionnaire.NotSubmittedZero
	f := &rep.Scores[5]
	f.SAQ, f.Final, f.Rounded = new(big.Rat), new(big.Rat), 0
	for i := range rep.Instrument.Bands {
		if rep.Instrument.Bands[i].Label == "Tidak Informatif" {
			f.Band = &rep.Instrument.Bands[i]
		}
	}
	rep.Ranking.Overall = append(rep.Ranking.Overall, Entry{Rank: 6, Score: f})
	rep.Ranking.Categories[1].Entries = append(rep.Ranking.Categories[1].Entries, Entry{Rank: 3, Score: f})
	rep.Ranking.Unranked = nil
	x := openWorkbook(t, writeTestWorkbook(t, rep))
	raw := excelize.Options{RawCellValue: true}
	checks := []struct{ sheet, cell, want string }{
		{"Peringkat", "A7", "6"},
		{"Peringkat", "B7", "3"},
		{"Peringkat", "C7", "Kecamatan Selong"},
		{"Peringkat", "E7", "0"},
		{"Peringkat", "H7", "Tidak Informatif"},
		{"Peringkat", "J7", "Tidak mengisi kuesioner: dinilai 0"},
		{"Peringkat", "C9", ""}, // nothing listed apart
		// Ringkasan: Kecamatan column D, Tidak Informatif row 26 now holds Sakra and Selong;
		// row 27 is the total (no "Tidak mengisi" row).
		{"Ringkasan", "D26", "2"},
		{"Ringkasan", "A27", "Jumlah"},
		{"Ringkasan", "E27", "6"},
		{"Rekomendasi", "A17", "Kecamatan Selong"},
		{"Rekomendasi", "F17", "Tidak mengisi kuesioner: kirimkan kuesioner yang sudah diisi"},
	}
	for _, c := range checks {
		if got, _ := x.GetCellValue(c.sheet, c.cell, raw); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	if dim, _ := x.GetSheetDimension("Rekomendasi"); dim != "A1:G17" {
		t.Errorf("Rekomendasi dimension %q, want A1:G17", dim)
	}
}

// A body with two different sheets is listed under each Peringkat table it
// belongs to (not ranked, grey, its files and why), and counted on Ringkasan
// in a fact and a grid row of its own, so that the counts add up to every
// body: 5 dinilai + 1 tidak mengisi + 1 tidak dapat dinilai = 7.
func TestWorkbookUnscorable(t *testing.T) {
	rep := wbReport(t)
	dup := UnscorableScore(rep.Instrument, questionnaire.Unit{Name: "Dinas Sosial", Category: "OPD"},
		[]string{"masuk/opd/dinsos.xlsx", "masuk/opd/dinsos-revisi.xlsx"})
	rep.Scores = append(rep.Scores, dup)
	rep.Ranking.Unranked = append(rep.Ranking.Unranked, &dup)
	x := openWorkbook(t, writeTestWorkbook(t, rep))
	raw := excelize.Options{RawCellValue: true}
	checks := []struct{ sheet, cell, want string }{
		{"Ringkasan", "A13", "Jumlah badan publik"},
		{"Ringkasan", "B13", "7"},
		{"Ringkasan", "B14", "5"}, // Dinilai
		{"Ringkasan", "B15", "1"}, // Tidak mengisi kuesioner
		{"Ringkasan", "A16", "Tidak dapat dinilai (dua kuesioner berbeda)"},
		{"Ringkasan", "B16", "1"},
		{"Ringkasan", "A17", "Berkas dengan galat"},
		// Grid: header on row 22, five bands on 23–27, then the two unranked rows.
		{"Ringkasan", "A22", "Kualifikasi"},
		{"Ringkasan", "A28", "Tidak mengisi"},
		{"Ringkasan", "C28", "0"},
		{"Ringkasan", "D28", "1"},
		{"Ringkasan", "A29", "Tidak dapat dinilai"},
		{"Ringkasan", "C29", "1"}, // OPD
		{"Ringkasan", "D29", "0"},
		{"Ringkasan", "E29", "1"},
		{"Ringkasan", "A30", "Jumlah"},
		{"Ringkasan", "C30", "4"}, // 3 ranked OPD + Dinas Sosial
		{"Ringkasan", "D30", "3"}, // 2 ranked kecamatan + Selong
		{"Ringkasan", "E30", "7"},
		// Peringkat: 5 ranked on rows 2–6, heading on 8, Selong 9, Dinas Sosial 10.
		{"Peringkat", "A8", "Tidak diperingkat (tidak mengisi kuesioner atau tidak dapat dinilai)"},
		{"Peringkat", "C9", "Kecamatan Selong"},
		{"Peringkat", "A10", ""},
		{"Peringkat", "C10", "Dinas Sosial"},
		{"Peringkat", "E10", ""},
		{"Peringkat", "H10", "Tidak dapat dinilai"},
		{"Peringkat", "I10", "masuk/opd/dinsos.xlsx; masuk/opd/dinsos-revisi.xlsx"},
		{"Peringkat", "J10", "Dua kuesioner berbeda; tidak dinilai (lihat Temuan)"},
		// Peringkat OPD: 3 ranked, then Dinas Sosial alone under its heading.
		{"Peringkat OPD", "A6", "Tidak diperingkat (tidak dapat dinilai)"},
		{"Peringkat OPD", "C7", "Dinas Sosial"},
		{"Peringkat Kecamatan", "A5", "Tidak diperingkat (tidak mengisi kuesioner)"},
		// Nothing about it on Rekomendasi (ranked bodies only): the last row is Sakra's.
		{"Rekomendasi", "A17", ""},
	}
	for _, c := range checks {
		if got, _ := x.GetCellValue(c.sheet, c.cell, raw); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	for sheet, want := range map[string]string{"Peringkat": "A1:J10", "Peringkat OPD": "A1:J7", "Ringkasan": "A1:E30"} {
		if dim, _ := x.GetSheetDimension(sheet); dim != want {
			t.Errorf("%s dimension %q, want %q", sheet, dim, want)
		}
	}
	grey, _ := x.GetCellStyle("Peringkat", "H9") // Selong, not submitted
	if sid, _ := x.GetCellStyle("Peringkat", "H10"); sid != grey {
		t.Errorf("Peringkat!H10 style %d, want %d: the grey of a body that is not ranked", sid, grey)
	}
}

// A body whose only file could not be read says so on Peringkat (ask for a
// resend), and the Ringkasan fact names the reasons present.
func TestWorkbookUnreadable(t *testing.T) {
	tests := []struct {
		name           string
		dup, unread    bool
		fact           string
		remarks        map[string]string // body → Keterangan on Peringkat
		unrankedBodies int
	}{
		{"unreadable only", false, true, "Tidak dapat dinilai (berkas rusak atau dari kuesioner lain)",
			map[string]string{"Sekretariat DPRD": "Berkas rusak atau dari kuesioner lain; minta kirim ulang (lihat Temuan)"}, 1},
		{"two different sheets only", true, false, "Tidak dapat dinilai (dua kuesioner berbeda)",
			map[string]string{"Dinas Sosial": "Dua kuesioner berbeda; tidak dinilai (lihat Temuan)"}, 1},
		{"both", true, true, "Tidak dapat dinilai (berkas rusak atau dari kuesioner lain, atau dua kuesioner berbeda)",
			map[string]string{
				"Sekretariat DPRD": "Berkas rusak atau dari kuesioner lain; minta kirim ulang (lihat Temuan)",
				"Dinas Sosial":     "Dua kuesioner berbeda; tidak dinilai (lihat Temuan)",
			}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := wbReport(t)
			var extra []Score
			if tt.dup {
				extra = append(extra, UnscorableScore(rep.Instrument, questionnaire.Unit{Name: "Dinas Sosial", Category: "OPD"},
					[]string{"masuk/opd/dinsos.xlsx", "masuk/opd/dinsos-revisi.xlsx"}))
			}
			if tt.unread {
				extra = append(extra, UnreadableScore(rep.Instrument, questionnaire.Unit{Name: "Sekretariat DPRD", Category: "OPD"},
					[]string{"masuk/opd/SAQ-OPD-Sekretariat-DPRD.xlsx"}))
			}
			rep.Scores = append(rep.Scores, extra...)
			for i := len(rep.Scores) - len(extra); i < len(rep.Scores); i++ {
				rep.Ranking.Unranked = append(rep.Ranking.Unranked, &rep.Scores[i])
			}
			x := openWorkbook(t, writeTestWorkbook(t, rep))
			// Ringkasan: 5 dinilai (B14), 1 tidak mengisi (B15), then the fact on row 16.
			if got, _ := x.GetCellValue("Ringkasan", "A16"); got != tt.fact {
				t.Errorf("Ringkasan!A16 = %q, want %q", got, tt.fact)
			}
			if got, _ := x.GetCellValue("Ringkasan", "B16"); got != fmt.Sprint(tt.unrankedBodies) {
				t.Errorf("Ringkasan!B16 = %q, want %d", got, tt.unrankedBodies)
			}
			rows, err := x.GetRows("Peringkat")
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]string{}
			for _, r := range rows {
				if len(r) >= 10 && tt.remarks[r[2]] != "" {
					if r[7] != UnscorableLabel || r[0] != "" || r[4] != "" {
						t.Errorf("Peringkat row %q: want no rank, no score, %q", r, UnscorableLabel)
					}
					found[r[2]] = r[9]
				}
			}
			if !maps.Equal(found, tt.remarks) {
				t.Errorf("Keterangan on Peringkat = %q, want %q", found, tt.remarks)
			}
		})
	}
}

// A report with no bodies and no findings still gives every sheet, each with
// its header row and a dimension covering it.
func TestWorkbookEmpty(t *testing.T) {
	rep := &Report{Generated: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), Instrument: wbInstrument()}
	f := openWorkbook(t, writeTestWorkbook(t, rep))
	want := []string{"Ringkasan", "Peringkat", "Indikator", "Jawaban", "Temuan", "Rekomendasi"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	dims := map[string]string{"Peringkat": "A1:J1", "Indikator": "A1:F1", "Jawaban": "A1:I1", "Temuan": "A1:H1", "Rekomendasi": "A1:G1"}
	for sheet, want := range dims {
		if got, _ := f.GetSheetDimension(sheet); got != want {
			t.Errorf("%s dimension %q, want %q", sheet, got, want)
		}
	}
	if err := WriteWorkbook(&bytes.Buffer{}, &Report{}); err == nil {
		t.Error("WriteWorkbook without an instrument: no error")
	}
}

func TestEvidenceCell(t *testing.T) {
	b := &book{}
	long := "https://contoh.id/" + strings.Repeat("a", 250)
	tests := []struct {
		evidence string
		formula  string // "" when plain text is expected
		text     string
	}{
		{"", "", ""},
		{"https://ppid.id/dip", `HYPERLINK("https://ppid.id/dip","https://ppid.id/dip")`, "https://ppid.id/dip"},
		{"  HTTP://PPID.ID/A  ", `HYPERLINK("HTTP://PPID.ID/A","HTTP://PPID.ID/A")`, "HTTP://PPID.ID/A"},
		{`https://a.id/x"y`, `HYPERLINK("https://a.id/x""y","https://a.id/x""y")`, `https://a.id/x"y`},
		{"www.ppid.id", "", "www.ppid.id"},                                     // no scheme: text
		{"https://a.id/x lihat lampiran", "", "https://a.id/x lihat lampiran"}, // not one URL
		{long, "", long}, // longer than a formula string may be
	}
	for _, tt := range tests {
		got := b.evidenceCell(tt.evidence)
		if tt.text == "" {
			if got != nil {
				t.Errorf("evidenceCell(%q) = %v, want nil", tt.evidence, got)
			}
			continue
		}
		c, ok := got.(excelize.Cell)
		if !ok || c.Formula != tt.formula || c.Value != tt.text {
			t.Errorf("evidenceCell(%q) = %+v, want formula %q value %q", tt.evidence, got, tt.formula, tt.text)
		}
	}
}

func TestRowHeight(t *testing.T) {
	tests := []struct {
		widths []float64
		texts  []string
		want   float64
	}{
		{[]float64{30}, []string{"Dinas Kesehatan"}, 0},
		{[]float64{30}, []string{""}, 0},
		// 31 characters fit per line (30·1.1 − 2): 70 characters need 3 lines of 15 pt.
		{[]float64{30}, []string{strings.Repeat("x", 70)}, 45},
		// 9 characters per line in a column 10 wide: 20 characters need 3 lines.
		{[]float64{30, 10}, []string{"pendek", strings.Repeat("y", 20)}, 45},
	}
	for _, tt := range tests {
		if got := rowHeight(tt.widths, tt.texts); got != tt.want {
			t.Errorf("rowHeight(%v, %q) = %v, want %v", tt.widths, tt.texts, got, tt.want)
		}
	}
}

// A category whose name is not a valid sheet name as it stands gets a
// sanitised sheet, and its print titles quote the name properly.
func TestWorkbookOddCategory(t *testing.T) {
	rep := wbReport(t)
	const odd = "Desa/Kelurahan Jum'at"
	for i := range rep.Scores {
		if rep.Scores[i].Unit.Category == "Kecamatan" {
			rep.Scores[i].Unit.Category = odd
		}
	}
	rep.Instrument.Categories = []string{"OPD", odd}
	rep.Ranking.Categories[1].Category = odd
	f := openWorkbook(t, writeTestWorkbook(t, rep))
	const sheet = "Peringkat Desa-Kelurahan Jum'at"
	if idx, _ := f.GetSheetIndex(sheet); idx != 3 {
		t.Fatalf("sheet %q at index %d, want 3; sheets %q", sheet, idx, f.GetSheetList())
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			found = dn.RefersTo == "'Peringkat Desa-Kelurahan Jum''at'!$1:$1"
			if !found {
				t.Errorf("print titles of %q = %q", sheet, dn.RefersTo)
			}
		}
	}
	if !found {
		t.Errorf("no print titles on %q", sheet)
	}
	if v, _ := f.GetCellValue("Ringkasan", "D21"); v != odd {
		t.Errorf("Ringkasan!D21 = %q, want the category %q", v, odd)
	}
}

// A body whose category is spelt differently from the instrument's is shown,
// counted and listed under the instrument's spelling.
func TestWorkbookCategorySpelling(t *testing.T) {
	rep := wbReport(t)
	rep.Scores[4].Unit.Category = " kecamatan" // Kecamatan Sakra, overall row 6
	f := openWorkbook(t, writeTestWorkbook(t, rep))
	want := []string{"Ringkasan", "Peringkat", "Peringkat OPD", "Peringkat Kecamatan", "Indikator", "Jawaban", "Temuan", "Rekomendasi"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{"Peringkat", "C6", "Kecamatan Sakra"},
		{"Peringkat", "D6", "Kecamatan"},
		{"Peringkat Kecamatan", "D3", "Kecamatan"},
		{"Indikator", "B6", "Kecamatan"},
		{"Ringkasan", "E21", "Jumlah"}, // no third category column
	} {
		if got, _ := f.GetCellValue(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
}

// Headers say what a column holds without the reader guessing: which rank,
// that an indicator's number is its weight, that gains are in the final score.
func TestWorkbookHeaders(t *testing.T) {
	f := openWorkbook(t, writeTestWorkbook(t, wbReport(t)))
	for _, c := range []struct{ sheet, cell, want string }{
		{"Peringkat", "A1", "Peringkat Umum"},
		{"Peringkat", "B1", "Peringkat dalam Kategori"},
		{"Peringkat OPD", "A1", "Peringkat Umum"},
		{"Indikator", "C1", "1. Jenis Informasi\n(bobot 50)"},
		{"Rekomendasi", "F1", "Alasan dan Saran"},
		{"Rekomendasi", "G1", "Tambahan Nilai Akhir"},
	} {
		if got, _ := f.GetCellValue(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
}

// A ranked body whose score lies outside every band (a later-stage score
// above 100 slipped through) is not labelled "Tidak mengisi".
func TestWorkbookRankedWithoutBand(t *testing.T) {
	rep := wbReport(t)
	rep.Scores[0].Band, rep.Scores[0].Rounded = nil, 10050
	f := openWorkbook(t, writeTestWorkbook(t, rep))
	if got, _ := f.GetCellValue("Peringkat", "H2"); got != NoBandLabel {
		t.Errorf("Peringkat!H2 = %q, want %q", got, NoBandLabel)
	}
}

// With more than one later stage the saq_saja rule renormalises the held
// stages' weights, which is not "SAQ alone"; Ringkasan says so.
func TestSummaryMissingStageRule(t *testing.T) {
	d := questionnaire.MustDecimal
	tests := []struct {
		stages []questionnaire.Stage
		rule   questionnaire.MissingStageRule
		want   string
	}{
		{[]questionnaire.Stage{{ID: "saq", Name: "SAQ", Weight: d("80")}, {ID: "presentasi", Name: "Presentasi", Weight: d("20")}},
			questionnaire.MissingStageSAQOnly, "nilai akhir = nilai SAQ saja"},
		{[]questionnaire.Stage{{ID: "saq", Name: "SAQ", Weight: d("80")}, {ID: "presentasi", Name: "Presentasi", Weight: d("20")}},
			questionnaire.MissingStageZero, "tahap yang tidak diikuti bernilai 0"},
		{[]questionnaire.Stage{{ID: "website", Name: "Website", Weight: d("30")}, {ID: "saq", Name: "SAQ", Weight: d("40")}, {ID: "presentasi", Name: "Presentasi", Weight: d("30")}},
			questionnaire.MissingStageSAQOnly, "bobot tahap yang diikuti dibagi ulang agar berjumlah 100%"},
	}
	for _, tt := range tests {
		inst := wbInstrument()
		inst.Stages, inst.MissingStage = tt.stages, tt.rule
		b := &book{inst: inst, rep: &Report{Instrument: inst}, saqName: "SAQ"}
		for _, s := range inst.Stages {
			if s.ID != questionnaire.SAQStage {
				b.laterStage = append(b.laterStage, s)
			}
		}
		got := ""
		for _, f := range b.summaryFacts() {
			if f.label == "Aturan tanpa tahap lanjutan" {
				got, _ = f.value.(string)
			}
		}
		if got != tt.want {
			t.Errorf("%d stages, %s: rule %q, want %q", len(tt.stages), tt.rule, got, tt.want)
		}
	}
}
