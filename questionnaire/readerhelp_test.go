package questionnaire

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// testInstrument is a small instrument with every answer kind, built in Go
// so these tests do not depend on the default instrument.
func testInstrument() *Instrument {
	d := MustDecimal
	return &Instrument{
		ID: "monev-uji", Name: "Monev Uji", Year: 2026, Version: "2026.1",
		Indicators: []Indicator{
			{Code: "1", Name: "Kelembagaan", Weight: d("40")},
			{Code: "2", Name: "Layanan", Weight: d("30")},
			{Code: "3", Name: "Publikasi", Weight: d("30")},
		},
		Items: []Item{
			{Code: "1.1", Indicator: "1", Question: "Apakah PPID telah ditetapkan dengan SK?", MaxPoints: d("10"), Kind: KindYesNo, EvidenceRequired: true},
			{Code: "1.2", Indicator: "1", Question: "Apakah ada ruang layanan informasi?", MaxPoints: d("5"), Kind: KindYesNo},
			{Code: "1.10", Indicator: "1", Question: "Apakah anggaran PPID tersedia?", MaxPoints: d("5"), Kind: KindYesNo},
			{Code: "2.1", Indicator: "2", Question: "Kelengkapan standar layanan", MaxPoints: d("20"), Kind: KindLevel, EvidenceRequired: true,
				Levels: []Level{
					{Label: "Lengkap", Fraction: d("1"), Synonyms: []string{"Sudah lengkap"}},
					{Label: "Sebagian", Fraction: d("0.5"), Synonyms: []string{"Sebagian besar", "Parsial"}},
					{Label: "Belum ada", Fraction: d("0")},
				}},
			{Code: "2.2.1", Indicator: "2", Question: "Maklumat pelayanan", MaxPoints: d("10"), Kind: KindLevel,
				Levels: []Level{{Label: "Ada", Fraction: d("1")}, {Label: "Tidak ada", Fraction: d("0")}}},
			{Code: "3.1", Indicator: "3", Question: "Jumlah informasi berkala yang diumumkan", MaxPoints: d("20"), Kind: KindCount, EvidenceRequired: true,
				Tiers: []Tier{{Min: 1, Points: d("5")}, {Min: 10, Points: d("10")}, {Min: 50, Points: d("20")}}},
		},
		Stages:       []Stage{{ID: SAQStage, Name: "SAQ", Weight: d("100")}},
		MissingStage: MissingStageSAQOnly,
		NotSubmitted: NotSubmittedZero,
		Bands: []Band{
			{Label: "Kurang Informatif", Min: d("0"), Max: d("60")},
			{Label: "Informatif", Min: d("60"), Max: d("100")},
		},
		Categories: []string{"OPD", "Kecamatan"},
	}
}

// sheetSpec is one sheet of a test workbook: cells by A1 reference.
type sheetSpec struct {
	name  string
	cells map[string]any
}

// book describes a test workbook laid out like layout.go says.
type book struct {
	identity map[string]string // label → value; nil: no Identitas sheet
	meta     map[string]string // key → value; nil: no _monev sheet
	header   []string          // Kuesioner header at HeaderRow; nil: QuestionColumns
	rows     [][]any           // Kuesioner rows from HeaderRow+1, cells from column A
	sheet    string            // name of the questionnaire sheet; "": SheetQuestions
	edit     func(f *excelize.File, sheet string)
	extra    []sheetSpec
}

// row is a template-order Kuesioner row for item it with answer, evidence,
// note and verification.
func row(inst *Instrument, code, answer, evidence string) []any {
	it := inst.Item(code)
	q := ""
	if it != nil {
		q = it.Question
	}
	return []any{code, "", q, "", "", answer, evidence, "", ""}
}

// standardBook is a correctly filled workbook of testInstrument.
func standardBook(inst *Instrument) *book {
	return &book{
		identity: map[string]string{
			LabelUnit: "Dinas Komunikasi dan Informatika", LabelCategory: "OPD",
			LabelOperator: "Baiq Nurul", LabelContact: "0812-3456-7890", LabelDate: "2026-03-02",
		},
		meta: map[string]string{MetaInstrumentID: inst.ID, MetaVersion: inst.Version,
			MetaUnit: "Dinas Komunikasi dan Informatika", MetaCategory: "OPD"},
		rows: [][]any{
			{"1", "Kelembagaan"},
			row(inst, "1.1", "Ya", "https://ppid.lomboktimurkab.go.id/sk-ppid.pdf"),
			row(inst, "1.2", "Tidak", ""),
			row(inst, "1.10", "Ya", ""),
			{"2", "Layanan"},
			row(inst, "2.1", "Sebagian", "https://ppid.lomboktimurkab.go.id/standar"),
			row(inst, "2.2.1", "Ada", ""),
			{"3", "Publikasi"},
			row(inst, "3.1", "12", "https://ppid.lomboktimurkab.go.id/berkala"),
		},
	}
}

// build writes the workbook and returns its bytes.
func (b *book) build(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", SheetGuide))
	must(f.SetCellValue(SheetGuide, "A1", "Petunjuk pengisian"))
	if b.identity != nil {
		_, err := f.NewSheet(SheetIdentity)
		must(err)
		must(f.SetCellValue(SheetIdentity, "A1", "Identitas Badan Publik"))
		for i, l := range IdentityLabels {
			must(f.SetCellValue(SheetIdentity, cellName(1, 3+i), l))
			must(f.SetCellValue(SheetIdentity, cellName(2, 3+i), b.identity[l]))
		}
	}
	qs := b.sheet
	if qs == "" {
		qs = SheetQuestions
	}
	_, err := f.NewSheet(qs)
	must(err)
	must(f.SetCellValue(qs, "A1", "Kuesioner Monev Keterbukaan Informasi Publik"))
	header := b.header
	if header == nil {
		header = QuestionColumns
	}
	for c, h := range header {
		must(f.SetCellValue(qs, cellName(c+1, HeaderRow), h))
	}
	for r, cells := range b.rows {
		for c, v := range cells {
			if v == nil || v == "" {
				continue
			}
			must(f.SetCellValue(qs, cellName(c+1, HeaderRow+1+r), v))
		}
	}
	for _, s := range b.extra {
		_, err := f.NewSheet(s.name)
		must(err)
		for ref, v := range s.cells {
			must(f.SetCellValue(s.name, ref, v))
		}
	}
	if b.meta != nil {
		_, err := f.NewSheet(SheetMeta)
		must(err)
		i := 1
		for _, k := range []string{MetaInstrumentID, MetaVersion, MetaFingerprint, MetaUnit, MetaCategory} {
			if v, ok := b.meta[k]; ok {
				must(f.SetCellValue(SheetMeta, cellName(1, i), k))
				must(f.SetCellStr(SheetMeta, cellName(2, i), v))
				i++
			}
		}
		must(f.SetSheetVisible(SheetMeta, false, true))
	}
	if b.edit != nil {
		b.edit(f, qs)
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

// writeTemp writes data to a file in a fresh temp dir.
func writeTempBytes(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// rezip copies a zip, passing each entry's bytes through edit (which may
// return them changed); the new zip has correct sizes and CRCs, so only the
// part's content is damaged.
func rezip(t testing.TB, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(f.Name, b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// sheetPart returns the part name of a sheet in a workbook built by book.build.
func sheetPart(t testing.TB, data []byte, sheet string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, name := range f.GetSheetList() {
		if name == sheet {
			return "xl/worksheets/sheet" + itoa(i+1) + ".xml"
		}
	}
	t.Fatalf("no sheet %q", sheet)
	return ""
}

func itoa(n int) string {
	return string(appendInt(nil, n))
}

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

// codesOf lists the codes of findings in order.
func codesOf(fs []Finding) []Code {
	out := make([]Code, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}

// findingsWith returns the findings of code c.
func findingsWith(fs []Finding, c Code) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Code == c {
			out = append(out, f)
		}
	}
	return out
}

func writeFile(t testing.TB, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
