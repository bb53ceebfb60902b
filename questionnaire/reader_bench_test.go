package questionnaire

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchInstrument has 120 items over 6 indicators, all three kinds, like a
// real SAQ.
func benchInstrument() *Instrument {
	d := MustDecimal
	inst := &Instrument{ID: "monev-bench", Version: "1"}
	for i := 1; i <= 6; i++ {
		inst.Indicators = append(inst.Indicators, Indicator{Code: fmt.Sprint(i), Name: fmt.Sprintf("Indikator %d", i), Weight: d("10")})
		for j := 1; j <= 20; j++ {
			it := Item{Code: fmt.Sprintf("%d.%d", i, j), Indicator: fmt.Sprint(i), MaxPoints: d("5"),
				Question: fmt.Sprintf("Apakah badan publik telah melaksanakan kewajiban nomor %d.%d sesuai ketentuan yang berlaku?", i, j),
				Kind:     KindYesNo, EvidenceRequired: j%2 == 0}
			switch j % 5 {
			case 3:
				it.Kind, it.Levels = KindLevel, []Level{{Label: "Lengkap", Fraction: d("1")}, {Label: "Sebagian", Fraction: d("0.5")}, {Label: "Belum", Fraction: d("0")}}
			case 4:
				it.Kind, it.Tiers = KindCount, []Tier{{Min: 1, Points: d("2")}, {Min: 10, Points: d("5")}}
			}
			inst.Items = append(inst.Items, it)
		}
	}
	return inst
}

func benchBook(inst *Instrument, n int) *book {
	b := &book{
		identity: map[string]string{LabelUnit: fmt.Sprintf("Badan Publik %d", n), LabelCategory: "OPD", LabelOperator: "Operator", LabelContact: "0812", LabelDate: "2026-03-02"},
		meta:     map[string]string{MetaInstrumentID: inst.ID, MetaVersion: inst.Version, MetaFingerprint: inst.QuestionsFingerprint()},
	}
	cur := ""
	for _, it := range inst.Items {
		if it.Indicator != cur {
			cur = it.Indicator
			b.rows = append(b.rows, []any{cur, "Indikator " + cur})
		}
		ans := []string{"Ya", "Tidak", "Lengkap", "12"}[map[AnswerKind]int{KindYesNo: (n + len(b.rows)) % 2, KindLevel: 2, KindCount: 3}[it.Kind]]
		b.rows = append(b.rows, []any{it.Code, "", it.Question, "Unggah SK, foto atau tautan laman", "5", ans,
			fmt.Sprintf("https://ppid.example.go.id/bukti/%d/%s", n, it.Code), "", ""})
	}
	return b
}

// benchFiles writes 200 filled questionnaires once per run.
var benchDir string

func benchFiles(b *testing.B) (*Instrument, []string) {
	inst := benchInstrument()
	if benchDir == "" {
		// Not b.TempDir: that is removed between the rounds of a benchmark.
		dir, err := os.MkdirTemp("", "monev-bench-reader-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		for n := range 200 {
			writeFile(b, filepath.Join(benchDir, fmt.Sprintf("q%03d.xlsx", n)), benchBook(inst, n).build(b))
		}
	}
	var files []string
	for n := range 200 {
		files = append(files, filepath.Join(benchDir, fmt.Sprintf("q%03d.xlsx", n)))
	}
	return inst, files
}

// BenchmarkBareRows is the floor: open with excelize, iterate Rows over the
// questionnaire and identity sheets, close. Per op: 200 files.
func BenchmarkBareRows(b *testing.B) { benchBare(b, false) }

// BenchmarkBareRowsRaw is BenchmarkBareRows with RawCellValue, as ReadFile
// reads the questionnaire sheet.
func BenchmarkBareRowsRaw(b *testing.B) { benchBare(b, true) }

func benchBare(b *testing.B, raw bool) {
	_, files := benchFiles(b)
	for b.Loop() {
		for _, p := range files {
			f, err := excelize.OpenFile(p, excelize.Options{UnzipSizeLimit: DefaultUnzipSizeLimit, UnzipXMLSizeLimit: DefaultUnzipSizeLimit, RawCellValue: raw})
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range []string{SheetQuestions, SheetIdentity} {
				rows, err := f.Rows(s)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
					if _, err := rows.Columns(); err != nil {
						b.Fatal(err)
					}
				}
				rows.Close()
			}
			f.Close()
		}
	}
}

// BenchmarkReadFile is ReadFile on the same 200 files.
func BenchmarkReadFile(b *testing.B) {
	inst, files := benchFiles(b)
	for b.Loop() {
		for _, p := range files {
			resp, fs := ReadFile(p, inst, ReadOptions{})
			if resp == nil || len(fs) != 0 {
				b.Fatalf("%s: %v", p, fs)
			}
		}
	}
}

// BenchmarkReader is one Reader over the same 200 files, as the score
// command reads them.
func BenchmarkReader(b *testing.B) {
	inst, files := benchFiles(b)
	rd := NewReader(inst, ReadOptions{})
	for b.Loop() {
		for _, p := range files {
			resp, fs := rd.ReadFile(p)
			if resp == nil || len(fs) != 0 {
				b.Fatalf("%s: %v", p, fs)
			}
		}
	}
}

// BenchmarkScanSheet compares the fast worksheet scan with the encoding/xml
// one on a 120-item questionnaire sheet.
func BenchmarkScanSheet(b *testing.B) {
	inst := benchInstrument()
	data := benchBook(inst, 1).build(b)
	part := sheetPart(b, data, SheetQuestions)
	var sheet []byte
	rezip(b, data, func(name string, x []byte) []byte {
		if name == part {
			sheet = x
		}
		return x
	})
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(sheet)))
		for b.Loop() {
			if _, ok := scanSheetFast(sheet, 5000, 5000*64); !ok {
				b.Fatal("fast path not taken")
			}
		}
	})
	b.Run("encoding-xml", func(b *testing.B) {
		b.SetBytes(int64(len(sheet)))
		for b.Loop() {
			if _, err := scanSheet(sheet, 5000, 5000*64); err != nil {
				b.Fatal(err)
			}
		}
	})
}
