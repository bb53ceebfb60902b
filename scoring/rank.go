package scoring

import (
	"sort"
	"strings"

	"monev/questionnaire"
)

// Rank ranks scores overall and per category, deterministically.
//
// Who is ranked: every Scored body, and every NotSubmitted body (with its 0)
// unless the instrument's rule is NotSubmittedUnranked ("tidak_dinilai"), in
// which case NotSubmitted bodies go to Ranking.Unranked instead. Unscorable
// bodies (two different sheets) always go to Ranking.Unranked.
//
// Order: Rounded descending. Equal Rounded scores share a rank and the next
// rank skips (competition ranking: 1, 2, 2, 4). Within equal Rounded scores
// the listing order is the tie-break, which never depends on the order of
// scores: unit name compared case-insensitively, then the name exactly
// (byte order), then category, then File; bodies equal in all of these are
// ordered by their exact Final score (descending), then by SAQ (descending).
// Unranked bodies are listed in the same tie-break order.
//
// Categories: one CategoryRanking per category that has ranked bodies, with
// ranks counted within the category; the instrument's Categories first in
// their order, then any other category by name. Spellings of a category that
// differ only in case or spacing are one category (see categoryNames).
//
// Entries and Unranked point into the caller's slice (&scores[i]); the
// Scores are not copied, so scores must outlive the Ranking and not be
// reallocated (e.g. by append) while it is used.
func Rank(inst *questionnaire.Instrument, scores []Score) Ranking {
	var rk Ranking
	var ranked []*Score
	for i := range scores {
		s := &scores[i]
		if s.Status == Unscorable || s.Status == NotSubmitted && inst != nil && inst.NotSubmitted == questionnaire.NotSubmittedUnranked {
			rk.Unranked = append(rk.Unranked, s)
			continue
		}
		ranked = append(ranked, s)
	}
	sortScores(ranked)
	sortScores(rk.Unranked)
	rk.Overall = entries(ranked)

	byCat := map[string][]*Score{}
	var known []string
	if inst != nil {
		known = inst.Categories
	}
	spellings := make([]string, len(scores))
	for i := range scores {
		spellings[i] = scores[i].Unit.Category
	}
	names := categoryNames(known, spellings)
	for _, s := range ranked { // already in ranking order
		c := names[s.Unit.Category]
		byCat[c] = append(byCat[c], s)
	}
	var order []string
	seen := map[string]bool{}
	for _, c := range known {
		if !seen[c] && len(byCat[c]) > 0 {
			order = append(order, c)
		}
		seen[c] = true
	}
	var others []string
	for c := range byCat {
		if !seen[c] {
			others = append(others, c)
		}
	}
	sort.Strings(others)
	order = append(order, others...)
	for _, c := range order {
		rk.Categories = append(rk.Categories, CategoryRanking{Category: c, Entries: entries(byCat[c])})
	}
	return rk
}

// categoryNames maps each spelling of a category found on scores to the
// name its ranking goes under. Spellings are compared ignoring case and
// spacing; one that matches a known category (the instrument's) takes its
// spelling, the others take the first of their matching spellings in byte
// order, spacing tidied: "desa", "Desa" and " DESA " are all "DESA". The
// result does not depend on the order of spellings.
func categoryNames(known, spellings []string) map[string]string {
	key := func(c string) string { return strings.ToLower(strings.Join(strings.Fields(c), " ")) }
	byKey := map[string]string{}
	for _, k := range known {
		if _, dup := byKey[key(k)]; !dup {
			byKey[key(k)] = k
		}
	}
	unlisted := map[string]string{}
	for _, c := range spellings {
		k := key(c)
		if _, ok := byKey[k]; ok {
			continue
		}
		tidy := strings.Join(strings.Fields(c), " ")
		if cur, ok := unlisted[k]; !ok || tidy < cur {
			unlisted[k] = tidy
		}
	}
	names := map[string]string{}
	for _, c := range spellings {
		if n, ok := byKey[key(c)]; ok {
			names[c] = n
		} else {
			names[c] = unlisted[key(c)]
		}
	}
	return names
}

// entries numbers scores already in ranking order with competition ranks.
func entries(ss []*Score) []Entry {
	out := make([]Entry, len(ss))
	for i, s := range ss {
		r := i + 1
		if i > 0 && s.Rounded == ss[i-1].Rounded {
			r = out[i-1].Rank
		}
		out[i] = Entry{Rank: r, Score: s}
	}
	return out
}

// sortScores puts ss in ranking order (see Rank).
func sortScores(ss []*Score) {
	sort.SliceStable(ss, func(i, j int) bool { return rankLess(ss[i], ss[j]) })
}

// rankLess reports whether a is listed before b.
func rankLess(a, b *Score) bool {
	if a.Rounded != b.Rounded {
		return a.Rounded > b.Rounded
	}
	if la, lb := strings.ToLower(a.Unit.Name), strings.ToLower(b.Unit.Name); la != lb {
		return la < lb
	}
	if a.Unit.Name != b.Unit.Name {
		return a.Unit.Name < b.Unit.Name
	}
	if a.Unit.Category != b.Unit.Category {
		return a.Unit.Category < b.Unit.Category
	}
	if a.File != b.File {
		return a.File < b.File
	}
	if c := cmpRat(a.Final, b.Final); c != 0 {
		return c > 0
	}
	return cmpRat(a.SAQ, b.SAQ) > 0
}
