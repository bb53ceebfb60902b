package questionnaire

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// AnswerError says why a typed answer is not acceptable for its item. Its
// Error text is Indonesian and names the allowed values.
type AnswerError struct {
	Reason  string   // Indonesian: what is wrong with the value
	Allowed []string // the accepted canonical values, if a closed list
}

func (e *AnswerError) Error() string {
	if len(e.Allowed) == 0 {
		return e.Reason
	}
	return e.Reason + "; yang diterima: " + strings.Join(quoteAll(e.Allowed), ", ")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "“" + s + "”"
	}
	return out
}

// answerKey folds a typed value for comparison: Unicode spaces (including
// no-break spaces) collapse to one space, surrounding spaces and a trailing
// full stop go, letters are lower-cased.
func answerKey(s string) string {
	if plainKey(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimSuffix(b.String(), ".")
}

// plainKey reports whether s is already folded: printable ASCII without
// upper case, without surrounding or doubled spaces and without a final
// full stop (most answers are, and need no copy).
func plainKey(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 && !(c == ' ' && s[i+1] != ' ') || c >= 0x7f || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// Accepted spellings of the two answers of a ya_tidak item, as answer keys.
// Boolean cells arrive as "TRUE"/"FALSE" (or "1"/"0" raw). "X" and "V" are
// deliberately absent: operators use both for yes and for no.
var (
	yesWords = []string{"ya", "y", "yes", "iya", "ada", "sudah", "1", "true", "benar", "✓", "✔", "☑"}
	noWords  = []string{"tidak", "t", "no", "tdk", "belum", "tidak ada", "belum ada", "0", "false", "salah", "✗", "✘", "☐"}
)

// NormalizeAnswer turns the text of an answer cell into the canonical value
// for item it: "Ya"/"Tidak" for ya_tidak, the level's Label for tingkat, the
// count in plain digits for jumlah. A blank cell gives "" and no error. An
// unacceptable value gives "" and an *AnswerError.
//
// Counts: "12", " 12 ", "12.0" and "12,00" are 12 (a fraction of zeros is
// dropped); "1.234", "1,234" and "1 234" are 1234 (groups of exactly three
// digits after the first are Indonesian or English thousands grouping, which
// operators type for counts; a raw numeric cell never looks like that, as it
// carries no grouping). Negative numbers, other fractions, and anything that is
// not a number are rejected.
func NormalizeAnswer(it *Item, raw string) (string, error) {
	key := answerKey(raw)
	if key == "" {
		return "", nil
	}
	switch it.Kind {
	case KindYesNo:
		for _, w := range yesWords {
			if key == w {
				return Yes, nil
			}
		}
		for _, w := range noWords {
			if key == w {
				return No, nil
			}
		}
		return "", &AnswerError{Reason: "jawaban tidak dikenal", Allowed: []string{Yes, No}}
	case KindLevel:
		allowed := make([]string, 0, len(it.Levels))
		for _, l := range it.Levels {
			if answerKey(l.Label) == key {
				return l.Label, nil
			}
			for _, s := range l.Synonyms {
				if answerKey(s) == key {
					return l.Label, nil
				}
			}
			allowed = append(allowed, l.Label)
		}
		return "", &AnswerError{Reason: "jawaban bukan salah satu pilihan", Allowed: allowed}
	case KindCount:
		n, err := parseCount(key)
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(n, 10), nil
	}
	return "", &AnswerError{Reason: "jenis butir tidak dikenal: " + string(it.Kind)}
}

// parseCount reads a whole non-negative number from an answer key (see
// NormalizeAnswer for the accepted forms).
func parseCount(key string) (int64, error) {
	s := key
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		if _, err := parseCount(strings.TrimSpace(strings.TrimLeft(s, "-−"))); err == nil {
			return 0, &AnswerError{Reason: "jumlah tidak boleh negatif; isi bilangan bulat 0 atau lebih"}
		}
		return 0, &AnswerError{Reason: "jawaban bukan angka; isi bilangan bulat, misalnya 12"}
	}
	if digits, ok := groupedDigits(s); ok {
		s = digits
	} else if i := strings.IndexAny(s, ".,"); i > 0 && allDigits(s[:i]) && allDigits(s[i+1:]) && s[i+1:] != "" {
		if strings.Trim(s[i+1:], "0") != "" {
			return 0, &AnswerError{Reason: "jumlah harus bilangan bulat, bukan pecahan"}
		}
		s = s[:i]
	}
	if !allDigits(s) || s == "" {
		return 0, &AnswerError{Reason: "jawaban bukan angka; isi bilangan bulat, misalnya 12"}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > math.MaxInt32 {
		return 0, &AnswerError{Reason: "jumlah terlalu besar"}
	}
	return n, nil
}

// groupedDigits recognises "1.234", "1,234,567" or "1 234": a first group of
// 1–3 digits, then groups of exactly three digits after one separator kind.
func groupedDigits(s string) (string, bool) {
	sep := -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == ',' || c == ' ' {
			sep = i
			break
		}
	}
	if sep < 1 || sep > 3 || !allDigits(s[:sep]) {
		return "", false
	}
	parts := strings.Split(s, s[sep:sep+1])
	for _, p := range parts[1:] {
		if len(p) != 3 || !allDigits(p) {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Spellings of the verifier's decision, as answer keys.
var (
	acceptWords = []string{"diterima", "terima", "ya", "ok", "oke", "valid", "sesuai", "lolos", "disetujui", "setuju", "✓", "✔"}
	rejectWords = []string{"ditolak", "tolak", "tidak", "tidak diterima", "tidak valid", "tidak sesuai", "tidak lolos", "✗", "✘"}
)

// NormalizeVerification reads the verifier's column: blank is NotVerified,
// "Diterima" (or ok, valid, sesuai, …) is Accepted, "Ditolak" (or tidak,
// tidak sesuai, …) is Rejected. Anything else gives ok=false.
func NormalizeVerification(raw string) (Verification, bool) {
	key := answerKey(raw)
	if key == "" {
		return NotVerified, true
	}
	for _, w := range acceptWords {
		if key == w {
			return Accepted, true
		}
	}
	for _, w := range rejectWords {
		if key == w {
			return Rejected, true
		}
	}
	return NotVerified, false
}

// NormalizeCode cleans an item code as typed: spaces (also inside) and a
// trailing full stop are dropped, so "1.1.1 " and "1. 1. 1." both give "1.1.1".
func NormalizeCode(raw string) string {
	var b strings.Builder
	for _, r := range raw {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), ".")
}

// normalizeText folds a question text for comparison: spacing and case do not
// count as a change.
func normalizeText(s string) string { return answerKey(s) }

// IsEvidenceReference reports whether s names evidence: an http(s) URL with a
// host (or a "www." address), or a file reference (a name with an extension
// such as "SK PPID 2025.pdf" or "bukti\sk.pdf"). Several references separated
// by spaces or lines are fine when at least one is.
func IsEvidenceReference(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if isURL(s) || isFileReference(s) {
		return true
	}
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ';' || r == ',' }) {
		if isURL(tok) {
			return true
		}
	}
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' }) {
		if isFileReference(strings.TrimSpace(line)) {
			return true
		}
	}
	return false
}

func isURL(s string) bool {
	hasPrefix := func(p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }
	if hasPrefix("www.") && len(s) > 5 && !strings.ContainsAny(s, " \t\n") {
		return true
	}
	var rest string
	switch {
	case hasPrefix("http://"):
		rest = s[len("http://"):]
	case hasPrefix("https://"):
		rest = s[len("https://"):]
	default:
		return false
	}
	// The host: up to the path, query or fragment; after any user info.
	host := rest
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if host == "" || host[0] == ':' {
		return false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; c <= ' ' || c == '\\' || c == '"' || c == '<' || c == '>' || c == 0x7f {
			return false
		}
	}
	return true
}

// isFileReference: a path-like name whose last element has a base and an
// extension of 2–5 letters or digits, not all digits ("1.5" is no file).
func isFileReference(s string) bool {
	if s == "" || len(s) > 500 || !utf8.ValidString(s) {
		return false
	}
	base := s
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	dot := strings.LastIndexByte(base, '.')
	if dot < 1 {
		return false
	}
	ext := base[dot+1:]
	if len(ext) < 2 || len(ext) > 5 || allDigits(ext) {
		return false
	}
	for i := 0; i < len(ext); i++ {
		c := ext[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return strings.TrimSpace(base[:dot]) != ""
}
