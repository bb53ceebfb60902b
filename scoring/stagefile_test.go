package scoring

import (
	"archive/zip"
	"bytes"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"monev/questionnaire"
)

func TestReadStageScoresCSV(t *testing.T) {
	tests := []struct {
		name     string
		content  string
		want     map[string]string // name → exact score as a fraction
		findings []string          // "code@message-prefix"
	}{
		{
			name:    "comma separated with BOM",
			content: "\ufeffNama,Nilai\nDinas Pertanian,85.5\nKecamatan Sakra,\"90,25\"\n",
			want:    map[string]string{"Dinas Pertanian": "171/2", "Kecamatan Sakra": "361/4"},
		},
		{
			name: "semicolon, decimal comma, headers in other words and order, blank lines",
			// 89,995 must stay exact: 89995/1000 = 17999/200.
			content: "skor presentasi;badan publik\n\n89,995;Dinas Sosial\n100;Kec. Sembalun\r\n0;Dinas Kesehatan\n",
			want:    map[string]string{"Dinas Sosial": "17999/200", "Kec. Sembalun": "100", "Dinas Kesehatan": "0"},
		},
		{
			name:    "bad rows become findings with their line",
			content: "nama;nilai\nA;101\nB;-1\nC;delapan puluh\nD;8e1\nE;\n;70\nA;50\nF;100,0\n",
			want:    map[string]string{"A": "50", "F": "100"}, // A;101 is rejected, so A;50 is the first accepted row
			findings: []string{
				"nilai-tahap-di-luar-rentang@Baris 2:",
				"nilai-tahap-di-luar-rentang@Baris 3:",
				"nilai-tahap-bukan-angka@Baris 4:",
				"nilai-tahap-bukan-angka@Baris 5:",
				"nilai-tahap-kosong@Baris 6:",
				"nilai-tahap-tanpa-nama@Baris 7:",
			},
		},
		{
			name:     "duplicate after normalisation",
			content:  "nama,nilai\nKecamatan Sakra,80\nKEC. SAKRA,81\n",
			want:     map[string]string{"Kecamatan Sakra": "80"},
			findings: []string{"nilai-tahap-ganda@Baris 3:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "tahap.csv")
			if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			got, fs, err := ReadStageScores(p)
			if err != nil {
				t.Fatal(err)
			}
			checkScores(t, got, tt.want)
			if len(fs) != len(tt.findings) {
				t.Fatalf("findings = %v, want %v", fs, tt.findings)
			}
			// Findings are sorted by file then message here (no sheet/cell in a CSV).
			for _, wantF := range tt.findings {
				code, prefix, _ := strings.Cut(wantF, "@")
				found := false
				for _, f := range fs {
					if string(f.Code) == code && strings.HasPrefix(f.Message, prefix) && f.File == p {
						found = true
					}
				}
				if !found {
					t.Errorf("no finding %s starting %q in %v", code, prefix, fs)
				}
			}
		})
	}
}

// The A "101" row is out of range (an error), the second A row at 50 is then
// the first valid one: a duplicate is only a duplicate of an accepted row.
func TestReadStageScoresFirstValidRowWins(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.csv")
	os.WriteFile(p, []byte("nama,nilai\nA,101\nA,50\n"), 0o644)
	got, fs, err := ReadStageScores(p)
	if err != nil {
		t.Fatal(err)
	}
	checkScores(t, got, map[string]string{"A": "50"})
	if len(fs) != 1 || fs[0].Code != CodeStageOutOfRange {
		t.Errorf("findings = %v, want one out-of-range", fs)
	}
}

func TestReadStageScoresXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"No", "Nama Badan Publik", "Nilai Presentasi"})
	f.SetSheetRow(sh, "A2", &[]any{1, "Dinas Pertanian", 85.55})  // a float: read back as "85.55"
	f.SetSheetRow(sh, "A3", &[]any{2, "Kecamatan Sakra", "90,5"}) // text with a decimal comma
	f.SetSheetRow(sh, "A4", &[]any{3, "Dinas Sosial", 120})
	f.SetSheetRow(sh, "A5", &[]any{4, "Dinas Kesehatan", 77})
	// A number format must not change what is read: 77 shown as "77,000" stays 77.
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
	f.SetCellStyle(sh, "C5", "C5", style)
	p := filepath.Join(t.TempDir(), "presentasi.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	got, fs, err := ReadStageScores(p)
	if err != nil {
		t.Fatal(err)
	}
	// 85.55 = 1711/20; 90.5 = 181/2.
	checkScores(t, got, map[string]string{"Dinas Pertanian": "1711/20", "Kecamatan Sakra": "181/2", "Dinas Kesehatan": "77"})
	if len(fs) != 1 || fs[0].Code != CodeStageOutOfRange || fs[0].Sheet != sh || fs[0].Cell != "C4" || fs[0].Severity != questionnaire.Error {
		t.Errorf("findings = %+v, want one out-of-range error at %s!C4", fs, sh)
	}
}

func TestReadStageScoresErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	tests := []struct{ path, want string }{
		{write("kolom.csv", "badan,angka\nA,1\n"), `harus memuat kolom "nama" dan "nilai"`},
		{write("kosong.csv", "\n\n"), "berkas kosong"},
		{write("bukan.xlsx", "this is not a zip"), "bukan berkas .xlsx yang dapat dibaca; buka di Excel"},
		{write("nilai.pdf", "%PDF"), ".csv atau .xlsx"},
		{writeRowPastLimit(t, filepath.Join(dir, "baris.xlsx")), "baris.xlsx: lembar pertama rusak dan tidak dapat dibaca; buka di Excel"},
		{filepath.Join(dir, "tidak-ada.csv"), "tidak-ada.csv: tidak ditemukan; periksa nama"},
		{filepath.Join(dir, "tidak-ada.xlsx"), "tidak-ada.xlsx: tidak ditemukan; periksa nama"},
	}
	for _, tt := range tests {
		_, _, err := ReadStageScores(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", filepath.Base(tt.path), err, tt.want)
		}
		// Go's and excelize's English stays out of the message.
		if err != nil && (strings.Contains(err.Error(), "no such file") || strings.Contains(err.Error(), "zip:") || strings.Contains(err.Error(), "exceeds")) {
			t.Errorf("%s: err = %v: English from Go leaks", filepath.Base(tt.path), err)
		}
	}
}

func checkScores(t *testing.T, got map[string]*big.Rat, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("scores = %v, want %v", got, want)
	}
	for name, w := range want {
		r, _ := new(big.Rat).SetString(w)
		if got[name] == nil || got[name].Cmp(r) != 0 {
			t.Errorf("score of %q = %v, want %s", name, got[name], w)
		}
	}
}

// FuzzReadStageScoresCSV: any CSV gives scores within 0–100 under non-empty
// names, or an error; never a panic.
func FuzzReadStageScoresCSV(f *testing.F) {
	f.Add([]byte("nama,nilai\nDinas A,85.5\n"))
	f.Add([]byte("\ufeffskor;badan publik\n90,25;Kec. B\n;\n101;C\n"))
	f.Add([]byte("nama,nilai\n\"A,1\",\"7,5\"\n\"unterminated\n"))
	dir := f.TempDir()
	hundred := big.NewRat(100, 1)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		scores, fs, err := ReadStageScores(p)
		if err != nil {
			if scores != nil || fs != nil {
				t.Errorf("error %v with results", err)
			}
			return
		}
		for name, v := range scores {
			if questionnaire.NormalizeUnitName(name) == "" || v.Sign() < 0 || v.Cmp(hundred) > 0 {
				t.Errorf("bad entry %q = %v", name, v)
			}
		}
		for _, f := range fs {
			if f.File != p || f.Code == "" || f.Message == "" {
				t.Errorf("finding not located or not coded: %+v", f)
			}
		}
	})
}

// writeRowPastLimit writes a .xlsx whose only row is numbered past Excel's
// 1,048,576 rows, on which excelize's Columns fails ("row number exceeds
// maximum limit"), and returns its path.
func writeRowPastLimit(t *testing.T, path string) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"nama", "nilai"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" {
			data = regexp.MustCompile(`<sheetData>.*</sheetData>`).ReplaceAll(data,
				[]byte(`<sheetData><row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`))
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
