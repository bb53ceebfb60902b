package textmatch

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"bobot", "bobot", 0},
		{"bobott", "bobot", 1},         // one deletion
		{"pertanyan", "pertanyaan", 1}, // one insertion
		{"kode", "kade", 1},            // one substitution
		{"kitten", "sitting", 3},
		{"", "abc", 3},
		{"Sakra", "Sakra Timur", 6},
		{"é", "e", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}
