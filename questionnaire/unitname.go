package questionnaire

import (
	"strings"
	"unicode"
)

// NormalizeUnitName is the key bodies are matched by: lower case, every
// punctuation mark turned into a space, runs of spaces collapsed, and a
// leading "kec" (from "Kec.") written out as "kecamatan". So "KEC. Sakra
// Timur " and "Kecamatan Sakra Timur" match.
func NormalizeUnitName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	n := strings.Join(strings.Fields(b.String()), " ")
	if rest, ok := strings.CutPrefix(n, "kec "); ok {
		n = "kecamatan " + rest
	}
	return n
}

// SameUnitName reports whether two names denote the same body: equal once
// normalised (NormalizeUnitName), also when one of them leaves out the
// leading "Kecamatan" ("Sakra" and "Kec. Sakra").
func SameUnitName(a, b string) bool {
	a, b = NormalizeUnitName(a), NormalizeUnitName(b)
	if a == b {
		return true
	}
	return strings.TrimPrefix(a, "kecamatan ") == strings.TrimPrefix(b, "kecamatan ")
}
