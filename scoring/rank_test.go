package scoring

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"monev/questionnaire"
)

// sc is a Score as Rank sees it: unit, file, status and the rounded figure
// (Final = Rounded/100 exactly).
func sc(name, cat, file string, rounded Figure) Score {
	return Score{
		Unit: questionnaire.Unit{Name: name, Category: cat}, File: file, Status: Scored,
		SAQ: rounded.Rat(), Final: rounded.Rat(), Rounded: rounded,
	}
}

func notSent(name, cat string) Score {
	s := sc(name, cat, "", 0)
	s.Status = NotSubmitted
	return s
}

// line renders an entry as "rank name [category] file 12,34".
func line(e Entry) string {
	return fmt.Sprintf("%d %s [%s] %s %s", e.Rank, e.Score.Unit.Name, e.Score.Unit.Category, e.Score.File, e.Score.Rounded)
}

func lines(es []Entry) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(line(e))
		b.WriteString("\n")
	}
	return b.String()
}

// rankingText renders a whole ranking for comparison.
func rankingText(rk Ranking) string {
	var b strings.Builder
	b.WriteString("overall\n" + lines(rk.Overall))
	for _, c := range rk.Categories {
		b.WriteString(c.Category + "\n" + lines(c.Entries))
	}
	b.WriteString("unranked\n")
	for _, s := range rk.Unranked {
		b.WriteString(s.Unit.Name + "\n")
	}
	return b.String()
}

// rankScores: three ties and a category tie-break.
//
//	Rounded 9711: Dinas Kominfo                      → 1
//	Rounded 8500: dinas b, Dinas A (OPD, a.xlsx and b.xlsx), Dinas a, dinas a
//	              → all rank 2; listed by lower-case name ("dinas a" ×4 before
//	              "dinas b"), then exact name ("Dinas A" < "Dinas a" < "dinas a"),
//	              then category, then file.
//	Rounded 8000: Kecamatan Selong                   → 7 (1 + 1 + 5 ahead)
//	Rounded 8000: kecamatan Aikmel                   → 7, listed first ("kecamatan a…" < "kecamatan s…")
//	Rounded 0:    Kecamatan Sembalun (not submitted) → 9 under the rule "nol"
func rankScores() []Score {
	return []Score{
		sc("dinas b", "OPD", "db.xlsx", 8500),
		sc("Kecamatan Selong", "Kecamatan", "selong.xlsx", 8000),
		notSent("Kecamatan Sembalun", "Kecamatan"),
		sc("Dinas A", "OPD", "b.xlsx", 8500),
		sc("Dinas a", "OPD", "a2.xlsx", 8500),
		sc("Dinas Kominfo", "OPD", "kominfo.xlsx", 9711),
		sc("Dinas A", "OPD", "a.xlsx", 8500),
		sc("kecamatan Aikmel", "kecamatan", "aikmel.xlsx", 8000),
		sc("dinas a", "OPD", "a3.xlsx", 8500),
	}
}

func TestRank(t *testing.T) {
	inst := newInst(nil, nil)
	scores := rankScores()
	rk := Rank(inst, scores)
	want := `overall
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
2 Dinas A [OPD] a.xlsx 85,00
2 Dinas A [OPD] b.xlsx 85,00
2 Dinas a [OPD] a2.xlsx 85,00
2 dinas a [OPD] a3.xlsx 85,00
2 dinas b [OPD] db.xlsx 85,00
7 kecamatan Aikmel [kecamatan] aikmel.xlsx 80,00
7 Kecamatan Selong [Kecamatan] selong.xlsx 80,00
9 Kecamatan Sembalun [Kecamatan]  0,00
OPD
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
2 Dinas A [OPD] a.xlsx 85,00
2 Dinas A [OPD] b.xlsx 85,00
2 Dinas a [OPD] a2.xlsx 85,00
2 dinas a [OPD] a3.xlsx 85,00
2 dinas b [OPD] db.xlsx 85,00
Kecamatan
1 kecamatan Aikmel [kecamatan] aikmel.xlsx 80,00
1 Kecamatan Selong [Kecamatan] selong.xlsx 80,00
3 Kecamatan Sembalun [Kecamatan]  0,00
unranked
`
	if got := rankingText(rk); got != want {
		t.Errorf("ranking:\n%s\nwant:\n%s", got, want)
	}
	// Entries point into the caller's slice.
	for _, e := range rk.Overall {
		found := false
		for i := range scores {
			if e.Score == &scores[i] {
				found = true
			}
		}
		if !found {
			t.Errorf("entry %s does not point into the input slice", line(e))
		}
	}
}

func TestRankUnranked(t *testing.T) {
	inst := newInst(nil, nil)
	inst.NotSubmitted = questionnaire.NotSubmittedUnranked
	scores := append(rankScores(), notSent("Kecamatan Aikmel", "Kecamatan"), notSent("BPBD", "OPD"))
	rk := Rank(inst, scores)
	// Not submitted bodies leave the ranking, listed by name; Kecamatan now has two entries.
	want := `overall
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
2 Dinas A [OPD] a.xlsx 85,00
2 Dinas A [OPD] b.xlsx 85,00
2 Dinas a [OPD] a2.xlsx 85,00
2 dinas a [OPD] a3.xlsx 85,00
2 dinas b [OPD] db.xlsx 85,00
7 kecamatan Aikmel [kecamatan] aikmel.xlsx 80,00
7 Kecamatan Selong [Kecamatan] selong.xlsx 80,00
OPD
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
2 Dinas A [OPD] a.xlsx 85,00
2 Dinas A [OPD] b.xlsx 85,00
2 Dinas a [OPD] a2.xlsx 85,00
2 dinas a [OPD] a3.xlsx 85,00
2 dinas b [OPD] db.xlsx 85,00
Kecamatan
1 kecamatan Aikmel [kecamatan] aikmel.xlsx 80,00
1 Kecamatan Selong [Kecamatan] selong.xlsx 80,00
unranked
BPBD
Kecamatan Aikmel
Kecamatan Sembalun
`
	if got := rankingText(rk); got != want {
		t.Errorf("ranking:\n%s\nwant:\n%s", got, want)
	}
}

// TestRankUnscorable: a body whose sheets conflict is never ranked, even
// under the "nol" rule that ranks bodies that sent nothing; it is listed
// apart and takes no rank from anyone.
func TestRankUnscorable(t *testing.T) {
	for _, rule := range []questionnaire.NotSubmittedRule{questionnaire.NotSubmittedZero, questionnaire.NotSubmittedUnranked} {
		inst := newInst(nil, nil)
		inst.NotSubmitted = rule
		dup := notSent("Kecamatan Labuhan Haji", "Kecamatan")
		dup.Status, dup.File = Unscorable, "lh-1.xlsx; lh-2.xlsx"
		scores := []Score{
			sc("Dinas Kominfo", "OPD", "kominfo.xlsx", 9711),
			dup,
			notSent("BPBD", "OPD"),
		}
		rk := Rank(inst, scores)
		want := `overall
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
2 BPBD [OPD]  0,00
OPD
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
2 BPBD [OPD]  0,00
unranked
Kecamatan Labuhan Haji
`
		if rule == questionnaire.NotSubmittedUnranked {
			want = `overall
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
OPD
1 Dinas Kominfo [OPD] kominfo.xlsx 97,11
unranked
BPBD
Kecamatan Labuhan Haji
`
		}
		if got := rankingText(rk); got != want {
			t.Errorf("rule %s:\n%s\nwant:\n%s", rule, got, want)
		}
	}
}

// TestRankIndependentOfInputOrder shuffles the input many times; the
// rendered ranking must never change.
func TestRankIndependentOfInputOrder(t *testing.T) {
	for _, rule := range []questionnaire.NotSubmittedRule{questionnaire.NotSubmittedZero, questionnaire.NotSubmittedUnranked} {
		inst := newInst(nil, nil)
		inst.NotSubmitted = rule
		base := append(rankScores(),
			sc("Desa Pringgabaya", "Desa", "d1.xlsx", 6000),
			sc("BUMD", "Badan Usaha", "bumd.xlsx", 6000),
			notSent("Dinas A", "OPD"),
		)
		want := rankingText(Rank(inst, append([]Score(nil), base...)))
		rng := rand.New(rand.NewPCG(1, 2))
		for k := 0; k < 200; k++ {
			shuffled := append([]Score(nil), base...)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			if got := rankingText(Rank(inst, shuffled)); got != want {
				t.Fatalf("rule %s, shuffle %d:\n%s\nwant:\n%s", rule, k, got, want)
			}
		}
	}
}

// TestRankCategories: the instrument's categories first in their order
// (matched case-insensitively), then others by name; empty ones are left out.
func TestRankCategories(t *testing.T) {
	inst := newInst(nil, nil)
	inst.Categories = []string{"Kecamatan", "OPD", "Desa"}
	scores := []Score{
		sc("Dinas X", "OPD", "x.xlsx", 5000),
		sc("RSUD", "Rumah Sakit", "r.xlsx", 7000),
		sc("Kec. Sikur", "KECAMATAN", "s.xlsx", 6000),
		sc("BUMD", "Badan Usaha", "b.xlsx", 6000),
	}
	rk := Rank(inst, scores)
	var got []string
	for _, c := range rk.Categories {
		got = append(got, fmt.Sprintf("%s:%d", c.Category, len(c.Entries)))
	}
	want := "Kecamatan:1 OPD:1 Badan Usaha:1 Rumah Sakit:1"
	if strings.Join(got, " ") != want {
		t.Errorf("categories = %v, want %s", got, want)
	}
	// Overall: 70,00 → 1; 60,00 ×2 → 2, 2 (BUMD before Kec. Sikur); 50,00 → 4.
	wantOverall := `1 RSUD [Rumah Sakit] r.xlsx 70,00
2 BUMD [Badan Usaha] b.xlsx 60,00
2 Kec. Sikur [KECAMATAN] s.xlsx 60,00
4 Dinas X [OPD] x.xlsx 50,00
`
	if g := lines(rk.Overall); g != wantOverall {
		t.Errorf("overall:\n%s\nwant:\n%s", g, wantOverall)
	}
}

// TestRankTieOnRoundedOnly: equal Rounded scores share a rank even when the
// exact finals differ (the published figure decides); the name orders them.
func TestRankTieOnRoundedOnly(t *testing.T) {
	a := sc("Bappeda", "OPD", "a.xlsx", 9000)
	a.Final = rat(t, "89.995") // rounds to 90,00
	b := sc("Awal", "OPD", "b.xlsx", 9000)
	b.Final = rat(t, "90.004")
	c := sc("Camat", "OPD", "c.xlsx", 8999)
	c.Final = rat(t, "89.994")
	rk := Rank(newInst(nil, nil), []Score{c, a, b})
	want := `1 Awal [OPD] b.xlsx 90,00
1 Bappeda [OPD] a.xlsx 90,00
3 Camat [OPD] c.xlsx 89,99
`
	if g := lines(rk.Overall); g != want {
		t.Errorf("overall:\n%s\nwant:\n%s", g, want)
	}
}

func TestRankEmpty(t *testing.T) {
	rk := Rank(newInst(nil, nil), nil)
	if len(rk.Overall) != 0 || len(rk.Categories) != 0 || len(rk.Unranked) != 0 {
		t.Errorf("Rank(nil) = %+v", rk)
	}
}

// TestRankScoredResponses ranks real ScoreResponse results end to end.
func TestRankScoredResponses(t *testing.T) {
	inst := fixInst()
	full := map[string]questionnaire.Answer{
		"1.1": ans("Ya", ""), "1.2": ans("Ya", ""), "1.3": ans("Penuh", ""),
		"2.1": ans("Ya", link), "2.2": ans("Ya", ""), "2.3": ans("Ya", link), "2.4": ans("Ya", ""),
	}
	partial := map[string]questionnaire.Answer{
		"1.1": ans("Ya", ""), "1.2": ans("Ya", ""), "1.3": ans("Sebagian besar", ""),
		"2.1": ans("Ya", link), "2.2": ans("Ya", ""), "2.3": ans("Ya", link), "2.4": ans("Ya", ""),
	}
	scores := []Score{
		// SAQ 94 (see TestFixes "top band"), no presentasi, saq_saja: 94.
		ScoreResponse(inst, resp("p.xlsx", partial), questionnaire.Unit{Name: "Kecamatan Sakra", Category: "Kecamatan"}, nil),
		// SAQ 100, presentasi 70: 80 + 14 = 94 → ties with Sakra.
		ScoreResponse(inst, resp("f.xlsx", full), questionnaire.Unit{Name: "Dinas Kesehatan", Category: "OPD"}, map[string]*big.Rat{"presentasi": big.NewRat(70, 1)}),
		NotSubmittedScore(inst, questionnaire.Unit{Name: "Kecamatan Suela", Category: "Kecamatan"}),
	}
	rk := Rank(inst, scores)
	want := `1 Dinas Kesehatan [OPD] f.xlsx 94,00
1 Kecamatan Sakra [Kecamatan] p.xlsx 94,00
3 Kecamatan Suela [Kecamatan]  0,00
`
	if g := lines(rk.Overall); g != want {
		t.Errorf("overall:\n%s\nwant:\n%s", g, want)
	}
}

// TestRankUnlistedCategorySpellings: spellings of a category the instrument
// does not list that differ only in case or spacing are one category, named
// by the first of its spellings in byte order once spacing is tidied,
// whatever the input order; a listed category also matches across spacing.
func TestRankUnlistedCategorySpellings(t *testing.T) {
	inst := newInst(nil, nil)
	base := []Score{
		sc("Desa Anjani", "desa", "a.xlsx", 7000),
		sc("Desa Bagik Nyala", "Desa", "b.xlsx", 6000),
		sc("Desa Kembang Kuning", " DESA ", "k.xlsx", 5000),
		sc("Kecamatan Keruak", "Kecamatan ", "r.xlsx", 4000),
		sc("RSUD", "Rumah  sakit", "s.xlsx", 3000),
		sc("RSUD Selong", "rumah sakit", "t.xlsx", 2000),
	}
	want := "Kecamatan:1 DESA:3 Rumah sakit:2"
	rng := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 20; k++ {
		scores := append([]Score(nil), base...)
		rng.Shuffle(len(scores), func(i, j int) { scores[i], scores[j] = scores[j], scores[i] })
		var got []string
		for _, c := range Rank(inst, scores).Categories {
			got = append(got, fmt.Sprintf("%s:%d", c.Category, len(c.Entries)))
		}
		if strings.Join(got, " ") != want {
			t.Fatalf("shuffle %d: categories = %q, want %s", k, got, want)
		}
	}
}
