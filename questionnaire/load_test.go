package questionnaire

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// at is an expected problem: its position and YAML path, and a fragment of its message.
type at struct {
	line, col int
	path      string
	msg       string
}

func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *ValidationError", err, err)
	}
	return ve.Problems
}

// Every fixture under testdata/instruments/ is valid.yaml with a few lines
// changed (see the comment on line 1 of each); line numbers below are those of
// the changed lines, columns those of the key (or of the element when the key
// is missing).
func TestLoadBrokenInstruments(t *testing.T) {
	tests := []struct {
		file string
		want []at
	}{
		{"weights_not_100.yaml", []at{
			// 62.5 + 32.5 = 95; reported on the 'indikator:' key.
			{18, 1, "$.indikator", "Jumlah bobot indikator 95, harus 100."},
		}},
		{"duplicate_code.yaml", []at{
			// Third item renamed 1.2 in indicator 1, so indicator 2 (line 20) has no item.
			{20, 5, "$.indikator[1]", "Indikator '2' (Digitalisasi) tidak memiliki butir."},
			{40, 5, "$.butir[2].kode", "Kode butir '1.2' sudah dipakai oleh butir ke-2."},
		}},
		{"band_gap.yaml", []at{
			// Sorted: 0–40, 40–60, 60–75, 80–90, 90–100: 75..80 uncovered, reported on
			// the min of Menuju Informatif (line 13, key at column 32).
			{13, 32, "$.kualifikasi[1].min", "Celah antara kualifikasi 'Cukup Informatif' (maks 75) dan 'Menuju Informatif' (min 80)"},
		}},
		{"band_overlap.yaml", []at{
			// Sorted: 0–40, 40–65, 55–80: 55..65 in two bands.
			{14, 31, "$.kualifikasi[2].min", "Kualifikasi 'Cukup Informatif' (min 55) tumpang tindih dengan 'Kurang Informatif' (maks 65)."},
		}},
		{"invalid_yaml.yaml", []at{
			// The '[' opened on line 33 is still open when goccy meets line 34.
			{34, 5, "$", "YAML tidak sah: kurung siku '[' tidak ditutup"},
		}},
		{"unknown_key.yaml", []at{
			{25, 5, "$.butir[0].petunjk", "Kunci 'petunjk' tidak dikenal"},
			{44, 5, "$.butir[2].jenis_jawaban", "Kunci 'jenis_jawaban' tidak dikenal di butir ke-3."},
		}},
		{"bad_fraction.yaml", []at{
			{38, 26, "$.butir[1].tingkat[1].nilai", "'nilai' bernilai 1.25, tidak boleh lebih dari 1."},
			{39, 28, "$.butir[1].tingkat[2].nilai", "'nilai' bernilai -0.5, tidak boleh kurang dari 0."},
		}},
		{"tiers_not_ascending.yaml", []at{
			// Tiers {1: 1}, {1: 0.5}: min not above 1 and points down from 1 to 0.5.
			{48, 10, "$.butir[2].ambang[1].min", "Ambang ke-2 (min 1) tidak lebih besar dari ambang sebelumnya (min 1)."},
			{48, 18, "$.butir[2].ambang[1].poin", "Poin ambang ke-2 (0.5) lebih kecil dari ambang sebelumnya (1)."},
		}},
		{"unknown_indicator.yaml", []at{
			{20, 5, "$.indikator[1]", "Indikator '2' (Digitalisasi) tidak memiliki butir."},
			{41, 5, "$.butir[2].indikator", "Butir '3.1' berada di indikator '3' yang tidak ada."},
		}},
		{"missing_fields.yaml", []at{
			// No 'pertanyaan' key: the problem points at the item (line 22).
			{22, 5, "$.butir[0].pertanyaan", "'pertanyaan' wajib diisi."},
			{26, 5, "$.butir[0].jenis", "Nilai 'ya' untuk 'jenis' tidak dikenal."},
		}},
		{"many_problems.yaml", []at{
			{4, 1, "$.tahun", "Tahun 1926 tidak wajar."},
			{8, 1, "$.tahap", "Jumlah bobot tahap 105, harus 100."}, // 80 + 25
			{13, 32, "$.kualifikasi[1].min", "Celah antara kualifikasi"},
			{18, 1, "$.indikator", "Jumlah bobot indikator 95, harus 100."},
			{25, 5, "$.butir[0].petunjk", "Kunci 'petunjk' tidak dikenal"},
			{38, 26, "$.butir[1].tingkat[1].nilai", "tidak boleh lebih dari 1"},
			{48, 10, "$.butir[2].ambang[1].min", "Ambang ke-2"},
			{48, 18, "$.butir[2].ambang[1].poin", "Poin ambang ke-2"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in, err := Load(filepath.Join("testdata", "instruments", tt.file))
			if in != nil {
				t.Errorf("Load returned an instrument along with the error")
			}
			ps := problemsOf(t, err)
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tt.want), err)
			}
			for i, w := range tt.want {
				p := ps[i]
				if p.Line != w.line || p.Column != w.col || p.Path != w.path || !strings.Contains(p.Message, w.msg) {
					t.Errorf("problem %d = %d:%d %s %q\nwant        %d:%d %s containing %q", i, p.Line, p.Column, p.Path, p.Message, w.line, w.col, w.path, w.msg)
				}
				if p.Fix == "" {
					t.Errorf("problem %d (%s) has no fix", i, p.Path)
				}
			}
		})
	}
}

func TestLoadValidFixture(t *testing.T) {
	in, err := Load(filepath.Join("testdata", "instruments", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := in.Indicators[0].Weight.String(), "62.5"; got != want {
		t.Errorf("weight = %s, want %s (exact decimal)", got, want)
	}
	it := in.Item("1.2")
	if it == nil || it.Kind != KindLevel || len(it.Levels) != 3 || it.MaxPoints.String() != "2.5" {
		t.Fatalf("item 1.2 = %+v", it)
	}
	if got := it.Levels[1].Fraction.String(); got != "0.25" {
		t.Errorf("level fraction = %s, want 0.25", got)
	}
	if got := it.Levels[0].Synonyms; len(got) != 1 || got[0] != "Setiap bulan" {
		t.Errorf("synonyms = %q", got)
	}
	c := in.Item("2.1")
	if c == nil || len(c.Tiers) != 2 || c.Tiers[1].Min != 10 || c.Tiers[1].Points.String() != "4" {
		t.Fatalf("item 2.1 = %+v", c)
	}
	if in.Item("1.1").Group != "dip" || !in.Item("1.1").EvidenceRequired || in.Item("1.2").EvidenceRequired {
		t.Errorf("group/evidence not read: %+v %+v", in.Item("1.1"), in.Item("1.2"))
	}
}

func TestParseSmallCases(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "instruments", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
		want []at
	}{
		{"empty", "", []at{{1, 1, "$", "Berkas instrumen kosong."}}},
		{"comment only", "# nothing\n", []at{{1, 1, "$", "Berkas instrumen kosong."}}},
		{"scalar document", "halo\n", []at{{1, 1, "$", "harus berupa pemetaan"}}},
		{"list document", "- a\n- b\n", []at{{1, 1, "$", "harus berupa pemetaan"}}},
		{"duplicate key", "id: a\nid: b\n", []at{{2, 1, "$", "YAML tidak sah: kunci yang sama ditulis dua kali (pertama kali di baris 1)."}}},
		{"tab indentation", "id: a\nbutir:\n\t- kode: 1\n", []at{{3, 1, "$", "YAML tidak sah: ada karakter tab; YAML hanya menerima spasi untuk indentasi."}}},
		{"wrong types", strings.Replace(strings.Replace(string(valid), "tahun: 2026", "tahun: dua ribu", 1), "wajib_bukti: true\n    kelompok", "wajib_bukti: ya\n    kelompok", 1), []at{
			{4, 8, "$.tahun", "'tahun' harus berupa bilangan bulat"},
			{28, 18, "$.butir[0].wajib_bukti", "'wajib_bukti' harus true atau false"},
		}},
		{"tahap not a list", strings.Replace(string(valid), "tahap:\n", "tahap: saq\nx_tahap:\n", 1), []at{
			{8, 8, "$.tahap", "'tahap' harus berupa daftar."},
			{9, 1, "$.x_tahap", "Kunci 'x_tahap' tidak dikenal di bagian teratas berkas."},
		}},
		{"alias to missing anchor", strings.Replace(string(valid), "id: uji-kecil", "id: *nope", 1), []at{{2, 5, "$.id", "Alias YAML merujuk anchor yang tidak ada."}}},
		{"misspelt key in a level", strings.Replace(string(valid), "{label: Tahunan, nilai: 0.25}", "{label: Tahunan, Nilai: 0.25}", 1), []at{
			{38, 26, "$.butir[1].tingkat[1].Nilai", "Kunci 'Nilai' tidak dikenal di tingkat ke-2 pada butir ke-2."},
		}},
		{"invalid UTF-8", strings.Replace(string(valid), "nama: Instrumen uji kecil", "nama: Instrumen \xff", 1), []at{{3, 17, "$", "bukan UTF-8"}}}, // "nama: Instrumen " is 16 characters
		{"self-referencing alias", "id: x\nkategori: &a [*a]\n", nil},                                                                                // must not hang or panic; problems vary
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := Parse("uji.yaml", []byte(tt.data))
			if err == nil || in != nil {
				t.Fatalf("Parse = %v, %v; want only an error", in, err)
			}
			ps := problemsOf(t, err)
			if tt.want == nil {
				return
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tt.want), err)
			}
			for i, w := range tt.want {
				p := ps[i]
				if p.Line != w.line || p.Column != w.col || p.Path != w.path || !strings.Contains(p.Message, w.msg) {
					t.Errorf("problem %d = %d:%d %s %q\nwant        %d:%d %s containing %q", i, p.Line, p.Column, p.Path, p.Message, w.line, w.col, w.path, w.msg)
				}
			}
		})
	}
}

func TestParseAcceptsAnchorsAndQuotedNumbers(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "instruments", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// An Indonesian decimal comma in a quoted weight, and a category list reused through an alias.
	s := strings.Replace(string(valid), "bobot: 62.5}", `bobot: "62,5"}`, 1)
	s = strings.Replace(s, "kategori: [OPD, Kecamatan]", "kategori: &kat [OPD, Kecamatan]", 1)
	in, err := Parse("uji.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if got := in.Indicators[0].Weight.String(); got != "62.5" {
		t.Errorf("weight = %s, want 62.5", got)
	}
}

func TestValidationErrorRendering(t *testing.T) {
	e := &ValidationError{File: "instrumen.yaml", Problems: []Problem{
		{Line: 18, Column: 1, Path: "$.indikator", Message: "Jumlah bobot indikator 95, harus 100.", Fix: "ubah bobot agar jumlahnya 100."},
		{Path: "$.tahap", Message: "Tidak ada tahap dengan id \"saq\".", Fix: "tambahkan tahap saq."},
	}}
	want := "instrumen.yaml:18:1: Jumlah bobot indikator 95, harus 100. Perbaikan: ubah bobot agar jumlahnya 100.\n" +
		"instrumen.yaml: $.tahap: Tidak ada tahap dengan id \"saq\". Perbaikan: tambahkan tahap saq."
	if got := e.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}

// validInstrument builds the valid fixture in code.
func validInstrument() *Instrument {
	d := MustDecimal
	return &Instrument{
		ID: "uji-kecil", Name: "Instrumen uji kecil", Year: 2026, Version: "2026.1",
		Indicators: []Indicator{{Code: "1", Name: "Jenis Informasi", Weight: d("62.5")}, {Code: "2", Name: "Digitalisasi", Weight: d("37.5")}},
		Items: []Item{
			{Code: "1.1", Indicator: "1", Question: "Apakah DIP sudah ditetapkan?", Guidance: "Tautan SK DIP.", MaxPoints: d("3"), Kind: KindYesNo, EvidenceRequired: true, Group: "dip"},
			{Code: "1.2", Indicator: "1", Question: "Seberapa sering DIP diperbarui?", MaxPoints: d("2.5"), Kind: KindLevel, Levels: []Level{
				{Label: "Bulanan", Fraction: d("1"), Synonyms: []string{"Setiap bulan"}}, {Label: "Tahunan", Fraction: d("0.25")}, {Label: "Tidak ada", Fraction: d("0")}}},
			{Code: "2.1", Indicator: "2", Question: "Berapa dokumen yang dapat diunduh?", MaxPoints: d("4"), Kind: KindCount, EvidenceRequired: true, Tiers: []Tier{{Min: 1, Points: d("1")}, {Min: 10, Points: d("4")}}},
		},
		Stages:       []Stage{{ID: "saq", Name: "SAQ", Weight: d("80")}, {ID: "presentasi", Name: "Presentasi", Weight: d("20")}},
		MissingStage: MissingStageSAQOnly, NotSubmitted: NotSubmittedZero,
		Bands: []Band{
			{Label: "Informatif", Min: d("90"), Max: d("100")}, {Label: "Menuju Informatif", Min: d("80"), Max: d("90")},
			{Label: "Cukup Informatif", Min: d("60"), Max: d("80")}, {Label: "Kurang Informatif", Min: d("40"), Max: d("60")},
			{Label: "Tidak Informatif", Min: d("0"), Max: d("40")},
		},
		Categories: []string{"OPD", "Kecamatan"},
	}
}

func TestValidateBuiltInCode(t *testing.T) {
	d := MustDecimal
	tests := []struct {
		name   string
		change func(in *Instrument)
		want   []string // "path: message fragment", in order
	}{
		{"valid", func(*Instrument) {}, nil},
		{"stage weights and no saq", func(in *Instrument) {
			in.Stages = []Stage{{ID: "visitasi", Name: "Visitasi", Weight: d("70")}, {ID: "presentasi", Name: "Presentasi", Weight: d("20")}}
		}, []string{"$.tahap: Jumlah bobot tahap 90, harus 100.", `$.tahap: Tidak ada tahap dengan id "saq".`}},
		{"yes/no with levels, level item without a full level", func(in *Instrument) {
			in.Items[0].Levels = []Level{{Label: "x", Fraction: d("1")}}
			in.Items[1].Levels[0].Fraction = d("0.9")
		}, []string{"$.butir[0].tingkat: Butir '1.1' berjenis ya_tidak tetapi memiliki 'tingkat'.", "$.butir[1].tingkat: Tidak ada tingkat bernilai 1"}},
		{"synonym clashes with another label", func(in *Instrument) {
			in.Items[1].Levels[2].Synonyms = []string{"TAHUNAN"}
		}, []string{"$.butir[1].tingkat[2].sinonim[0]: Label atau sinonim 'TAHUNAN' pada butir '1.2' sudah dipakai tingkat ke-2."}},
		{"labels that the reader folds to the same answer", func(in *Instrument) {
			// The reader ignores case, doubled spaces and a final full stop,
			// so "Tahunan." would never be picked: "Tahunan" matches first.
			in.Items[1].Levels[2].Label = "Tahunan."
			in.Items[1].Levels[0].Synonyms = []string{"Setiap  bulan", "setiap bulan"}
		}, []string{
			"$.butir[1].tingkat[0].sinonim[1]: Label atau sinonim 'setiap bulan' pada butir '1.2' sudah dipakai tingkat ke-1.",
			"$.butir[1].tingkat[2].label: Label atau sinonim 'Tahunan.' pada butir '1.2' sudah dipakai tingkat ke-2.",
		}},
		{"tier above item points, count without tiers", func(in *Instrument) {
			in.Items[2].Tiers[1].Points = d("5")
		}, []string{"$.butir[2].ambang[1].poin: Poin ambang 5 melebihi poin butir 4."}},
		{"bad codes", func(in *Instrument) {
			in.Indicators[1].Code = "B"
			in.Items[1].Code = "1-2"
			in.Items[2].Code = "1.3"
		}, []string{
			"$.indikator[1].kode: Kode indikator 'B' tidak sah.",
			"$.butir[1].kode: Kode butir '1-2' tidak sah.",
			"$.butir[2].kode: Kode butir '1.3' tidak diawali kode indikatornya '2'.",
			// Indicator 2 was renamed B, so item 1.3 (indikator "2") also has no indicator.
			"$.butir[2].indikator: Butir '1.3' berada di indikator '2' yang tidak ada.",
		}},
		{"zero points, missing values", func(in *Instrument) {
			in.Items[0].MaxPoints = d("0")
			in.Bands[4].Min = Decimal{}
			in.Categories = nil
		}, []string{"$.butir[0].poin: 'poin' bernilai 0, harus lebih dari 0.", "$.kualifikasi[4].min: 'min' wajib diisi.", "$.kategori: Daftar 'kategori' kosong."}},
		{"band max not above min, duplicate label", func(in *Instrument) {
			in.Bands[1].Label = "informatif"
			in.Bands[0].Max = d("90")
		}, []string{
			// Coverage is not checked while a band is unusable (90–90).
			"$.kualifikasi[0].maks: Kualifikasi 'Informatif': maks 90 tidak lebih besar dari min 90.",
			"$.kualifikasi[1].label: Label kualifikasi 'informatif' sudah dipakai kualifikasi ke-1.",
		}},
		{"bands not starting at 0, not reaching 100", func(in *Instrument) {
			in.Bands[4].Min = d("10")
			in.Bands[0].Max = d("99.5")
		}, []string{
			"$.kualifikasi[4].min: Kualifikasi tidak dimulai dari 0: nilai 0 sampai 10 tidak mendapat kualifikasi.",
			"$.kualifikasi[0].maks: Kualifikasi tertinggi 'Informatif' berakhir di 99.5, bukan 100.",
		}},
		{"negative tier min", func(in *Instrument) {
			in.Items[2].Tiers[0].Min = -1
		}, []string{"$.butir[2].ambang[0].min: 'min' bernilai -1, tidak boleh kurang dari 0."}},
		{"unsorted bands that cover 0–100 are fine", func(in *Instrument) {
			in.Bands[0], in.Bands[3] = in.Bands[3], in.Bands[0]
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInstrument()
			tt.change(in)
			err := in.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			ps := problemsOf(t, err)
			var got []string
			for _, p := range ps {
				if p.Line != 0 {
					t.Errorf("problem %s has line %d; an instrument built in code has none", p.Path, p.Line)
				}
				got = append(got, p.Path+": "+p.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestValidFixtureEqualsBuiltInstrument(t *testing.T) {
	in, err := Load(filepath.Join("testdata", "instruments", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := dump(in), dump(validInstrument()); got != want {
		t.Errorf("parsed fixture differs from the instrument built in code:\n%s\nwant\n%s", got, want)
	}
}

// dump is a complete, readable rendering of an instrument for comparisons.
func dump(in *Instrument) string { return fmt.Sprintf("%+v", *in) }

func TestExportRoundTrip(t *testing.T) {
	for name, in := range map[string]*Instrument{"default": Default(), "valid": validInstrument()} {
		t.Run(name, func(t *testing.T) {
			// Awkward strings must survive quoting.
			in.Items[0].Question = "Apakah \"DIP\" ada?\tYa: 100% # bukan komentar\nbaris kedua \\ ü"
			in.Items[0].Guidance = "- bukan daftar: {x}"
			in.Categories = append(in.Categories, "true", "1.10", "null")
			if err := in.Validate(); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := in.Export(&buf); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(buf.String(), "# Instrumen monev") {
				t.Errorf("export does not start with the explanatory header")
			}
			back, err := Parse("ekspor.yaml", buf.Bytes())
			if err != nil {
				t.Fatalf("Parse(Export) failed: %v\n%s", err, buf.String())
			}
			if got, want := dump(back), dump(in); got != want {
				t.Errorf("round trip differs:\n%s\nwant\n%s", got, want)
			}
			if back.Fingerprint() != in.Fingerprint() {
				t.Errorf("fingerprint changed on round trip: %s → %s", in.Fingerprint(), back.Fingerprint())
			}
			var again bytes.Buffer
			if err := back.Export(&again); err != nil {
				t.Fatal(err)
			}
			if again.String() != buf.String() {
				t.Errorf("second export differs from the first")
			}
		})
	}
}

func TestParseBoundsAliasExpansion(t *testing.T) {
	// 100 items × 100 levels × 100 synonyms = 1,000,000 values from a few
	// kilobytes of aliases: Parse must stop early with one located problem.
	var b strings.Builder
	b.WriteString("s: &s kata\nl: &l {label: a, nilai: 1, sinonim: [")
	for i := 0; i < 100; i++ {
		b.WriteString("*s, ")
	}
	b.WriteString("]}\ni: &i {kode: \"1.1\", indikator: \"1\", pertanyaan: q, poin: 1, jenis: tingkat, tingkat: [")
	for i := 0; i < 100; i++ {
		b.WriteString("*l, ")
	}
	b.WriteString("]}\nbutir: [")
	for i := 0; i < 100; i++ {
		b.WriteString("*i, ")
	}
	b.WriteString("]\n")
	_, err := Parse("bom.yaml", []byte(b.String()))
	found := 0
	for _, p := range problemsOf(t, err) {
		if strings.Contains(p.Message, "Berkas terlalu besar") {
			found++
			// The limit is hit inside butir, at a synonym alias written on line 2.
			if p.Line != 2 || !strings.HasPrefix(p.Path, "$.butir[") {
				t.Errorf("limit reported at %d %s, want line 2 under $.butir", p.Line, p.Path)
			}
		}
	}
	if found != 1 {
		t.Errorf("limit reported %d times, want once:\n%v", found, err)
	}
}
