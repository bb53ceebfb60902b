package scoring

import (
	"testing"

	"monev/questionnaire"
)

// TestExplainAdvice: every Reason for every answer kind (and a nil item) is
// phrased once, in the item's terms: "dijawab Tidak" only for Ya/Tidak, the
// level or count to reach, evidence asked for only where required.
func TestExplainAdvice(t *testing.T) {
	yn := yesNo("1.1", "2", true)
	ynFree := yesNo("1.2", "2", false)
	lv := level("1.3", "4", true) // top level "Penuh"
	lvFree := level("1.4", "4", false)
	cnt := count("1.5", "4", false) // tiers ≥1 → 1, ≥5 → 2, ≥10 → 4
	noTiers := count("1.6", "4", false)
	noTiers.Tiers = nil
	// Unsorted tiers, one above the maximum: first points from 3, the
	// maximum (4, the 9 is capped) from 8 on.
	odd := count("1.7", "4", false)
	odd.Tiers = []questionnaire.Tier{{Min: 20, Points: dec("9")}, {Min: 0, Points: dec("0")}, {Min: 8, Points: dec("4")}, {Min: 3, Points: dec("1")}}
	noLevels := level("1.8", "4", false)
	noLevels.Levels = nil

	tests := []struct {
		name        string
		item        *questionnaire.Item
		reason      Reason
		explain     string
		advice      string
		fixAdviceWB string // the Rekomendasi cell
	}{
		{"full", &yn, ReasonFull, "", "", ""},

		{"yn no", &yn, ReasonAnsweredNo, "dijawab Tidak", "penuhi syaratnya, lalu jawab Ya dengan tautan bukti",
			"Dijawab Tidak: penuhi syaratnya, lalu jawab Ya dengan tautan bukti"},
		{"yn no, no evidence needed", &ynFree, ReasonAnsweredNo, "dijawab Tidak", "penuhi syaratnya, lalu jawab Ya",
			"Dijawab Tidak: penuhi syaratnya, lalu jawab Ya"},
		{"yn unanswered", &yn, ReasonUnanswered, "belum dijawab atau jawaban tidak sah", "pilih Ya atau Tidak dari daftar",
			"Belum dijawab atau jawaban tidak sah: pilih Ya atau Tidak dari daftar"},
		{"yn missing", &yn, ReasonMissing, "butir tidak ada di lembar", "pakai templat terbaru dan isi butir ini",
			"Butir tidak ada di lembar: pakai templat terbaru dan isi butir ini"},
		{"yn no evidence", &yn, ReasonNoEvidence, "tanpa tautan bukti", "isi tautan ke data dukung",
			"Tanpa tautan bukti: isi tautan ke data dukung"},
		{"yn rejected", &yn, ReasonRejected, "ditolak verifikator", "perbaiki bukti sesuai catatan verifikator",
			"Ditolak verifikator: perbaiki bukti sesuai catatan verifikator"},
		{"yn group", &yn, ReasonGroupIncomplete, "butir lain dalam kelompoknya belum lengkap", "lengkapi semua butir dalam kelompoknya",
			"Butir lain dalam kelompoknya belum lengkap: lengkapi semua butir dalam kelompoknya"},

		{"level lowest", &lv, ReasonAnsweredNo, "tingkat terendah dipilih", "tingkatkan sampai \"Penuh\" dengan tautan bukti",
			"Tingkat terendah dipilih: tingkatkan sampai \"Penuh\" dengan tautan bukti"},
		{"level partial", &lvFree, ReasonPartial, "tingkat di bawah yang tertinggi", "tingkatkan sampai \"Penuh\"",
			"Tingkat di bawah yang tertinggi: tingkatkan sampai \"Penuh\""},
		{"level unanswered", &lv, ReasonUnanswered, "belum dijawab atau jawaban tidak sah", "pilih tingkat dari daftar",
			"Belum dijawab atau jawaban tidak sah: pilih tingkat dari daftar"},
		{"level without levels", &noLevels, ReasonPartial, "tingkat di bawah yang tertinggi", "tingkatkan ke jawaban tertinggi",
			"Tingkat di bawah yang tertinggi: tingkatkan ke jawaban tertinggi"},
		{"level without levels, lowest", &noLevels, ReasonAnsweredNo, "tingkat terendah dipilih", "penuhi syaratnya, lalu pilih jawaban tertinggi",
			"Tingkat terendah dipilih: penuhi syaratnya, lalu pilih jawaban tertinggi"},

		{"count below first tier", &cnt, ReasonAnsweredNo, "jumlah di bawah 1", "poin penuh mulai jumlah 10",
			"Jumlah di bawah 1: poin penuh mulai jumlah 10"},
		{"count partial", &cnt, ReasonPartial, "jumlah belum mencapai poin penuh", "poin penuh mulai jumlah 10",
			"Jumlah belum mencapai poin penuh: poin penuh mulai jumlah 10"},
		{"count unanswered", &cnt, ReasonUnanswered, "belum dijawab atau bukan angka", "tulis jumlahnya sebagai bilangan bulat",
			"Belum dijawab atau bukan angka: tulis jumlahnya sebagai bilangan bulat"},
		{"count odd tiers", &odd, ReasonAnsweredNo, "jumlah di bawah 3", "poin penuh mulai jumlah 8",
			"Jumlah di bawah 3: poin penuh mulai jumlah 8"},
		{"count without tiers", &noTiers, ReasonAnsweredNo, "jumlah di bawah ambang pertama", "penuhi syaratnya, lalu pilih jawaban tertinggi",
			"Jumlah di bawah ambang pertama: penuhi syaratnya, lalu pilih jawaban tertinggi"},
		{"count missing", &cnt, ReasonMissing, "butir tidak ada di lembar", "pakai templat terbaru dan isi butir ini",
			"Butir tidak ada di lembar: pakai templat terbaru dan isi butir ini"},

		{"nil item no", nil, ReasonAnsweredNo, "jawaban tidak mendapat poin", "penuhi syaratnya, lalu pilih jawaban tertinggi",
			"Jawaban tidak mendapat poin: penuhi syaratnya, lalu pilih jawaban tertinggi"},
		{"nil item unanswered", nil, ReasonUnanswered, "belum dijawab atau jawaban tidak sah", "pilih jawaban dari daftar",
			"Belum dijawab atau jawaban tidak sah: pilih jawaban dari daftar"},
		{"nil item partial", nil, ReasonPartial, "baru sebagian", "tingkatkan ke jawaban tertinggi",
			"Baru sebagian: tingkatkan ke jawaban tertinggi"},
		{"yn partial (not produced by the engine)", &yn, ReasonPartial, "baru sebagian", "penuhi syaratnya, lalu jawab Ya dengan tautan bukti",
			"Baru sebagian: penuhi syaratnya, lalu jawab Ya dengan tautan bukti"},
		{"unknown reason", &yn, Reason("alasan-baru"), "alasan-baru", "", "Alasan-baru"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Explain(tt.item, tt.reason); got != tt.explain {
				t.Errorf("Explain = %q, want %q", got, tt.explain)
			}
			if got := Advice(tt.item, tt.reason); got != tt.advice {
				t.Errorf("Advice = %q, want %q", got, tt.advice)
			}
			if got := fixAdvice(Fix{Item: tt.item, Reason: tt.reason}); got != tt.fixAdviceWB {
				t.Errorf("fixAdvice = %q, want %q", got, tt.fixAdviceWB)
			}
		})
	}
}
