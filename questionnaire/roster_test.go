package questionnaire

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadRosterFixture(t *testing.T) {
	units, err := ReadRoster(filepath.Join("testdata", "lombok-timur-units.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// The fixture lists 33 OPD, then the 21 kecamatan.
	if len(units) != 54 {
		t.Fatalf("%d units, want 54", len(units))
	}
	count := map[string]int{}
	for _, u := range units {
		count[u.Category]++
	}
	if count["OPD"] != 33 || count["Kecamatan"] != 21 || len(count) != 2 {
		t.Errorf("categories = %v, want 33 OPD and 21 Kecamatan", count)
	}
	if units[0] != (Unit{"Sekretariat Daerah", "OPD"}) || units[53] != (Unit{"Kecamatan Wanasaba", "Kecamatan"}) {
		t.Errorf("first/last = %+v / %+v", units[0], units[53])
	}
	// Every unit makes a template file name of its own.
	seen := map[string]bool{}
	for _, u := range units {
		n := strings.ToLower(TemplateFileName(u))
		if seen[n] {
			t.Errorf("file name %s occurs twice", n)
		}
		seen[n] = true
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadRosterCSV(t *testing.T) {
	sakra := []Unit{{"Kecamatan Sakra", "Kecamatan"}, {"Dinas Sosial", "OPD"}}
	tests := []struct {
		name    string
		content string
		want    []Unit
		errLine int    // 0: no error expected unless errMsg is set
		errMsg  string // substring of the error
	}{
		{"plain comma", "nama,kategori\nKecamatan Sakra,Kecamatan\nDinas Sosial,OPD\n", sakra, 0, ""},
		{"semicolon BOM CRLF", "\ufeffNama;Kategori\r\nKecamatan Sakra;Kecamatan\r\nDinas Sosial;OPD\r\n", sakra, 0, ""},
		{"columns reordered, extra columns, aliases", "No;Kategori;Nama Badan Publik;Alamat\n1;Kecamatan;Kecamatan Sakra;Jl. A\n2;OPD;Dinas Sosial;Jl. B\n", sakra, 0, ""},
		{"alias unit", "UNIT,KATEGORI\nKecamatan Sakra,Kecamatan\nDinas Sosial,OPD\n", sakra, 0, ""},
		{"alias badan publik", "badan  publik,kategori\nKecamatan Sakra,Kecamatan\nDinas Sosial,OPD\n", sakra, 0, ""},
		{"spaces and blank lines", "\n\n nama , kategori \n\n  Kecamatan   Sakra , Kecamatan\n,,\n,\nDinas Sosial\u00a0,OPD\n\n", sakra, 0, ""},
		{"quoted comma in name", "nama,kategori\n\"Dinas Komunikasi, Informatika dan Persandian\",OPD\n",
			[]Unit{{"Dinas Komunikasi, Informatika dan Persandian", "OPD"}}, 0, ""},
		{"semicolon with commas in names", "nama;kategori\nDinas Komunikasi, Informatika dan Persandian;OPD\n",
			[]Unit{{"Dinas Komunikasi, Informatika dan Persandian", "OPD"}}, 0, ""},
		{"tab separated", "nama\tkategori\nDinas Sosial\tOPD\n", []Unit{{"Dinas Sosial", "OPD"}}, 0, ""},
		{"title rows above the header", "Daftar PPID Pembantu 2026;;\nper 1 Juli;;\n\nNo;Nama;Kategori\n1;Kecamatan Sakra;Kecamatan\n2;Dinas Sosial;OPD\n", sakra, 0, ""},
		{"title without separators", "Daftar PPID Pembantu\nNama;Kategori\nKecamatan Sakra;Kecamatan\nDinas Sosial;OPD\n", sakra, 0, ""},
		{"header too far down", "a\nb\nc\nd\ne\nf\nnama,kategori\nDinas Sosial,OPD\n", nil, 1, `kolom "nama" dan "kategori" tidak ditemukan pada baris judul (a)`},
		{"missing kategori column", "nama,jenis kelamin\nDinas Sosial,OPD\n", nil, 1, `kolom "kategori" tidak ditemukan`},
		{"missing both columns, header on line 3", "\n\nno;alamat\n1;Jl. A\n", nil, 3, `kolom "nama" dan "kategori" tidak ditemukan`},
		{"duplicate name ignoring case", "nama,kategori\nDinas Sosial,OPD\nKecamatan Sakra,Kecamatan\ndinas  sosial,OPD\n", nil, 4, `sudah ada di baris 2`},
		{"blank name", "nama,kategori\nDinas Sosial,OPD\n,Kecamatan\n", nil, 3, "nama badan publik kosong"},
		{"blank category", "nama,kategori\nDinas Sosial,\n", nil, 2, "kategori \"Dinas Sosial\" kosong"},
		{"header only", "nama,kategori\n", nil, 1, "tidak berisi satu pun baris"},
		{"empty file", "", nil, 0, "daftar badan publik kosong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadRoster(writeTemp(t, "daftar.csv", tt.content))
			if tt.errMsg == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("units = %+v, want %+v", got, tt.want)
				}
				return
			}
			var re *RosterError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *RosterError", err)
			}
			if re.Line != tt.errLine || !strings.Contains(re.Msg, tt.errMsg) {
				t.Errorf("error line %d %q, want line %d containing %q", re.Line, re.Msg, tt.errLine, tt.errMsg)
			}
			if got != nil {
				t.Errorf("units returned with an error: %v", got)
			}
		})
	}
}

func TestReadRosterXLSX(t *testing.T) {
	write := func(t *testing.T, rows [][]any) string {
		f := excelize.NewFile()
		defer f.Close()
		for i, r := range rows {
			ref, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow("Sheet1", ref, &r); err != nil {
				t.Fatal(err)
			}
		}
		// A second sheet must be ignored.
		if _, err := f.NewSheet("Lain"); err != nil {
			t.Fatal(err)
		}
		_ = f.SetCellValue("Lain", "A1", "nama")
		p := filepath.Join(t.TempDir(), "daftar.xlsx")
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := write(t, [][]any{
		{"Daftar PPID Pembantu"}, // a title row above the header is not a header
		{},
		{"No", "Nama Badan Publik", "Kategori"},
		{1, " Kecamatan Sakra ", "Kecamatan"},
		{},
		{2, "Dinas Sosial", "OPD"},
	})
	got, err := ReadRoster(p)
	if err != nil {
		t.Fatalf("title row above the header: %v", err)
	}
	if want := []Unit{{"Kecamatan Sakra", "Kecamatan"}, {"Dinas Sosial", "OPD"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("units = %+v, want %+v", got, want)
	}
	var re *RosterError

	p = write(t, [][]any{
		{},
		{"No", "Nama Badan Publik", "Kategori"},
		{1, " Kecamatan Sakra ", "Kecamatan"},
		{},
		{2, "Dinas Sosial", "OPD"},
		{3, "DINAS SOSIAL", "OPD"},
	})
	_, err = ReadRoster(p)
	if !errors.As(err, &re) || re.Line != 6 || !strings.Contains(re.Msg, "sudah ada di baris 5") {
		t.Fatalf("duplicate in .xlsx: err = %v, want line 6 naming line 5", err)
	}

	p = write(t, [][]any{
		{"Nama", "Kategori"},
		{"Kecamatan Sakra", "Kecamatan"},
		{},
		{"Dinas Sosial", "OPD"},
	})
	got, err = ReadRoster(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Unit{{"Kecamatan Sakra", "Kecamatan"}, {"Dinas Sosial", "OPD"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("units = %+v, want %+v", got, want)
	}
}

func TestReadRosterBadFiles(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"unknown extension", "daftar.ods", "x", "format daftar badan publik tidak dikenal"},
		{"not a zip", "daftar.xlsx", "nama,kategori\n", "bukan buku kerja .xlsx yang utuh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRoster(writeTemp(t, tt.file, tt.content))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "zip:") {
				t.Errorf("err = %v: excelize's English reaches the user", err)
			}
		})
	}
	// A row numbered past Excel's last row makes excelize's Columns fail
	// ("row number exceeds maximum limit"): said in Indonesian, with the sheet.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"nama", "kategori"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	past := rezip(t, buf.Bytes(), func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return b
		}
		return regexp.MustCompile(`<sheetData>.*</sheetData>`).ReplaceAll(b,
			[]byte(`<sheetData><row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`))
	})
	_, err := ReadRoster(writeTempBytes(t, "daftar.xlsx", past))
	if want := "lembar Sheet1 rusak dan tidak dapat dibaca; buka di Excel"; err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "exceeds") {
		t.Errorf("row past the last: err = %v, want %q without excelize's English", err, want)
	}
	if _, err := ReadRoster(filepath.Join(t.TempDir(), "tidak-ada.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want ErrNotExist", err)
	}
}

// FuzzReadRosterCSV: any bytes give units or an error, never a panic, and
// the units obey the rules (non-blank, trimmed, unique names).
func FuzzReadRosterCSV(f *testing.F) {
	f.Add([]byte("nama,kategori\nDinas Sosial,OPD\n"))
	f.Add([]byte("\ufeffNama;Kategori\r\nKecamatan Sakra;Kecamatan\r\n"))
	f.Add([]byte("nama,kategori\n\"a,b\",OPD\n\"unterminated\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		units, err := ReadRoster(p)
		if err != nil {
			if units != nil {
				t.Error("units with an error")
			}
			return
		}
		seen := map[string]bool{}
		for _, u := range units {
			if u.Name == "" || u.Category == "" || u.Name != cleanCell(u.Name) || u.Category != cleanCell(u.Category) {
				t.Errorf("unit not clean: %q", u)
			}
			k := strings.ToLower(u.Name)
			if seen[k] {
				t.Errorf("duplicate %q", u.Name)
			}
			seen[k] = true
		}
	})
}
