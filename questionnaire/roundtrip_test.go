package questionnaire

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// filled is what a round-trip test typed into one item row and what the
// reader must make of it.
type filled struct {
	answer    any    // typed into the answer cell (string or number); nil: left blank
	evidence  string // typed into the evidence cell
	link      string // hyperlink target on the evidence cell, "" for none
	value     string // expected canonical value
	wantEvid  string // expected Evidence
	verdict   string // typed into the Verifikasi cell
	wantVerif Verification
}

// messyFill chooses, for the n-th item, a messy but valid answer of its kind.
func messyFill(it *Item, n int) filled {
	var f filled
	switch it.Kind {
	case KindYesNo:
		typed := []any{" ya ", "TIDAK", "Sudah", "belum", 1, "✓", "Ya", "tidak ada"}[n%8]
		f.answer = typed
		f.value = map[bool]string{true: Yes, false: No}[n%8 == 0 || n%8 == 2 || n%8 == 4 || n%8 == 5 || n%8 == 6]
	case KindLevel:
		l := it.Levels[n%len(it.Levels)]
		f.value = l.Label
		switch {
		case n%3 == 0 && len(l.Synonyms) > 0:
			f.answer = "  " + strings.ToUpper(l.Synonyms[0])
		case n%3 == 1:
			f.answer = strings.ToLower(l.Label) + " "
		default:
			f.answer = strings.ReplaceAll(l.Label, " ", "  ")
		}
	case KindCount:
		typed := []any{" 12 ", 7, "12,0", "1.234", 0}[n%5]
		f.answer = typed
		f.value = []string{"12", "7", "12", "1234", "0"}[n%5]
	}
	switch n % 4 {
	case 0:
		f.evidence = fmt.Sprintf("https://ppid.lomboktimurkab.go.id/bukti/%s", it.Code)
		f.wantEvid = f.evidence
	case 1:
		f.evidence, f.link = "tautan bukti", fmt.Sprintf("https://drive.example.org/%s", it.Code)
		f.wantEvid = f.link
	case 2:
		f.evidence = fmt.Sprintf("Bukti %s.pdf", it.Code)
		f.wantEvid = f.evidence
	case 3:
		f.evidence = fmt.Sprintf("  www.lomboktimurkab.go.id/ppid/%s ", it.Code)
		f.wantEvid = strings.TrimSpace(f.evidence)
	}
	f.verdict, f.wantVerif = []string{"", "Diterima", " ditolak", "OK"}[n%4], []Verification{NotVerified, Accepted, Rejected, Accepted}[n%4]
	return f
}

// templateRows maps item codes to their row in a fresh template.
func templateRows(t *testing.T, f *excelize.File) map[string]int {
	t.Helper()
	rows, err := f.GetRows(SheetQuestions)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for i, r := range rows {
		if len(r) > 0 && i+1 > HeaderRow {
			out[r[0]] = i + 1
		}
	}
	return out
}

func TestRoundTripTemplate(t *testing.T) {
	inst := Default()
	unit := Unit{Name: "Kecamatan Sakra Timur", Category: "Kecamatan"}
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, inst, unit); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := templateRows(t, f)
	set := func(sheet, cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]Answer{}
	for n := range inst.Items {
		it := &inst.Items[n]
		row, ok := rows[it.Code]
		if !ok {
			t.Fatalf("template has no row for %s", it.Code)
		}
		fl := messyFill(it, n)
		set(SheetQuestions, cellName(6, row), fl.answer)
		set(SheetQuestions, cellName(7, row), fl.evidence)
		if fl.link != "" {
			if err := f.SetCellHyperLink(SheetQuestions, cellName(7, row), fl.link, "External"); err != nil {
				t.Fatal(err)
			}
		}
		if fl.verdict != "" {
			set(SheetQuestions, cellName(9, row), fl.verdict)
		}
		if n%5 == 0 {
			set(SheetQuestions, cellName(8, row), "catatan "+it.Code)
		}
		raw := fmt.Sprint(fl.answer)
		want[it.Code] = Answer{Item: it.Code, Cell: cellName(6, row), Raw: raw, Value: fl.value,
			Evidence: fl.wantEvid, EvidenceCell: cellName(7, row), Verification: fl.wantVerif,
			Note: map[bool]string{true: "catatan " + it.Code}[n%5 == 0]}
	}
	set(SheetIdentity, "B5", "Lalu Ahmad")
	set(SheetIdentity, "B6", "0819-1111-2222")
	set(SheetIdentity, "B7", "14-08-2026")
	p := filepath.Join(t.TempDir(), TemplateFileName(unit))
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}

	resp, fs := ReadFile(p, inst, ReadOptions{})
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if len(fs) != 0 {
		t.Errorf("findings on a correctly filled template: %v", fs)
	}
	if resp.InstrumentID != inst.ID || resp.InstrumentVersion != inst.Version || resp.Fingerprint != inst.QuestionsFingerprint() {
		t.Errorf("instrument read as %q %q %q", resp.InstrumentID, resp.InstrumentVersion, resp.Fingerprint)
	}
	wantID := Identity{Unit: unit.Name, Category: "Kecamatan", Operator: "Lalu Ahmad", Contact: "0819-1111-2222", Date: "14-08-2026"}
	if resp.Identity != wantID {
		t.Errorf("identity %+v, want %+v", resp.Identity, wantID)
	}
	compareAnswers(t, resp.Answers, want)
}

func compareAnswers(t *testing.T, got, want map[string]Answer) {
	t.Helper()
	var codes []string
	for c := range want {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if !reflect.DeepEqual(got[c], want[c]) {
			t.Errorf("%s:\n got %+v\nwant %+v", c, got[c], want[c])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d answers, want %d", len(got), len(want))
	}
}

// TestRoundTripTemplateEdited: rows inserted and sorted, the sheet renamed,
// some items left blank, a row deleted: every change is reported where it is.
func TestRoundTripTemplateEdited(t *testing.T) {
	inst := Default()
	unit := Unit{Name: "Dinas Sosial", Category: "OPD"}
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, inst, unit); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := templateRows(t, f)
	first, second := inst.Items[0], inst.Items[1]
	last := inst.Items[len(inst.Items)-1]
	for n := range inst.Items {
		it := &inst.Items[n]
		if it.Code == second.Code {
			continue // left blank
		}
		fl := messyFill(it, 0) // " ya " / synonym / " 12 ", with a URL
		if err := f.SetCellValue(SheetQuestions, cellName(6, rows[it.Code]), fl.answer); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellValue(SheetQuestions, cellName(7, rows[it.Code]), fl.evidence); err != nil {
			t.Fatal(err)
		}
	}
	// Delete the last item's row, then insert two blank rows above the first item.
	if err := f.RemoveRow(SheetQuestions, rows[last.Code]); err != nil {
		t.Fatal(err)
	}
	if err := f.InsertRows(SheetQuestions, rows[first.Code], 2); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetName(SheetQuestions, "Isian SAQ"); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "x.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	resp, fs := ReadFile(p, inst, ReadOptions{})
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if resp.Sheet != "Isian SAQ" {
		t.Errorf("sheet %q", resp.Sheet)
	}
	secondRow := rows[second.Code] + 2
	want := []Finding{
		// The identity was left as the template has it: unit and category filled.
		{Sheet: SheetIdentity, Cell: "B5", Code: CodeIdentityMissing, Severity: Warning},
		{Sheet: SheetIdentity, Cell: "B6", Code: CodeIdentityMissing, Severity: Warning},
		{Sheet: SheetIdentity, Cell: "B7", Code: CodeIdentityMissing, Severity: Warning},
		{Sheet: "Isian SAQ", Item: last.Code, Code: CodeItemMissing, Severity: Error},
		{Sheet: "Isian SAQ", Cell: cellName(6, secondRow), Item: second.Code, Code: CodeUnanswered, Severity: Error},
	}
	assertFindings(t, fs, want)
	if a := resp.Answers[first.Code]; a.Cell != cellName(6, rows[first.Code]+2) || !a.Answered() {
		t.Errorf("first item after inserted rows: %+v", a)
	}
	if len(resp.Answers) != len(inst.Items)-1 {
		t.Errorf("%d answers, want %d", len(resp.Answers), len(inst.Items)-1)
	}
}

// TestRoundTripMetadataFromProperties: with the _monev sheet deleted, the
// instrument is still known from the custom document properties.
func TestRoundTripMetadataFromProperties(t *testing.T) {
	inst := Default()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, inst, Unit{Name: "Dinas Sosial", Category: "OPD"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.DeleteSheet(SheetMeta); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "x.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	resp, fs := ReadFile(p, inst, ReadOptions{})
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if resp.InstrumentID != inst.ID || resp.Fingerprint != inst.QuestionsFingerprint() {
		t.Errorf("instrument %q %q", resp.InstrumentID, resp.Fingerprint)
	}
	if len(findingsWith(fs, CodeMetadataMissing)) != 0 {
		t.Errorf("metadata reported missing: %v", fs)
	}
	// A blank template: every item unanswered.
	if n := len(findingsWith(fs, CodeUnanswered)); n != len(inst.Items) {
		t.Errorf("%d unanswered findings, want %d", n, len(inst.Items))
	}
}
