// Package sample generates filled monev questionnaires for tests, benchmarks
// and the sample data under testdata/sampel: it takes the blank template of
// an instrument (questionnaire.WriteTemplate), fills the identity and the
// answers so that the SAQ score lands in a chosen qualification band, and can
// make the sheet messy in the ways operators do (case, synonyms, renamed
// sheet, inserted rows and columns, hyperlinks, formulas) or broken (items
// left blank, invalid answers, another instrument version, files that are not
// workbooks at all).
//
// Generation is deterministic: the same instrument, Spec and seed give the
// same cell content (the bytes of the .xlsx may differ, e.g. in timestamps).
package sample

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"

	"monev/questionnaire"
)

// Profile is the qualification band a generated sheet aims at, counted from
// the top band of the instrument (the default instrument has the five KI bands).
type Profile int

const (
	Informatif       Profile = iota // the top band, ≥ 90 by default
	MenujuInformatif                // ≥ 80 and < 90
	CukupInformatif                 // ≥ 60 and < 80
	KurangInformatif                // ≥ 40 and < 60
	TidakInformatif                 // < 40
)

// Profiles lists every profile from the top band down.
var Profiles = []Profile{Informatif, MenujuInformatif, CukupInformatif, KurangInformatif, TidakInformatif}

// String is the name of the default instrument's band the profile aims at.
func (p Profile) String() string {
	switch p {
	case Informatif:
		return "Informatif"
	case MenujuInformatif:
		return "Menuju Informatif"
	case CukupInformatif:
		return "Cukup Informatif"
	case KurangInformatif:
		return "Kurang Informatif"
	case TidakInformatif:
		return "Tidak Informatif"
	}
	return fmt.Sprintf("Profile(%d)", int(p))
}

// Variant is one way a sheet departs from a clean, freshly filled template.
type Variant string

// Messy but valid: the reader must find exactly the intended answers.
const (
	MessCase         Variant = "huruf-spasi"        // "ya ", "YA", " tidak": case and surrounding spaces
	MessSynonyms     Variant = "sinonim"            // "Y", "Sudah", "ada" for Ya; level synonyms of the instrument
	MessCountText    Variant = "angka-teks"         // counts typed as text ("12", " 7 ")
	MessBlankRows    Variant = "baris-kosong"       // blank rows inserted between items
	MessSorted       Variant = "urutan-berbeda"     // item rows sorted by question text
	MessRenamedSheet Variant = "sheet-diganti-nama" // the Kuesioner sheet renamed
	MessExtraColumn  Variant = "kolom-tambahan"     // a "No." column inserted before the code column
	MessHyperlink    Variant = "tautan-hyperlink"   // evidence as a hyperlink whose display text is not the URL
	MessFormula      Variant = "rumus"              // answers as formulas (="Ya", =3+4) with cached values
)

// Valid but losing points, and broken sheets: the reader reports findings.
const (
	MissingEvidence  Variant = "tanpa-bukti"       // a few "Ya" answers without the required evidence
	BrokenUnanswered Variant = "tidak-dijawab"     // a few items left blank
	BrokenInvalid    Variant = "jawaban-tidak-sah" // a few answers outside the allowed values ("Mungkin")
	BrokenLastYear   Variant = "instrumen-lama"    // _monev says another instrument version (last year's sheet)
)

// Broken files: not a readable workbook at all.
const (
	BrokenOLE       Variant = "xls-lama"  // an old .xls (OLE compound file) renamed .xlsx
	BrokenNotZip    Variant = "bukan-zip" // a text file renamed .xlsx
	BrokenTruncated Variant = "terpotong" // the first part of a valid .xlsx
)

// MessyVariants lists the variants the reader must read back to the intended answers.
var MessyVariants = []Variant{
	MessCase, MessSynonyms, MessCountText, MessBlankRows, MessSorted,
	MessRenamedSheet, MessExtraColumn, MessHyperlink, MessFormula,
}

// Spec says what sheet to generate.
type Spec struct {
	Unit     questionnaire.Unit
	Profile  Profile
	Variants []Variant
	Seed     uint64
}

func (s Spec) has(v Variant) bool { return slices.Contains(s.Variants, v) }

// Sheet is a generated questionnaire and what it is meant to say.
type Sheet struct {
	Spec     Spec
	Identity questionnaire.Identity
	// Answers are the intended answers by item code, canonical as the reader
	// should return them: Value is "Ya"/"Tidak", a level label or a count in
	// digits, "" for an item left blank or answered with an invalid value
	// (Raw then holds what was typed); Evidence is the URL (also when written
	// as a hyperlink); Note the operator's note. Cell positions are not set.
	Answers map[string]questionnaire.Answer
	// SAQ is the SAQ score the answers are planned to earn, computed here
	// from the instrument (exact): Σ earned/max × weight per indicator.
	SAQ *big.Rat
	// Data is the .xlsx file (or, for the broken-file variants, the bytes
	// that pretend to be one).
	Data []byte
}

// outcome is the planned answer of one item.
type outcome struct {
	value    string // canonical value; "" = blank/invalid
	raw      string // what is typed when value is "" (invalid answer), else ""
	evidence string
	note     string
	earned   *big.Rat // points before the group rule
}

// block is a unit of degradation: a single item, or all items of an
// all-or-nothing group together. step 0 is the full answer; each further step
// earns less.
type block struct {
	items []int // indexes into inst.Items
	group bool  // an all-or-nothing group: step 1 drops every item to its lowest answer
	step  int
	steps int
}

// bandRange returns the target interval [lo, hi] of a profile on inst.
func bandRange(inst *questionnaire.Instrument, p Profile) (lo, hi *big.Rat, err error) {
	if len(inst.Bands) == 0 {
		return nil, nil, fmt.Errorf("instrumen %q tidak punya kualifikasi", inst.ID)
	}
	bands := slices.Clone(inst.Bands)
	slices.SortFunc(bands, func(a, b questionnaire.Band) int { return b.Min.Cmp(a.Min) })
	i := min(max(int(p), 0), len(bands)-1)
	b := bands[i]
	lo, hi = b.Min.Rat(), b.Max.Rat()
	// Stay one point inside the band (a quarter of it for narrow bands) so
	// that rounding never moves the score across an edge.
	width := new(big.Rat).Sub(hi, lo)
	margin := big.NewRat(1, 1)
	if q := new(big.Rat).Quo(width, big.NewRat(4, 1)); q.Cmp(margin) < 0 {
		margin = q
	}
	lo = new(big.Rat).Add(lo, margin)
	if i > 0 { // the top band includes its maximum (100)
		hi = new(big.Rat).Sub(hi, margin)
	}
	return lo, hi, nil
}

// plan chooses every item's answer so that the planned SAQ score lies in the
// profile's band. It starts from a perfect sheet and lowers randomly chosen
// items (or whole all-or-nothing groups) one step at a time until the score
// reaches a random target inside the band, never stepping below it.
func plan(inst *questionnaire.Instrument, spec Spec, r *rand.Rand) ([]outcome, *big.Rat, error) {
	lo, hi, err := bandRange(inst, spec.Profile)
	if err != nil {
		return nil, nil, err
	}
	// target = lo + u·(hi − lo), u in [0, 1) with 1/1000 resolution
	target := new(big.Rat).Sub(hi, lo)
	target.Mul(target, big.NewRat(int64(r.IntN(1000)), 1000))
	target.Add(target, lo)

	var blocks []block
	groupBlock := map[string]int{}
	for i, it := range inst.Items {
		if it.Group != "" {
			if b, ok := groupBlock[it.Group]; ok {
				blocks[b].items = append(blocks[b].items, i)
				continue
			}
			groupBlock[it.Group] = len(blocks)
			blocks = append(blocks, block{items: []int{i}, group: true, steps: 1})
			continue
		}
		blocks = append(blocks, block{items: []int{i}, steps: len(ladder(&it)) - 1})
	}

	steps := make([]int, len(inst.Items)) // per item: index into its ladder
	apply := func(b *block) {
		for _, i := range b.items {
			switch {
			case !b.group:
				steps[i] = b.step
			case b.step == 0:
				steps[i] = 0
			default: // the whole group drops to nothing
				steps[i] = len(ladder(&inst.Items[i])) - 1
			}
		}
	}
	score := func() *big.Rat { return plannedScore(inst, pointsOf(inst, steps)) }

	cur := score()
	order := r.Perm(len(blocks))
	for progress := true; progress && cur.Cmp(target) > 0; {
		progress = false
		for _, bi := range order {
			if cur.Cmp(target) <= 0 {
				break
			}
			b := &blocks[bi]
			if b.step >= b.steps {
				continue
			}
			b.step++
			apply(b)
			next := score()
			if next.Cmp(lo) < 0 { // would jump below the band: undo
				b.step--
				apply(b)
				continue
			}
			cur, progress = next, true
		}
	}
	if cur.Cmp(lo) < 0 || cur.Cmp(hi) > 0 {
		return nil, nil, fmt.Errorf("tidak dapat mencapai profil %s: skor rencana %s", spec.Profile, cur.FloatString(2))
	}

	out := make([]outcome, len(inst.Items))
	pts := pointsOf(inst, steps)
	for i := range inst.Items {
		it := &inst.Items[i]
		o := outcome{value: ladder(it)[steps[i]], earned: pts[i]}
		if o.earned.Sign() > 0 && (it.EvidenceRequired || r.IntN(2) == 0) {
			o.evidence = evidenceURL(r, spec.Unit, it.Code)
		}
		if r.IntN(8) == 0 {
			o.note = notes[r.IntN(len(notes))]
		}
		out[i] = o
	}
	// A count is typed as a number inside its tier, not always its minimum.
	for i := range inst.Items {
		it := &inst.Items[i]
		if it.Kind == questionnaire.KindCount {
			out[i].value = countWithin(it, steps[i], r)
		}
	}
	return out, cur, nil
}

// ladder lists an item's canonical answers from the one earning most to the
// one earning least. For a count item the entries are tier minima (as digits)
// followed by "0"; countWithin picks the number actually typed.
func ladder(it *questionnaire.Item) []string {
	switch it.Kind {
	case questionnaire.KindLevel:
		lv := slices.Clone(it.Levels)
		slices.SortStableFunc(lv, func(a, b questionnaire.Level) int { return b.Fraction.Cmp(a.Fraction) })
		out := make([]string, len(lv))
		for i, l := range lv {
			out[i] = l.Label
		}
		return out
	case questionnaire.KindCount:
		var out []string
		for i := len(it.Tiers) - 1; i >= 0; i-- {
			out = append(out, fmt.Sprint(it.Tiers[i].Min))
		}
		if len(it.Tiers) == 0 || it.Tiers[0].Min > 0 {
			out = append(out, "0")
		}
		return out
	}
	return []string{questionnaire.Yes, questionnaire.No}
}

// countWithin returns a count reaching the tier of ladder step s but not the next one up.
func countWithin(it *questionnaire.Item, s int, r *rand.Rand) string {
	l := ladder(it)
	var lo int64
	fmt.Sscan(l[s], &lo)
	hi := lo + 10 // exclusive upper end for the top tier
	if s > 0 {
		fmt.Sscan(l[s-1], &hi)
	}
	if hi <= lo {
		return l[s]
	}
	return fmt.Sprint(lo + r.Int64N(min(hi-lo, 10)))
}

// pointsOf returns each item's points for the chosen ladder steps, before the group rule.
func pointsOf(inst *questionnaire.Instrument, steps []int) []*big.Rat {
	pts := make([]*big.Rat, len(inst.Items))
	for i := range inst.Items {
		pts[i] = itemPoints(&inst.Items[i], ladder(&inst.Items[i])[steps[i]])
	}
	return pts
}

// itemPoints is what a canonical answer earns with its evidence given.
func itemPoints(it *questionnaire.Item, value string) *big.Rat {
	maxp := it.MaxPoints.Rat()
	switch it.Kind {
	case questionnaire.KindLevel:
		for _, l := range it.Levels {
			if l.Label == value {
				return maxp.Mul(maxp, l.Fraction.Rat())
			}
		}
		return new(big.Rat)
	case questionnaire.KindCount:
		var n int64
		if _, err := fmt.Sscan(value, &n); err != nil {
			return new(big.Rat)
		}
		p := new(big.Rat)
		for _, t := range it.Tiers {
			if n >= t.Min {
				p = t.Points.Rat()
			}
		}
		if p.Cmp(maxp) > 0 { // a tier never earns more than the item's maximum
			p = maxp
		}
		return p
	}
	if value == questionnaire.Yes {
		return maxp
	}
	return new(big.Rat)
}

// plannedScore applies the group rule (a group scores only when every item
// earns its maximum) and sums earned/max × weight per indicator.
func plannedScore(inst *questionnaire.Instrument, pts []*big.Rat) *big.Rat {
	groupOK := map[string]bool{}
	for i, it := range inst.Items {
		if it.Group == "" {
			continue
		}
		ok, seen := groupOK[it.Group]
		groupOK[it.Group] = (ok || !seen) && pts[i].Cmp(it.MaxPoints.Rat()) == 0
	}
	total := new(big.Rat)
	for _, ind := range inst.Indicators {
		earned, maxp := new(big.Rat), new(big.Rat)
		for i, it := range inst.Items {
			if it.Indicator != ind.Code {
				continue
			}
			maxp.Add(maxp, it.MaxPoints.Rat())
			if it.Group == "" || groupOK[it.Group] {
				earned.Add(earned, pts[i])
			}
		}
		if maxp.Sign() == 0 {
			continue
		}
		s := new(big.Rat).Quo(earned, maxp)
		total.Add(total, s.Mul(s, ind.Weight.Rat()))
	}
	return total
}

var notes = []string{
	"Diperbarui setiap bulan",
	"Dokumen dalam proses pengesahan",
	"Tersedia di meja layanan",
	"Lihat juga akun Instagram resmi",
	"Sudah diunggah ke portal PPID",
	"Menunggu tanda tangan pimpinan",
}

var operators = []string{
	"Lalu Muhammad Zaini", "Baiq Nurul Hidayati", "Muhammad Sahnan", "Hj. Siti Aminah",
	"Ahmad Fauzi", "Nurhasanah", "Lalu Ahmad Jayadi", "Baiq Rina Septiani", "Zulkifli",
	"Rahmatullah", "Sri Wahyuni", "Haerul Anwar", "Muhammad Rizal", "Endang Susilawati",
}

// slug turns a body's name into a path element: "Kecamatan Sakra Timur" → "kecamatan-sakra-timur".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func evidenceURL(r *rand.Rand, u questionnaire.Unit, code string) string {
	switch r.IntN(4) {
	case 0:
		const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
		id := make([]byte, 33)
		for i := range id {
			id[i] = alphabet[r.IntN(len(alphabet))]
		}
		return "https://drive.google.com/file/d/" + string(id) + "/view"
	case 1:
		return "https://ppid.lomboktimurkab.go.id/" + slug(u.Name) + "/informasi/" + strings.ReplaceAll(code, ".", "-")
	default:
		return "https://ppid.lomboktimurkab.go.id/dokumen/" + slug(u.Name) + "/butir-" + strings.ReplaceAll(code, ".", "-") + ".pdf"
	}
}
