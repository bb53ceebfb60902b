package questionnaire

import "testing"

func TestNormalizeUnitName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kecamatan Sakra Timur", "kecamatan sakra timur"},
		{"  KEC. Sakra   Timur ", "kecamatan sakra timur"},
		{"Kec Sakra Timur", "kecamatan sakra timur"},
		{"RSUD dr. R. Soedjono Selong", "rsud dr r soedjono selong"},
		{"Dinas Komunikasi, Informatika & Statistik.", "dinas komunikasi informatika statistik"},
		{"Kecamatan", "kecamatan"},
		{"Kecil", "kecil"}, // "kec" only as a whole word
		{"", ""},
		{" .,; ", ""},
	}
	for _, tt := range tests {
		if got := NormalizeUnitName(tt.in); got != tt.want {
			t.Errorf("NormalizeUnitName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSameUnitName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Kecamatan Sakra", "Kec. Sakra", true},
		{"Kecamatan Sakra", "sakra", true},
		{"KECAMATAN  SAKRA ", "Kecamatan Sakra", true},
		{"Kecamatan Sakra", "Kecamatan Sakra Timur", false},
		{"Dinas Sosial", "Dinas Pertanian", false},
		{"Dinas Sosial", "Sosial", false}, // only "Kecamatan" may be left out
	}
	for _, tt := range tests {
		if got := SameUnitName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameUnitName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
