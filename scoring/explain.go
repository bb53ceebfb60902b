package scoring

import (
	"strconv"

	"monev/questionnaire"
)

// Explain says in a few Indonesian words why an item earned less than its
// maximum, in the terms of its answer kind: "dijawab Tidak" for a Ya/Tidak
// item, "tingkat terendah dipilih" for a level, "jumlah di bawah 5" for a
// count. It is "" for ReasonFull. it may be nil (the wording is then
// generic). Explain is the one phrasing of a Reason shared by the workbook
// and monev check.
func Explain(it *questionnaire.Item, r Reason) string {
	kind := kindOf(it)
	switch r {
	case ReasonFull:
		return ""
	case ReasonMissing:
		return "butir tidak ada di lembar"
	case ReasonUnanswered:
		if kind == questionnaire.KindCount {
			return "belum dijawab atau bukan angka"
		}
		return "belum dijawab atau jawaban tidak sah"
	case ReasonAnsweredNo:
		switch kind {
		case questionnaire.KindYesNo:
			return "dijawab Tidak"
		case questionnaire.KindLevel:
			return "tingkat terendah dipilih"
		case questionnaire.KindCount:
			if first, _ := countTargets(it); first > 0 {
				return "jumlah di bawah " + strconv.FormatInt(first, 10)
			}
			return "jumlah di bawah ambang pertama"
		}
		return "jawaban tidak mendapat poin"
	case ReasonPartial:
		switch kind {
		case questionnaire.KindLevel:
			return "tingkat di bawah yang tertinggi"
		case questionnaire.KindCount:
			return "jumlah belum mencapai poin penuh"
		}
		return "baru sebagian"
	case ReasonNoEvidence:
		return "tanpa tautan bukti"
	case ReasonRejected:
		return "ditolak verifikator"
	case ReasonGroupIncomplete:
		return "butir lain dalam kelompoknya belum lengkap"
	}
	return string(r)
}

// Advice says in Indonesian what to do so that the item earns its maximum:
// the answer to pick, the level or count to reach, and evidence where the
// item requires it ("penuhi syaratnya, lalu jawab Ya dengan tautan bukti").
// It is "" for ReasonFull and for an unknown Reason. it may be nil.
func Advice(it *questionnaire.Item, r Reason) string {
	kind := kindOf(it)
	evidence := ""
	if it != nil && it.EvidenceRequired {
		evidence = " dengan tautan bukti"
	}
	switch r {
	case ReasonMissing:
		return "pakai templat terbaru dan isi butir ini"
	case ReasonUnanswered:
		switch kind {
		case questionnaire.KindYesNo:
			return "pilih Ya atau Tidak dari daftar"
		case questionnaire.KindLevel:
			return "pilih tingkat dari daftar"
		case questionnaire.KindCount:
			return "tulis jumlahnya sebagai bilangan bulat"
		}
		return "pilih jawaban dari daftar"
	case ReasonAnsweredNo, ReasonPartial:
		switch kind {
		case questionnaire.KindYesNo:
			return "penuhi syaratnya, lalu jawab Ya" + evidence
		case questionnaire.KindLevel:
			if top := topLevel(it); top != nil {
				return "tingkatkan sampai \"" + top.Label + "\"" + evidence
			}
		case questionnaire.KindCount:
			if _, full := countTargets(it); full >= 0 {
				return "poin penuh mulai jumlah " + strconv.FormatInt(full, 10) + evidence
			}
		}
		if r == ReasonPartial {
			return "tingkatkan ke jawaban tertinggi" + evidence
		}
		return "penuhi syaratnya, lalu pilih jawaban tertinggi" + evidence
	case ReasonNoEvidence:
		return "isi tautan ke data dukung"
	case ReasonRejected:
		return "perbaiki bukti sesuai catatan verifikator"
	case ReasonGroupIncomplete:
		return "lengkapi semua butir dalam kelompoknya"
	}
	return ""
}

// kindOf is the item's answer kind, or "" for a nil item.
func kindOf(it *questionnaire.Item) questionnaire.AnswerKind {
	if it == nil {
		return ""
	}
	return it.Kind
}

// topLevel is the level worth the largest fraction (the first of them), or nil.
func topLevel(it *questionnaire.Item) *questionnaire.Level {
	var top *questionnaire.Level
	for i := range it.Levels {
		if top == nil || it.Levels[i].Fraction.Cmp(top.Fraction) > 0 {
			top = &it.Levels[i]
		}
	}
	return top
}

// countTargets returns the smallest count that earns points and the smallest
// that earns the item's maximum (when no tier reaches the maximum, the
// smallest that earns the most points); both are −1 when no tier earns points.
func countTargets(it *questionnaire.Item) (first, full int64) {
	first, full = -1, -1
	var most *questionnaire.Tier // most points (capped at the maximum), then smallest Min
	for i := range it.Tiers {
		t := &it.Tiers[i]
		if t.Points.Sign() <= 0 {
			continue
		}
		if first < 0 || t.Min < first {
			first = t.Min
		}
		if most == nil {
			most = t
			continue
		}
		p, m := capped(t.Points, it.MaxPoints), capped(most.Points, it.MaxPoints)
		if c := p.Cmp(m); c > 0 || (c == 0 && t.Min < most.Min) {
			most = t
		}
	}
	if most != nil {
		full = most.Min
	}
	return first, full
}

// capped is min(d, max) as a Decimal (tier points above the maximum earn the maximum).
func capped(d, max questionnaire.Decimal) questionnaire.Decimal {
	if d.Cmp(max) > 0 {
		return max
	}
	return d
}
