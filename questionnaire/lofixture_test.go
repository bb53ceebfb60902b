package questionnaire

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The LibreOffice fixtures were made like this (LibreOffice 7.4, Debian):
//
//	go test ./questionnaire -run TestWriteLibreOfficeInput -lo-input /tmp/lo
//	soffice --headless --convert-to xlsx --outdir /tmp/lo/out /tmp/lo/isian.xlsx
//	soffice --headless --convert-to xls --outdir /tmp/lo/out /tmp/lo/isian.xlsx
//	cp /tmp/lo/out/isian.xlsx testdata/isian-libreoffice.xlsx
//	cp /tmp/lo/out/isian.xls testdata/isian-libreoffice.xls
//
// They hold the template of testInstrument filled by loFill; regenerate them
// when testInstrument changes (the reader then reports "instrumen-lain").
var loInput = flag.String("lo-input", "", "TestWriteLibreOfficeInput: directory to write isian.xlsx to")

const loUnitName = "Kecamatan Suela"

// loFill fills a template of testInstrument and returns the expected answers.
func loFill(t *testing.T, f *excelize.File, inst *Instrument) map[string]Answer {
	t.Helper()
	rows := templateRows(t, f)
	want := map[string]Answer{}
	for n := range inst.Items {
		it := &inst.Items[n]
		row := rows[it.Code]
		fl := messyFill(it, n+1)
		for col, v := range map[int]any{6: fl.answer, 7: fl.evidence, 9: fl.verdict} {
			if err := f.SetCellValue(SheetQuestions, cellName(col, row), v); err != nil {
				t.Fatal(err)
			}
		}
		if fl.link != "" {
			if err := f.SetCellHyperLink(SheetQuestions, cellName(7, row), fl.link, "External"); err != nil {
				t.Fatal(err)
			}
		}
		want[it.Code] = Answer{Item: it.Code, Cell: cellName(6, row), Raw: rawOf(fl.answer), Value: fl.value,
			Evidence: fl.wantEvid, EvidenceCell: cellName(7, row), Verification: fl.wantVerif}
	}
	for cell, v := range map[string]string{"B5": "Baiq Rahmawati", "B6": "baiq@example.org", "B7": "14-08-2026"} {
		if err := f.SetCellValue(SheetIdentity, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	return want
}

func rawOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return itoa(x)
	}
	return ""
}

func loTemplate(t *testing.T) (*excelize.File, *Instrument) {
	inst := testInstrument()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, inst, Unit{Name: loUnitName, Category: "Kecamatan"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return f, inst
}

func TestWriteLibreOfficeInput(t *testing.T) {
	if *loInput == "" {
		t.Skip("run with -lo-input DIR to write the LibreOffice input")
	}
	f, inst := loTemplate(t)
	defer f.Close()
	loFill(t, f, inst)
	if err := os.MkdirAll(*loInput, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(*loInput, "isian.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// TestLibreOfficeFixture reads a filled questionnaire re-saved by LibreOffice.
func TestLibreOfficeFixture(t *testing.T) {
	f, inst := loTemplate(t)
	defer f.Close()
	want := loFill(t, f, inst)
	p := filepath.Join("testdata", "isian-libreoffice.xlsx")
	resp, fs := ReadFile(p, inst, ReadOptions{})
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if len(fs) != 0 {
		t.Errorf("findings: %v", fs)
	}
	wantID := Identity{Unit: loUnitName, Category: "Kecamatan", Operator: "Baiq Rahmawati", Contact: "baiq@example.org", Date: "14-08-2026"}
	if resp.Identity != wantID {
		t.Errorf("identity %+v, want %+v", resp.Identity, wantID)
	}
	if resp.Fingerprint != inst.QuestionsFingerprint() {
		t.Errorf("fingerprint %q, want %q", resp.Fingerprint, inst.QuestionsFingerprint())
	}
	compareAnswers(t, resp.Answers, want)
}

// TestLibreOfficeOldXLS: the same workbook saved by LibreOffice as .xls, and
// the same bytes renamed .xlsx.
func TestLibreOfficeOldXLS(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "isian-libreoffice.xls"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"isian.xls", "isian.xlsx"} {
		resp, fs := ReadFile(writeTempBytes(t, name, data), testInstrument(), ReadOptions{})
		if resp != nil || len(fs) != 1 || fs[0].Code != CodeOldXLS {
			t.Errorf("%s: findings %v", name, fs)
		}
	}
}
