package questionnaire

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

const (
	urlSK       = "https://ppid.lomboktimurkab.go.id/sk-ppid.pdf"
	urlStandar  = "https://ppid.lomboktimurkab.go.id/standar"
	urlBerkala  = "https://ppid.lomboktimurkab.go.id/berkala"
	unitDiskomi = "Dinas Komunikasi dan Informatika"
)

// standardAnswers is what standardBook holds. Rows: header 4, indicator 1
// at 5, items 1.1/1.2/1.10 at 6–8, indicator 2 at 9, 2.1/2.2.1 at 10–11,
// indicator 3 at 12, 3.1 at 13; answers in F, evidence in G.
func standardAnswers() map[string]Answer {
	return map[string]Answer{
		"1.1":   {Item: "1.1", Cell: "F6", Raw: "Ya", Value: Yes, Evidence: urlSK, EvidenceCell: "G6"},
		"1.2":   {Item: "1.2", Cell: "F7", Raw: "Tidak", Value: No, EvidenceCell: "G7"},
		"1.10":  {Item: "1.10", Cell: "F8", Raw: "Ya", Value: Yes, EvidenceCell: "G8"},
		"2.1":   {Item: "2.1", Cell: "F10", Raw: "Sebagian", Value: "Sebagian", Evidence: urlStandar, EvidenceCell: "G10"},
		"2.2.1": {Item: "2.2.1", Cell: "F11", Raw: "Ada", Value: "Ada", EvidenceCell: "G11"},
		"3.1":   {Item: "3.1", Cell: "F13", Raw: "12", Value: "12", Evidence: urlBerkala, EvidenceCell: "G13"},
	}
}

func readBook(t *testing.T, b *book) (*Response, []Finding) {
	t.Helper()
	inst := testInstrument()
	return ReadFile(writeTempBytes(t, "SAQ-uji.xlsx", b.build(t)), inst, ReadOptions{})
}

func TestReadFileStandard(t *testing.T) {
	inst := testInstrument()
	resp, fs := readBook(t, standardBook(inst))
	if resp == nil {
		t.Fatalf("no response; findings: %v", fs)
	}
	if len(fs) != 0 {
		t.Errorf("findings on a correct sheet: %v", fs)
	}
	if resp.Sheet != SheetQuestions {
		t.Errorf("Sheet = %q", resp.Sheet)
	}
	wantID := Identity{Unit: unitDiskomi, Category: "OPD", Operator: "Baiq Nurul", Contact: "0812-3456-7890", Date: "2026-03-02"}
	if resp.Identity != wantID {
		t.Errorf("Identity = %+v, want %+v", resp.Identity, wantID)
	}
	if resp.InstrumentID != "monev-uji" || resp.InstrumentVersion != "2026.1" {
		t.Errorf("instrument = %q %q", resp.InstrumentID, resp.InstrumentVersion)
	}
	if !reflect.DeepEqual(resp.Answers, standardAnswers()) {
		t.Errorf("Answers:\n got %+v\nwant %+v", resp.Answers, standardAnswers())
	}
}

// TestReadFileMessy fills a sheet the way operators do and expects exactly
// the intended answers, with no findings.
func TestReadFileMessy(t *testing.T) {
	inst := testInstrument()
	b := standardBook(inst)
	b.sheet = "Kuesioner 2026 (isi)"                                                                         // renamed sheet
	b.header = []string{" KODE ", "Indikator", "Pertanyaan", "Nomor", "Petunjuk / data dukung", "Poin maks", // extra column D
		"jawaban (pilih)", "Tautan Bukti (URL)", "Catatan", "Verifikasi"}
	q := func(code string) string { return inst.Item(code).Question }
	b.rows = [][]any{
		{"3", "Publikasi"},
		{"3.1", "", q("3.1"), 1, "", "", " 12,0 ", urlBerkala}, // row 5: count with decimal comma, reordered
		{}, // row 6: blank
		{"1.1 ", "", strings.ToUpper(q("1.1")), 2, "", "", " ya ", "SK PPID"}, // row 7: hyperlinked evidence, question in caps
		{"1.2", "", q("1.2"), 3, "", "", "TIDAK", "", "sudah diusulkan", "Ditolak"},
		{"1.10", "", q("1.10"), 4, "", "", "RUMUS", "", "", "ok"}, // row 9: formula answer, set in edit
		{"2", "Layanan"},
		{"2.1", "", q("2.1"), 5, "", "", "sebagian  BESAR", urlStandar}, // row 11: synonym, merged G11:G12
		{"2.2.1", "", q("2.2.1"), 6, "", "", "ada", nil},
		{"Catatan: diisi oleh operator"}, // free text below the table
	}
	b.identity = nil
	b.extra = []sheetSpec{{name: SheetIdentity, cells: map[string]any{
		"A1": "IDENTITAS", "A2": "Tanggal Pengisian", "B2": "2 Maret 2026",
		"A4": "nama badan publik:", "B4": "  " + unitDiskomi + " ",
		"A5": "KATEGORI", "B5": "OPD", "A7": "Nama Operator", "B7": "Baiq Nurul", "A8": "Kontak", "B8": "baiq@example.org",
	}}}
	b.edit = func(f *excelize.File, sheet string) {
		if err := f.SetCellHyperLink(sheet, "H8", urlSK, "External"); err != nil {
			t.Fatal(err)
		}
		if err := f.MergeCell(sheet, "H12", "H13"); err != nil {
			t.Fatal(err)
		}
	}
	data := b.build(t)
	// A formula cell with its cached string value, as Excel writes it.
	part := sheetPart(t, data, b.sheet)
	data = rezip(t, data, func(name string, x []byte) []byte {
		if name != part {
			return x
		}
		y := regexp.MustCompile(`<c r="G10"[^>]*>.*?</c>`).ReplaceAll(x,
			[]byte(`<c r="G10" t="str"><f>IF(TRUE,"Ya","Tidak")</f><v>Ya</v></c>`))
		if bytes.Equal(x, y) {
			t.Fatal("no row 10 to put the formula in")
		}
		return y
	})
	resp, fs := ReadFile(writeTempBytes(t, "SAQ-uji.xlsx", data), inst, ReadOptions{})
	if resp == nil {
		t.Fatalf("no response; findings: %v", fs)
	}
	if len(fs) != 0 {
		t.Errorf("findings: %v", fs)
	}
	if resp.Sheet != "Kuesioner 2026 (isi)" {
		t.Errorf("Sheet = %q", resp.Sheet)
	}
	want := map[string]Answer{
		"3.1":   {Item: "3.1", Cell: "G6", Raw: " 12,0 ", Value: "12", Evidence: urlBerkala, EvidenceCell: "H6"},
		"1.1":   {Item: "1.1", Cell: "G8", Raw: " ya ", Value: Yes, Evidence: urlSK, EvidenceCell: "H8"},
		"1.2":   {Item: "1.2", Cell: "G9", Raw: "TIDAK", Value: No, EvidenceCell: "H9", Note: "sudah diusulkan", Verification: Rejected},
		"1.10":  {Item: "1.10", Cell: "G10", Raw: "Ya", Value: Yes, EvidenceCell: "H10", Verification: Accepted},
		"2.1":   {Item: "2.1", Cell: "G12", Raw: "sebagian  BESAR", Value: "Sebagian", Evidence: urlStandar, EvidenceCell: "H12"},
		"2.2.1": {Item: "2.2.1", Cell: "G13", Raw: "ada", Value: "Ada", Evidence: urlStandar, EvidenceCell: "H13"}, // merged H12:H13
	}
	if !reflect.DeepEqual(resp.Answers, want) {
		for k := range want {
			if resp.Answers[k] != want[k] {
				t.Errorf("%s:\n got %+v\nwant %+v", k, resp.Answers[k], want[k])
			}
		}
		t.Errorf("answers differ (%d vs %d)", len(resp.Answers), len(want))
	}
	wantID := Identity{Unit: unitDiskomi, Category: "OPD", Operator: "Baiq Nurul", Contact: "baiq@example.org", Date: "2 Maret 2026"}
	if resp.Identity != wantID {
		t.Errorf("Identity = %+v, want %+v", resp.Identity, wantID)
	}
}

// TestReadFileNumericCount: a count typed as a number (numeric cell) and a
// code typed as a number.
func TestReadFileNumericCells(t *testing.T) {
	inst := testInstrument()
	b := standardBook(inst)
	b.rows[8][5] = 1234 // 3.1 answer as a number in F13
	b.rows[2][0] = 1.2  // code 1.2 typed as a number in A7
	resp, fs := readBook(t, b)
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if got := resp.Answers["3.1"].Value; got != "1234" {
		t.Errorf("3.1 = %q, want 1234", got)
	}
	if got := resp.Answers["1.2"].Value; got != No {
		t.Errorf("1.2 = %q, want Tidak", got)
	}
	want := []Finding{{Sheet: SheetQuestions, Cell: "A7", Item: "1.2", Code: CodeCodeAsNumber, Severity: Warning}}
	assertFindings(t, fs, want)
}

// TestReadFileNumericCodeLostZero: Excel's "Convert to Number" turns code
// "1.10" into the number 1.1. The row's question text tells it apart from
// item 1.1, so neither item loses its answer.
func TestReadFileNumericCodeLostZero(t *testing.T) {
	inst := testInstrument()
	b := standardBook(inst)
	b.rows[3][0] = 1.1 // row of 1.10 (A8): Ya, question of 1.10
	resp, fs := readBook(t, b)
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if a := resp.Answers["1.10"]; a.Value != Yes || a.Cell != "F8" {
		t.Errorf("1.10 = %+v, want Ya at F8", a)
	}
	if a := resp.Answers["1.1"]; a.Value != Yes || a.Cell != "F6" {
		t.Errorf("1.1 = %+v, want Ya at F6", a)
	}
	want := []Finding{{Sheet: SheetQuestions, Cell: "A8", Item: "1.10", Code: CodeCodeAsNumber, Severity: Warning}}
	assertFindings(t, fs, want)
	if len(fs) == 1 && !strings.Contains(fs[0].Message, "butir 1.10") {
		t.Errorf("message does not say which item was read: %s", fs[0].Message)
	}

	// Without a question text to tell them apart, the number is read as it
	// stands (1.1), which then occurs twice.
	b = standardBook(inst)
	b.rows[3][0], b.rows[3][2] = 1.1, ""
	_, fs = readBook(t, b)
	want = []Finding{
		{Sheet: SheetQuestions, Cell: "A6", Item: "1.1", Code: CodeDuplicateCode, Severity: Error},
		{Sheet: SheetQuestions, Cell: "A8", Item: "1.1", Code: CodeCodeAsNumber, Severity: Warning},
		{Sheet: SheetQuestions, Cell: "A8", Item: "1.1", Code: CodeDuplicateCode, Severity: Error},
		{Sheet: SheetQuestions, Item: "1.10", Code: CodeItemMissing, Severity: Error},
	}
	SortFindings(want)
	assertFindings(t, fs, want)
}

// TestReadFileHyperlinkFormula: evidence given as =HYPERLINK("url", "text")
// is the URL, not the text Excel shows (and caches).
func TestReadFileHyperlinkFormula(t *testing.T) {
	inst := testInstrument()
	data := standardBook(inst).build(t)
	part := sheetPart(t, data, SheetQuestions)
	g6 := regexp.MustCompile(`<c r="G6"[^>]*>.*?</c>`)
	tests := []struct{ formula, want string }{
		// As Excel writes it: quotes doubled inside the string, the text cached.
		{`HYPERLINK(&quot;https://drive.google.com/sk?a=&quot;&quot;b&quot;&quot;&quot;, &quot;klik di sini&quot;)`, `https://drive.google.com/sk?a="b"`},
		{`_xlfn.HYPERLINK( &quot;SK PPID.pdf&quot;)`, "SK PPID.pdf"},
		// Not a literal URL: the cached text stays and is reported.
		{`HYPERLINK(B6, &quot;klik di sini&quot;)`, "klik di sini"},
	}
	for _, tc := range tests {
		edited := rezip(t, data, func(name string, b []byte) []byte {
			if name != part {
				return b
			}
			if !g6.Match(b) {
				t.Fatalf("no G6 in %s", b)
			}
			return g6.ReplaceAll(b, []byte(`<c r="G6" t="str"><f>`+tc.formula+`</f><v>klik di sini</v></c>`))
		})
		resp, fs := ReadFile(writeTempBytes(t, "SAQ-uji.xlsx", edited), inst, ReadOptions{})
		if resp == nil {
			t.Fatalf("no response: %v", fs)
		}
		if e := resp.Answers["1.1"].Evidence; e != tc.want {
			t.Errorf("%s: evidence = %q, want %q", tc.formula, e, tc.want)
		}
		var want []Finding
		if tc.want == "klik di sini" {
			want = []Finding{{Sheet: SheetQuestions, Cell: "G6", Item: "1.1", Code: CodeEvidenceInvalid, Severity: Warning}}
		}
		assertFindings(t, fs, want)
	}
}

// assertFindings compares sheet, cell, item, code and severity, in order.
func assertFindings(t *testing.T, got, want []Finding) {
	t.Helper()
	type key struct {
		Sheet, Cell, Item string
		Code              Code
		Severity          Severity
	}
	var g, w []key
	for _, f := range got {
		g = append(g, key{f.Sheet, f.Cell, f.Item, f.Code, f.Severity})
		if f.Message == "" || f.Fix == "" {
			t.Errorf("finding without message or fix: %+v", f)
		}
	}
	for _, f := range want {
		w = append(w, key{f.Sheet, f.Cell, f.Item, f.Code, f.Severity})
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("findings:\n got %+v\nwant %+v\n(all: %v)", g, w, got)
	}
}

func TestReadFileFindings(t *testing.T) {
	K := SheetQuestions
	I := SheetIdentity
	tests := []struct {
		name   string
		edit   func(b *book)
		want   []Finding
		nilRsp bool
		check  func(t *testing.T, r *Response, fs []Finding)
	}{
		{name: "unanswered", edit: func(b *book) { b.rows[2][5] = "" },
			want: []Finding{{Sheet: K, Cell: "F7", Item: "1.2", Code: CodeUnanswered, Severity: Error}}},
		{name: "invalid yes/no", edit: func(b *book) { b.rows[2][5] = "Mungkin" },
			want: []Finding{{Sheet: K, Cell: "F7", Item: "1.2", Code: CodeInvalidAnswer, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if !strings.Contains(fs[0].Message, "“Ya”, “Tidak”") || !strings.Contains(fs[0].Message, "Mungkin") {
					t.Errorf("message lacks the allowed values or the answer: %s", fs[0].Message)
				}
				if a := r.Answers["1.2"]; a.Value != "" || a.Raw != "Mungkin" {
					t.Errorf("answer = %+v", a)
				}
			}},
		{name: "a paragraph pasted as the answer is cut short in the message", edit: func(b *book) {
			b.rows[2][5] = strings.Repeat("Ruang layanan ada di lantai dua. ", 20)
		},
			want: []Finding{{Sheet: K, Cell: "F7", Item: "1.2", Code: CodeInvalidAnswer, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if n := len([]rune(fs[0].Message)); n > 200 || !strings.Contains(fs[0].Message, "…") {
					t.Errorf("message of %d runes: %s", n, fs[0].Message)
				}
			}},
		{name: "invalid level lists the levels", edit: func(b *book) { b.rows[5][5] = "Cukup" },
			want: []Finding{{Sheet: K, Cell: "F10", Item: "2.1", Code: CodeInvalidAnswer, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if !strings.Contains(fs[0].Message, "“Lengkap”, “Sebagian”, “Belum ada”") {
					t.Errorf("message: %s", fs[0].Message)
				}
			}},
		{name: "negative count", edit: func(b *book) { b.rows[8][5] = "-3" },
			want: []Finding{{Sheet: K, Cell: "F13", Item: "3.1", Code: CodeInvalidAnswer, Severity: Error}}},
		{name: "fractional count", edit: func(b *book) { b.rows[8][5] = "2,5" },
			want: []Finding{{Sheet: K, Cell: "F13", Item: "3.1", Code: CodeInvalidAnswer, Severity: Error}}},
		{name: "evidence missing where it would score", edit: func(b *book) { b.rows[1][6] = "" },
			want: []Finding{{Sheet: K, Cell: "G6", Item: "1.1", Code: CodeEvidenceMissing, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				// The column is named as its header says, as in the fix and the Petunjuk sheet.
				if want := `tetapi kolom "Tautan bukti" kosong;`; !strings.Contains(fs[0].Message, want) {
					t.Errorf("message = %s, want it to contain %s", fs[0].Message, want)
				}
			}},
		{name: "evidence typed in the note column", edit: func(b *book) {
			b.rows[1][6], b.rows[1][7] = "", "link SK: https://ppid.lomboktimurkab.go.id/sk.pdf"
		},
			want: []Finding{{Sheet: K, Cell: "G6", Item: "1.1", Code: CodeEvidenceMissing, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if !strings.Contains(fs[0].Message, HeaderNote) || !strings.Contains(fs[0].Fix, "Pindahkan") {
					t.Errorf("finding does not point at the note column: %s / %s", fs[0].Message, fs[0].Fix)
				}
				if r.Answers["1.1"].Evidence != "" {
					t.Errorf("evidence taken from the note: %q", r.Answers["1.1"].Evidence)
				}
			}},
		{name: "no evidence needed for an answer that earns nothing", edit: func(b *book) {
			b.rows[1][5], b.rows[1][6] = "Tidak", ""     // 1.1 Tidak
			b.rows[5][5], b.rows[5][6] = "Belum ada", "" // 2.1 level worth 0
			b.rows[8][5], b.rows[8][6] = "0", ""         // 3.1 below the first tier (min 1)
		}},
		{name: "count in the first tier needs evidence", edit: func(b *book) { b.rows[8][5], b.rows[8][6] = "1", "" },
			want: []Finding{{Sheet: K, Cell: "G13", Item: "3.1", Code: CodeEvidenceMissing, Severity: Warning}}},
		{name: "evidence neither URL nor file", edit: func(b *book) { b.rows[1][6] = "lihat lampiran" },
			want: []Finding{{Sheet: K, Cell: "G6", Item: "1.1", Code: CodeEvidenceInvalid, Severity: Warning}}},
		{name: "evidence placeholder dash counts as none", edit: func(b *book) { b.rows[1][6] = " - " },
			want: []Finding{{Sheet: K, Cell: "G6", Item: "1.1", Code: CodeEvidenceMissing, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if e := r.Answers["1.1"].Evidence; e != "" {
					t.Errorf("evidence = %q, want none", e)
				}
				if !strings.Contains(fs[0].Message, `kolom "Tautan bukti" hanya berisi "-"`) {
					t.Errorf("message does not quote what was typed: %s", fs[0].Message)
				}
			}},
		{name: "evidence placeholder words count as none", edit: func(b *book) {
			b.rows[1][6] = "Tidak ada"  // 1.1 Ya, required: no evidence
			b.rows[2][6] = "-"          // 1.2 not required: nothing to say
			b.rows[5][6] = "belum ada." // 2.1 Sebagian, required
		},
			want: []Finding{
				{Sheet: K, Cell: "G6", Item: "1.1", Code: CodeEvidenceMissing, Severity: Warning},
				{Sheet: K, Cell: "G10", Item: "2.1", Code: CodeEvidenceMissing, Severity: Warning},
			},
			check: func(t *testing.T, r *Response, fs []Finding) {
				for _, c := range []string{"1.1", "1.2", "2.1"} {
					if e := r.Answers[c].Evidence; e != "" {
						t.Errorf("%s evidence = %q, want none", c, e)
					}
				}
			}},
		{name: "evidence as a file name", edit: func(b *book) { b.rows[1][6] = "SK PPID 2025.pdf" },
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Answers["1.1"].Evidence != "SK PPID 2025.pdf" {
					t.Errorf("evidence = %q", r.Answers["1.1"].Evidence)
				}
			}},
		{name: "unknown code with an answer", edit: func(b *book) { b.rows = append(b.rows, []any{"9.9", "", "Apa?", "", "", "Ya"}) },
			want: []Finding{{Sheet: K, Cell: "A14", Code: CodeUnknownCode, Severity: Warning}}},
		{name: "long text with an answer in the code column is cut short in the message", edit: func(b *book) {
			b.rows = append(b.rows, []any{strings.Repeat("Keterangan tambahan dari operator. ", 10), "", "", "", "", "Ya"})
		},
			want: []Finding{{Sheet: K, Cell: "A14", Code: CodeUnknownCode, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if n := len([]rune(fs[0].Message)); n > 150 {
					t.Errorf("message of %d runes: %s", n, fs[0].Message)
				}
			}},
		{name: "free text in the code column is ignored", edit: func(b *book) { b.rows = append(b.rows, []any{"Mengetahui, Kepala Dinas"}) }},
		{name: "duplicate code", edit: func(b *book) { b.rows = append(b.rows, row(testInstrument(), "1.2", "Ya", "")) },
			want: []Finding{
				{Sheet: K, Cell: "A7", Item: "1.2", Code: CodeDuplicateCode, Severity: Error},
				{Sheet: K, Cell: "A14", Item: "1.2", Code: CodeDuplicateCode, Severity: Error},
			},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if a := r.Answers["1.2"]; a.Answered() || a.Cell != "F7" {
					t.Errorf("duplicate item answer = %+v, want unanswered at F7", a)
				}
			}},
		{name: "missing item row", edit: func(b *book) { b.rows = append(b.rows[:6], b.rows[7:]...) },
			want: []Finding{{Sheet: K, Item: "2.2.1", Code: CodeItemMissing, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if _, ok := r.Answers["2.2.1"]; ok {
					t.Error("missing item has an answer")
				}
			}},
		{name: "altered question", edit: func(b *book) { b.rows[2][2] = "Apakah ada ruang layanan informasi yang nyaman?" },
			want: []Finding{{Sheet: K, Cell: "C7", Item: "1.2", Code: CodeQuestionChanged, Severity: Warning}}},
		{name: "question respaced is not altered", edit: func(b *book) { b.rows[2][2] = "  apakah ada ruang\nlayanan informasi? " }},
		{name: "verification", edit: func(b *book) {
			b.rows[1][8], b.rows[2][8], b.rows[3][8] = "Diterima", " TOLAK ", "mungkin"
		},
			want: []Finding{{Sheet: K, Cell: "I8", Item: "1.10", Code: CodeInvalidVerdict, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Answers["1.1"].Verification != Accepted || r.Answers["1.2"].Verification != Rejected || r.Answers["1.10"].Verification != NotVerified {
					t.Errorf("verifications: %q %q %q", r.Answers["1.1"].Verification, r.Answers["1.2"].Verification, r.Answers["1.10"].Verification)
				}
				// The answer is still scored (as not verified): the message must say so.
				if !strings.Contains(fs[0].Message, "belum diverifikasi") {
					t.Errorf("message does not say how the item is scored: %s", fs[0].Message)
				}
			}},
		{name: "other instrument version", edit: func(b *book) { b.meta[MetaVersion] = "2025.2" }, nilRsp: true,
			want: []Finding{{Code: CodeOtherInstrument, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if !strings.Contains(fs[0].Message, "versi 2025.2") || !strings.Contains(fs[0].Message, "versi 2026.1") {
					t.Errorf("message does not name both versions: %s", fs[0].Message)
				}
			}},
		{name: "other instrument fingerprint", edit: func(b *book) { b.meta[MetaFingerprint] = "0123456789abcdef" }, nilRsp: true,
			want: []Finding{{Code: CodeOtherInstrument, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if !strings.Contains(fs[0].Message, "sidik jari pertanyaan 0123456789abcdef") || !strings.Contains(fs[0].Message, testInstrument().QuestionsFingerprint()) {
					t.Errorf("message does not name both fingerprints: %s", fs[0].Message)
				}
			}},
		{name: "same fingerprint", edit: func(b *book) { b.meta[MetaFingerprint] = testInstrument().QuestionsFingerprint() }},
		{name: "other instrument id", edit: func(b *book) { b.meta[MetaInstrumentID] = "monev-2024" }, nilRsp: true,
			want: []Finding{{Code: CodeOtherInstrument, Severity: Error}}},
		{name: "metadata absent", edit: func(b *book) { b.meta = nil },
			want: []Finding{{Code: CodeMetadataMissing, Severity: Warning}}},
		{name: "unit name blank, taken from the template", edit: func(b *book) { b.identity[LabelUnit] = "" },
			want: []Finding{{Sheet: I, Cell: "B3", Code: CodeIdentityMissing, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Identity.Unit != unitDiskomi {
					t.Errorf("unit = %q", r.Identity.Unit)
				}
			}},
		{name: "unit name blank everywhere", edit: func(b *book) { b.identity[LabelUnit] = ""; delete(b.meta, MetaUnit) },
			want: []Finding{{Sheet: I, Cell: "B3", Code: CodeIdentityMissing, Severity: Error}}},
		{name: "category typed in other case takes the instrument's spelling", edit: func(b *book) { b.identity[LabelCategory] = " opd " },
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Identity.Category != "OPD" {
					t.Errorf("category = %q, want OPD", r.Identity.Category)
				}
			}},
		{name: "unknown category falls back to the template's", edit: func(b *book) { b.identity[LabelCategory] = "Dinas" },
			want: []Finding{{Sheet: I, Cell: "B4", Code: CodeCategoryUnknown, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Identity.Category != "OPD" {
					t.Errorf("category = %q, want OPD from the template", r.Identity.Category)
				}
				if !strings.Contains(fs[0].Message, `"Dinas"`) || !strings.Contains(fs[0].Fix, "OPD, Kecamatan") {
					t.Errorf("finding does not name the value and the choices: %s / %s", fs[0].Message, fs[0].Fix)
				}
			}},
		{name: "unknown category and none in the template", edit: func(b *book) { b.identity[LabelCategory] = "Dinas"; delete(b.meta, MetaCategory) },
			want: []Finding{{Sheet: I, Cell: "B4", Code: CodeCategoryUnknown, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Identity.Category != "Dinas" {
					t.Errorf("category = %q, want it kept as typed", r.Identity.Category)
				}
			}},
		{name: "unit name respelled is the same unit", edit: func(b *book) { b.identity[LabelUnit] = " dinas komunikasi  dan informatika" }},
		{name: "unit name differs from the template's", edit: func(b *book) { b.identity[LabelUnit] = "Dinas Sosial" },
			want: []Finding{{Sheet: I, Cell: "B3", Code: CodeUnitChanged, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Identity.Unit != "Dinas Sosial" {
					t.Errorf("unit = %q, want it as typed", r.Identity.Unit)
				}
				if !strings.Contains(fs[0].Message, `"Dinas Sosial"`) || !strings.Contains(fs[0].Message, unitDiskomi) {
					t.Errorf("message does not name both units: %s", fs[0].Message)
				}
			}},
		{name: "operator blank", edit: func(b *book) { b.identity[LabelOperator] = "" },
			want: []Finding{{Sheet: I, Cell: "B5", Code: CodeIdentityMissing, Severity: Warning}}},
		{name: "evidence column removed", edit: func(b *book) {
			b.header = []string{"Kode", "Indikator", "Pertanyaan", "Petunjuk", "Poin", "Jawaban"}
			for i := range b.rows {
				if len(b.rows[i]) > 6 {
					b.rows[i] = b.rows[i][:6]
				}
			}
		},
			want: []Finding{
				{Sheet: K, Cell: "A4", Code: CodeEvidenceColumn, Severity: Warning},
				{Sheet: K, Cell: "F6", Item: "1.1", Code: CodeEvidenceMissing, Severity: Warning},
				{Sheet: K, Cell: "F10", Item: "2.1", Code: CodeEvidenceMissing, Severity: Warning},
				{Sheet: K, Cell: "F13", Item: "3.1", Code: CodeEvidenceMissing, Severity: Warning},
			}},
		{name: "identity sheet missing", edit: func(b *book) { b.identity = nil },
			want: []Finding{{Code: CodeIdentityNotFound, Severity: Warning}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				if r.Identity != (Identity{Unit: unitDiskomi, Category: "OPD"}) {
					t.Errorf("identity %+v, want the template's unit", r.Identity)
				}
			}},
		{name: "identity sheet missing, unit unknown", edit: func(b *book) { b.identity = nil; delete(b.meta, MetaUnit) },
			want: []Finding{{Code: CodeIdentityMissing, Severity: Error}, {Code: CodeIdentityNotFound, Severity: Warning}}},
		{name: "no header row and no metadata: one finding", edit: func(b *book) { b.header = []string{"No", "Uraian"}; b.meta = nil }, nilRsp: true,
			want: []Finding{{Sheet: K, Code: CodeSheetNotFound, Severity: Error}}},
		{name: "no header row", edit: func(b *book) { b.header = []string{"No", "Uraian", "Isian"} }, nilRsp: true,
			want: []Finding{{Sheet: K, Code: CodeSheetNotFound, Severity: Error}},
			check: func(t *testing.T, r *Response, fs []Finding) {
				// The sheet is there: the message must not say it is not.
				if strings.Contains(fs[0].Message, "tidak ada lembar") || !strings.Contains(fs[0].Message, "baris judul kolom") {
					t.Errorf("message: %s", fs[0].Message)
				}
			}},
		{name: "no questionnaire sheet at all", edit: func(b *book) { b.header = []string{"No", "Uraian"}; b.sheet = "Lembar1" }, nilRsp: true,
			want: []Finding{{Code: CodeSheetNotFound, Severity: Error}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := standardBook(testInstrument())
			tc.edit(b)
			resp, fs := readBook(t, b)
			if (resp == nil) != tc.nilRsp {
				t.Fatalf("response nil = %v, want %v; findings %v", resp == nil, tc.nilRsp, fs)
			}
			assertFindings(t, fs, tc.want)
			if tc.check != nil && len(fs) >= len(tc.want) {
				tc.check(t, resp, fs)
			}
		})
	}
}

func TestIsLockFile(t *testing.T) {
	tests := map[string]bool{
		"~$SAQ-Diskominfo.xlsx":               true,
		"masuk/~$SAQ-Diskominfo.xlsx":         true,
		".~lock.SAQ-Diskominfo.xlsx#":         true,
		"/tmp/x/.~lock.SAQ Sakra Timur.xlsx#": true,
		"SAQ-Diskominfo.xlsx":                 false,
		".~lock.SAQ.xlsx":                     false, // no closing #
		"a~$b.xlsx":                           false,
		"":                                    false,
	}
	for name, want := range tests {
		if got := IsLockFile(name); got != want {
			t.Errorf("IsLockFile(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestFindingsSorted(t *testing.T) {
	fs := []Finding{
		{Sheet: "Kuesioner", Cell: "F10", Code: "b"},
		{Sheet: "Kuesioner", Cell: "AA2", Code: "a"},
		{Sheet: "", Code: "z"},
		{Sheet: "Kuesioner", Cell: "F10", Code: "a"},
		{Sheet: "Identitas", Cell: "B7", Code: "a"},
		{Sheet: "Kuesioner", Cell: "B10", Code: "c"},
		{Sheet: "Kuesioner", Item: "1.10", Code: "butir-hilang"},
		{Sheet: "Kuesioner", Item: "1.9", Code: "butir-hilang"},
	}
	SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Sheet+"!"+f.Cell+"/"+string(f.Code)+"/"+f.Item)
	}
	want := []string{"!/z/", "Identitas!B7/a/", "Kuesioner!/butir-hilang/1.9", "Kuesioner!/butir-hilang/1.10",
		"Kuesioner!AA2/a/", "Kuesioner!B10/c/", "Kuesioner!F10/a/", "Kuesioner!F10/b/"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
}

func TestCodesComplete(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range Codes() {
		if seen[c] {
			t.Errorf("code %s listed twice", c)
		}
		seen[c] = true
		msg, fix := c.Describe()
		if msg == "" || fix == "" {
			t.Errorf("code %s lacks message or fix", c)
		}
		for _, r := range string(c) {
			if !(r >= 'a' && r <= 'z' || r == '-') {
				t.Errorf("code %q is not kebab-case", c)
				break
			}
		}
	}
	if len(seen) != len(codeTable) {
		t.Errorf("Codes() lists %d codes, table has %d", len(seen), len(codeTable))
	}
}

// TestReaderConcurrent: one Reader used from several goroutines gives each
// file its own result (run with -race).
func TestReaderConcurrent(t *testing.T) {
	inst := testInstrument()
	good := standardBook(inst)
	good.meta[MetaFingerprint] = inst.QuestionsFingerprint()
	bad := standardBook(inst)
	bad.rows[2][5] = ""
	paths := []string{writeTempBytes(t, "a.xlsx", good.build(t)), writeTempBytes(t, "b.xlsx", bad.build(t))}
	rd := NewReader(inst, ReadOptions{})
	var wg sync.WaitGroup
	results := make([][]Finding, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, results[i] = rd.ReadFile(paths[i%2])
		}()
	}
	wg.Wait()
	for i, fs := range results {
		want := 0
		if i%2 == 1 {
			want = 1 // 1.2 unanswered
		}
		if len(fs) != want {
			t.Errorf("run %d: findings %v", i, fs)
		}
	}
}

// TestReadFileRenamedSheetAfterLargeSheet: the questionnaire sheet renamed
// and, before it, another sheet too large to be a questionnaire. The large
// sheet is passed over; the questionnaire is read.
func TestReadFileRenamedSheetAfterLargeSheet(t *testing.T) {
	inst := testInstrument()
	b := standardBook(inst)
	b.sheet = "SAQ Diskominfo"
	b.edit = func(f *excelize.File, sheet string) {
		if _, err := f.NewSheet("Data"); err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= 120; r++ {
			if err := f.SetCellValue("Data", cellName(1, r), r); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.MoveSheet("Data", sheet); err != nil {
			t.Fatal(err)
		}
	}
	p := writeTempBytes(t, "SAQ-uji.xlsx", b.build(t))
	resp, fs := ReadFile(p, inst, ReadOptions{MaxRows: 100})
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if resp.Sheet != "SAQ Diskominfo" || resp.Answers["1.1"].Value != Yes {
		t.Errorf("sheet %q, 1.1 = %+v", resp.Sheet, resp.Answers["1.1"])
	}
	assertFindings(t, fs, nil)

	// Without a questionnaire anywhere, the large sheet is what is reported:
	// it may be the questionnaire itself.
	b.header = []string{"No", "Uraian"}
	p = writeTempBytes(t, "SAQ-uji.xlsx", b.build(t))
	resp, fs = ReadFile(p, inst, ReadOptions{MaxRows: 100})
	want := []Finding{{Sheet: "Data", Code: CodeSheetTooLarge, Severity: Error}}
	if resp != nil {
		t.Error("response for a file without a questionnaire")
	}
	assertFindings(t, fs, want)
}

// TestReadFileFilledCopyOfSheet: the operator made a copy of the Kuesioner
// sheet ("Kuesioner (2)"), answered there and left the original blank. The
// answers are read from the copy, with a warning; they are not all lost.
func TestReadFileFilledCopyOfSheet(t *testing.T) {
	inst := testInstrument()
	const copyName = "Kuesioner (2)"
	b := standardBook(inst)
	b.edit = func(f *excelize.File, sheet string) {
		to, err := f.NewSheet(copyName)
		if err != nil {
			t.Fatal(err)
		}
		from, _ := f.GetSheetIndex(sheet)
		if err := f.CopySheet(from, to); err != nil {
			t.Fatal(err)
		}
		for r := HeaderRow + 1; r <= HeaderRow+len(b.rows); r++ {
			if err := f.SetCellValue(sheet, cellName(6, r), ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	resp, fs := readBook(t, b)
	if resp == nil {
		t.Fatalf("no response: %v", fs)
	}
	if resp.Sheet != copyName {
		t.Errorf("sheet %q, want %q", resp.Sheet, copyName)
	}
	want := standardAnswers()
	if !reflect.DeepEqual(resp.Answers, want) {
		t.Errorf("Answers:\n got %+v\nwant %+v", resp.Answers, want)
	}
	assertFindings(t, fs, []Finding{{Sheet: copyName, Code: CodeSheetCopyUsed, Severity: Warning}})

	// Both blank: the Kuesioner sheet is the one read (every item unanswered).
	b = standardBook(inst)
	for i := range b.rows {
		if len(b.rows[i]) > 5 {
			b.rows[i][5] = ""
		}
	}
	b.extra = []sheetSpec{{name: copyName, cells: map[string]any{"A4": "Kode", "F4": "Jawaban", "A5": "1.1"}}}
	resp, fs = readBook(t, b)
	if resp == nil || resp.Sheet != SheetQuestions || len(findingsWith(fs, CodeUnanswered)) != len(inst.Items) {
		t.Errorf("blank sheets: sheet %v, findings %v", resp != nil && resp.Sheet == SheetQuestions, fs)
	}
}

// TestReadAfterInstrumentCorrection: a template of testInstrument, filled and
// returned, is read with a corrected instrument. Only the questions decide:
// scoring corrections read as before, another id or version with the same
// questions reads with a warning, other questions are another instrument.
func TestReadAfterInstrumentCorrection(t *testing.T) {
	f, orig := loTemplate(t)
	defer f.Close()
	want := loFill(t, f, orig)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := writeTempBytes(t, "SAQ-Kecamatan-Suela.xlsx", buf.Bytes())
	d := MustDecimal
	tests := []struct {
		name   string
		change func(in *Instrument)
		nilRsp bool
		want   []Finding
		msg    []string // fragments of the single finding's message
	}{
		{name: "unchanged", change: func(*Instrument) {}},
		{name: "indicator weight corrected", change: func(in *Instrument) {
			in.Indicators[0].Weight, in.Indicators[1].Weight = d("50"), d("20")
		}},
		{name: "points, fractions, tiers, stages and bands corrected", change: func(in *Instrument) {
			in.Items[0].MaxPoints = d("12")
			in.Items[3].Levels[1].Fraction = d("0.4")
			in.Items[5].Tiers[1] = Tier{Min: 20, Points: d("12")}
			in.Stages = []Stage{{ID: SAQStage, Name: "SAQ", Weight: d("80")}, {ID: "presentasi", Name: "Presentasi", Weight: d("20")}}
			in.Bands[1].Min, in.Bands[0].Max = d("70"), d("70")
		}},
		{name: "same questions, other version", change: func(in *Instrument) { in.Version = "2027.1" },
			want: []Finding{{Code: CodeOtherVersion, Severity: Warning}},
			msg:  []string{"“monev-uji” versi 2026.1", "“monev-uji” versi 2027.1", "tetap dinilai"}},
		{name: "same questions, other id", change: func(in *Instrument) { in.ID = "monev-2027" },
			want: []Finding{{Code: CodeOtherVersion, Severity: Warning}},
			msg:  []string{"“monev-uji”", "“monev-2027”"}},
		{name: "question reworded", change: func(in *Instrument) { in.Items[1].Question = "Apakah ada ruang layanan informasi yang nyaman?" },
			nilRsp: true, want: []Finding{{Code: CodeOtherInstrument, Severity: Error}},
			msg: []string{"Pertanyaan pada berkas berbeda", "“monev-uji” versi 2026.1 (sidik jari pertanyaan " + orig.QuestionsFingerprint() + ")"}},
		{name: "item added", change: func(in *Instrument) {
			in.Items = append(in.Items, Item{Code: "3.2", Indicator: "3", Question: "Ada laporan layanan?", MaxPoints: d("5"), Kind: KindYesNo})
		}, nilRsp: true, want: []Finding{{Code: CodeOtherInstrument, Severity: Error}}},
		{name: "level relabelled", change: func(in *Instrument) { in.Items[4].Levels[1].Label = "Belum ada" },
			nilRsp: true, want: []Finding{{Code: CodeOtherInstrument, Severity: Error}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := testInstrument()
			tc.change(in)
			resp, fs := ReadFile(path, in, ReadOptions{})
			if (resp == nil) != tc.nilRsp {
				t.Fatalf("response nil = %v, want %v; findings %v", resp == nil, tc.nilRsp, fs)
			}
			assertFindings(t, fs, tc.want)
			if len(fs) == 1 {
				for _, m := range tc.msg {
					if !strings.Contains(fs[0].Message, m) {
						t.Errorf("message lacks %q: %s", m, fs[0].Message)
					}
				}
			}
			if resp != nil {
				if resp.Fingerprint != orig.QuestionsFingerprint() || resp.InstrumentVersion != "2026.1" {
					t.Errorf("instrument read as %q %q", resp.InstrumentVersion, resp.Fingerprint)
				}
				compareAnswers(t, resp.Answers, want)
			}
		})
	}
}
