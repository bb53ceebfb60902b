package sample

import (
	"fmt"
	"strings"

	"monev/questionnaire"
)

// README is the README.md of the set's folder: how to regenerate and use it,
// the bodies that sent nothing, and every file with what it exercises.
func (set *Set) README(inst *questionnaire.Instrument, seed uint64) []byte {
	var b strings.Builder
	b.WriteString(`# Data sampel: monev keterbukaan informasi publik Kabupaten Lombok Timur

Berkas di folder ini **dibuat oleh program** dan boleh dibuat ulang kapan saja:

    go run ./internal/sample/cmd/gensample -o testdata/sampel

`)
	fmt.Fprintf(&b, "Benih acak: %d. Instrumen: %s (versi %s). Menjalankan ulang dengan daftar, benih dan\n", seed, inst.ID, inst.Version)
	b.WriteString(`instrumen yang sama menghasilkan isi sel yang sama. Nama badan publik mengikuti nama yang umum
dipakai; data isian (operator, kontak, jawaban, tautan bukti) adalah rekaan.

Menilai seluruh sampel:

    go run ./cmd/monev score testdata/sampel --units testdata/sampel/daftar-badan-publik.csv \
        --stage presentasi=testdata/sampel/presentasi.csv -o peringkat.xlsx

## Berkas pendukung

- ` + "`daftar-badan-publik.csv`" + `: daftar badan publik (nama,kategori) yang diminta mengisi.
- ` + "`presentasi.csv`" + `: nilai presentasi (nama;nilai, koma desimal) untuk badan dengan nilai SAQ terbaik.

## Badan publik yang tidak mengirim kuesioner (tidak mengisi)

`)
	for _, u := range set.Missing {
		fmt.Fprintf(&b, "- %s (%s)\n", u.Name, u.Category)
	}
	b.WriteString(`
Badan yang berkasnya tidak dapat dinilai (berkas rusak, kuesioner dari instrumen lain) atau yang
mengirim dua kuesioner berbeda juga tidak mendapat peringkat; alasannya ada di lembar *Temuan*.
`)
	b.WriteString(`
## Kuesioner

Nilai SAQ rencana: nilai yang dituju generator, dihitung dari jawaban yang diisikan (sebelum dibulatkan);
"—" bila berkas tidak dapat dibaca sama sekali.

| Berkas | Badan publik | Kategori | Nilai SAQ rencana | Untuk menguji |
|---|---|---|---|---|
`)
	for _, f := range set.Files {
		saq := "—"
		if f.Sheet != nil && !unreadable(f.Sheet.Spec.Variants) {
			saq = FormatScore(f.Sheet.SAQ)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", f.Path, f.Unit.Name, f.Unit.Category, saq, f.Purpose)
	}
	return []byte(b.String())
}

// PresentasiCSV is presentasi.csv: "nama;nilai" with Indonesian decimal commas.
func (set *Set) PresentasiCSV() []byte {
	var b strings.Builder
	b.WriteString("nama;nilai\n")
	for _, s := range set.Presentasi {
		fmt.Fprintf(&b, "%s;%s\n", s.Unit, FormatScore(s.Score))
	}
	return []byte(b.String())
}

func unreadable(vs []Variant) bool {
	for _, v := range vs {
		if v == BrokenOLE || v == BrokenNotZip || v == BrokenTruncated {
			return true
		}
	}
	return false
}
