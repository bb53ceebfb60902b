package questionnaire

import "strings"

// templateTestInstrument is a small instrument with every answer kind: Ya/Tidak
// items (one all-or-nothing group), graded items sharing one level list and
// one with a level list too long for an inline drop-down, and a count item
// with tiers. Its name avoids clashing with other test files of the package.
func templateTestInstrument() *Instrument {
	levels := []Level{
		{Label: "Lengkap", Fraction: MustDecimal("1")},
		{Label: "Sebagian", Fraction: MustDecimal("0.5")},
		{Label: "Tidak ada", Fraction: MustDecimal("0")},
	}
	var long []Level // 6 labels of ~60 characters: more than Excel's 255 for an inline list
	for i, f := range []string{"1", "0.8", "0.6", "0.4", "0.2", "0"} {
		long = append(long, Level{
			Label:    "Tingkat " + string(rune('A'+i)) + ": " + strings.Repeat("uraian panjang ", 3) + "untuk pengujian",
			Fraction: MustDecimal(f),
		})
	}
	return &Instrument{
		ID:      "uji-monev",
		Name:    "Monev KIP Uji",
		Year:    2026,
		Version: "2026.1",
		Indicators: []Indicator{
			{Code: "1", Name: "Jenis Informasi", Weight: MustDecimal("40")},
			{Code: "2", Name: "Digitalisasi", Weight: MustDecimal("32.5")},
			{Code: "3", Name: "Komitmen Organisasi", Weight: MustDecimal("27.5")},
		},
		Items: []Item{
			{Code: "1.1", Indicator: "1", Question: "Apakah badan publik memiliki Daftar Informasi Publik (DIP) yang ditetapkan?", Guidance: "Unggah SK penetapan DIP.", MaxPoints: MustDecimal("10"), Kind: KindYesNo, EvidenceRequired: true},
			{Code: "1.2", Indicator: "1", Question: "Apakah informasi berkala diumumkan?", MaxPoints: MustDecimal("5"), Kind: KindYesNo, EvidenceRequired: true, Group: "A"},
			{Code: "1.3", Indicator: "1", Question: "Apakah informasi serta merta diumumkan?", MaxPoints: MustDecimal("5"), Kind: KindYesNo, Group: "A"},
			{Code: "1.4", Indicator: "1", Question: "Kelengkapan informasi setiap saat.", Guidance: "Daftar informasi setiap saat beserta tautannya.", MaxPoints: MustDecimal("8"), Kind: KindLevel, Levels: levels},
			{Code: "2.1", Indicator: "2", Question: "Berapa jumlah unggahan informasi di situs web tahun ini?", MaxPoints: MustDecimal("6"), Kind: KindCount, Tiers: []Tier{
				{Min: 1, Points: MustDecimal("2")}, {Min: 5, Points: MustDecimal("4")}, {Min: 10, Points: MustDecimal("6")},
			}},
			{Code: "2.2", Indicator: "2", Question: "Kemutakhiran media sosial.", MaxPoints: MustDecimal("4"), Kind: KindLevel, Levels: levels},
			{Code: "2.3", Indicator: "2", Question: "Tingkat layanan informasi daring.", MaxPoints: MustDecimal("2.5"), Kind: KindLevel, Levels: long},
			{Code: "3.1", Indicator: "3", Question: "Apakah ada SK PPID Pembantu?", MaxPoints: MustDecimal("10"), Kind: KindYesNo, EvidenceRequired: true},
		},
		Stages: []Stage{
			{ID: SAQStage, Name: "SAQ", Weight: MustDecimal("80")},
			{ID: "presentasi", Name: "Presentasi", Weight: MustDecimal("20")},
		},
		MissingStage: MissingStageSAQOnly,
		NotSubmitted: NotSubmittedZero,
		Bands: []Band{
			{Label: "Informatif", Min: MustDecimal("90"), Max: MustDecimal("100")},
			{Label: "Menuju Informatif", Min: MustDecimal("80"), Max: MustDecimal("90")},
			{Label: "Cukup Informatif", Min: MustDecimal("60"), Max: MustDecimal("80")},
			{Label: "Kurang Informatif", Min: MustDecimal("40"), Max: MustDecimal("60")},
			{Label: "Tidak Informatif", Min: MustDecimal("0"), Max: MustDecimal("40")},
		},
		Categories: []string{"OPD", "Kecamatan"},
	}
}
