package questionnaire

import (
	"fmt"
	"math/big"
	"strings"
)

// Decimal is an exact decimal number from the instrument (a weight, a
// fraction, points). It is parsed from the literal text, never through a
// float, so 12.5 and 0.1 are exact. The zero value is 0.
type Decimal struct {
	r *big.Rat
}

// ParseDecimal reads a decimal such as "40", "12.5" or "0,75" (an Indonesian
// decimal comma is accepted).
func ParseDecimal(s string) (Decimal, error) {
	t := strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if t == "" || strings.ContainsAny(t, "/eE") {
		return Decimal{}, fmt.Errorf("bukan angka desimal: %q", s)
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return Decimal{}, fmt.Errorf("bukan angka desimal: %q", s)
	}
	return Decimal{r: r}, nil
}

// MustDecimal is ParseDecimal for constants in code and tests; it panics on bad input.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DecimalFromInt returns n as a Decimal.
func DecimalFromInt(n int64) Decimal { return Decimal{r: new(big.Rat).SetInt64(n)} }

// Rat returns a fresh copy of the value; callers may modify it.
func (d Decimal) Rat() *big.Rat {
	if d.r == nil {
		return new(big.Rat)
	}
	return new(big.Rat).Set(d.r)
}

// Cmp compares d and e like big.Rat.Cmp.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// Sign is -1, 0 or +1.
func (d Decimal) Sign() int {
	if d.r == nil {
		return 0
	}
	return d.r.Sign()
}

// String formats the value with a decimal point and no trailing zeros: "40", "12.5", "0.75".
func (d Decimal) String() string {
	r := d.Rat()
	if r.IsInt() {
		return r.Num().String()
	}
	s := r.FloatString(12)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// UnmarshalYAML reads the scalar's literal text (goccy/go-yaml BytesUnmarshaler).
func (d *Decimal) UnmarshalYAML(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"'`)
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalYAML writes the value as a plain YAML number.
func (d Decimal) MarshalYAML() ([]byte, error) { return []byte(d.String()), nil }

// Text formats the value as String does but with the Indonesian decimal
// comma, as users read it: "40", "12,5", "0,75".
func (d Decimal) Text() string { return strings.Replace(d.String(), ".", ",", 1) }
