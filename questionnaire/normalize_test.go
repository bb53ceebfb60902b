package questionnaire

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeAnswer(t *testing.T) {
	inst := testInstrument()
	yn, lvl, cnt := inst.Item("1.1"), inst.Item("2.1"), inst.Item("3.1")
	tests := []struct {
		it      *Item
		raw     string
		want    string
		wantErr string // substring of the error; "" for no error
	}{
		// ya_tidak
		{yn, "Ya", Yes, ""},
		{yn, " ya ", Yes, ""},
		{yn, "YA.", Yes, ""},
		{yn, "Y", Yes, ""},
		{yn, "yes", Yes, ""},
		{yn, "Ada", Yes, ""},
		{yn, "sudah", Yes, ""},
		{yn, "1", Yes, ""},
		{yn, "TRUE", Yes, ""}, // a boolean cell
		{yn, "✓", Yes, ""},
		{yn, "Tidak", No, ""},
		{yn, "t", No, ""},
		{yn, "No", No, ""},
		{yn, "belum", No, ""},
		{yn, "Tidak  Ada", No, ""},
		{yn, "tidak\u00a0ada", No, ""}, // no-break space
		{yn, "0", No, ""},
		{yn, "FALSE", No, ""},
		{yn, "", "", ""},
		{yn, "   ", "", ""},
		{yn, "x", "", "“Ya”, “Tidak”"}, // X means yes to some, no to others
		{yn, "Mungkin", "", "jawaban tidak dikenal"},
		{yn, "Ya Tidak", "", "“Ya”, “Tidak”"},
		// tingkat: label or synonym, any case and spacing
		{lvl, "Lengkap", "Lengkap", ""},
		{lvl, "lengkap", "Lengkap", ""},
		{lvl, "SUDAH  LENGKAP", "Lengkap", ""},
		{lvl, " sebagian besar ", "Sebagian", ""},
		{lvl, "parsial", "Sebagian", ""},
		{lvl, "belum ada", "Belum ada", ""},
		{lvl, "Cukup", "", "“Lengkap”, “Sebagian”, “Belum ada”"},
		{lvl, "Ya", "", "bukan salah satu pilihan"},
		// jumlah
		{cnt, "12", "12", ""},
		{cnt, " 12 ", "12", ""},
		{cnt, "12.0", "12", ""},
		{cnt, "12,0", "12", ""},
		{cnt, "12,00", "12", ""},
		{cnt, "0", "0", ""},
		{cnt, "007", "7", ""},
		{cnt, "1.234", "1234", ""}, // Indonesian thousands grouping
		{cnt, "1,234", "1234", ""}, // English thousands grouping
		{cnt, "1.234.567", "1234567", ""},
		{cnt, "1 234", "1234", ""},
		{cnt, "12.000", "12000", ""}, // grouping wins over a decimal of zeros
		{cnt, "-3", "", "negatif"},
		{cnt, "−3", "", "negatif"}, // U+2212 minus
		{cnt, "2,5", "", "bilangan bulat"},
		{cnt, "2.5", "", "bilangan bulat"},
		{cnt, "1.23", "", "bilangan bulat"}, // not a group of three
		{cnt, "12 dokumen", "", "bukan angka"},
		{cnt, "dua belas", "", "bukan angka"},
		{cnt, "1e3", "", "bukan angka"},
		{cnt, "1.2.3", "", "bukan angka"},
		{cnt, "99999999999", "", "terlalu besar"},
		{cnt, "-", "", "bukan angka"},
	}
	for _, tc := range tests {
		got, err := NormalizeAnswer(tc.it, tc.raw)
		if got != tc.want {
			t.Errorf("%s %q = %q, want %q", tc.it.Kind, tc.raw, got, tc.want)
		}
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s %q: unexpected error %v", tc.it.Kind, tc.raw, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s %q: error %v, want one containing %q", tc.it.Kind, tc.raw, err, tc.wantErr)
		}
		var ae *AnswerError
		if err != nil && !errors.As(err, &ae) {
			t.Errorf("%q: error is not an *AnswerError", tc.raw)
		}
	}
}

func TestNormalizeVerification(t *testing.T) {
	tests := []struct {
		raw  string
		want Verification
		ok   bool
	}{
		{"", NotVerified, true},
		{"  ", NotVerified, true},
		{"Diterima", Accepted, true},
		{"DITERIMA ", Accepted, true},
		{"ok", Accepted, true},
		{"Sesuai", Accepted, true},
		{"✓", Accepted, true},
		{"Ditolak", Rejected, true},
		{"tolak", Rejected, true},
		{"Tidak  sesuai", Rejected, true},
		{"tidak valid", Rejected, true},
		{"perlu dicek", NotVerified, false},
		{"?", NotVerified, false},
	}
	for _, tc := range tests {
		got, ok := NormalizeVerification(tc.raw)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeVerification(%q) = %q, %v; want %q, %v", tc.raw, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNormalizeCode(t *testing.T) {
	tests := map[string]string{
		"1.1.1":       "1.1.1",
		" 1.1.1 ":     "1.1.1",
		"1.1.1.":      "1.1.1",
		"1. 1. 1":     "1.1.1",
		"\u00a01.2":   "1.2",
		"1.10":        "1.10",
		"":            "",
		"Kelembagaan": "Kelembagaan",
	}
	for in, want := range tests {
		if got := NormalizeCode(in); got != want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsEvidenceReference(t *testing.T) {
	tests := map[string]bool{
		"https://ppid.lomboktimurkab.go.id/sk.pdf":       true,
		"HTTP://PPID.LOMBOKTIMURKAB.GO.ID":               true,
		"http://localhost:8080/x":                        true,
		"www.lomboktimurkab.go.id/ppid":                  true,
		"SK PPID 2025.pdf":                               true,
		`D:\Bukti\SK PPID.docx`:                          true,
		"bukti/foto-ruang.jpeg":                          true,
		"lihat https://drive.example.org/a dan lampiran": true,
		"SK.pdf\nFoto.jpg":                               true,
		"https://":                                       false,
		"http:// ppid.go.id":                             true, // "ppid.go.id" passes as a name with an extension
		"ftp://ppid.go.id/sk.pdf":                        true, // the file name makes it a file reference
		"ftp://ppid.go.id/":                              false,
		"lihat lampiran":                                 false,
		"ada":                                            false,
		"1.5":                                            false,
		".pdf":                                           false,
		"sk.":                                            false,
		"":                                               false,
	}
	for in, want := range tests {
		if got := IsEvidenceReference(in); got != want {
			t.Errorf("IsEvidenceReference(%q) = %v, want %v", in, got, want)
		}
	}
}
