package sample

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"monev/questionnaire"
)

// DefaultSeed is the seed of the committed sample data under testdata/sampel.
const DefaultSeed = 2025

// File is one file of a sample set.
type File struct {
	Path    string // slash-separated, relative to the set's folder
	Unit    questionnaire.Unit
	Purpose string // Indonesian: what the file is meant to exercise
	Sheet   *Sheet // nil for a lock file
	Data    []byte
}

// StageScore is a later-stage score of one body (e.g. its presentasi).
type StageScore struct {
	Unit  string
	Score *big.Rat // 0–100, two decimals
}

// Set is a realistic sample for one kabupaten: a sheet from (almost) every
// body of the roster, spread over all bands, some messy, some broken.
type Set struct {
	Files      []File
	Missing    []questionnaire.Unit // on the roster, no sheet: "tidak mengisi"
	Presentasi []StageScore         // the best bodies' presentasi scores
}

// Kabupaten builds the sample set for a roster. Every choice comes from seed:
// which bodies send nothing, which band each body aims at, which sheets are
// messy or broken. It needs at least 20 bodies.
func Kabupaten(inst *questionnaire.Instrument, roster []questionnaire.Unit, seed uint64) (*Set, error) {
	if len(roster) < 20 {
		return nil, fmt.Errorf("daftar badan publik terlalu pendek (%d; minimal 20)", len(roster))
	}
	r := rand.New(rand.NewPCG(seed, 0x6d6f6e6576)) // "monev"
	order := r.Perm(len(roster))
	set := &Set{}

	// Three bodies send nothing.
	missing := map[int]bool{}
	for _, i := range order[:3] {
		missing[i] = true
	}
	for i, u := range roster {
		if missing[i] {
			set.Missing = append(set.Missing, u)
		}
	}
	senders := order[3:]

	// Roles for the first senders (in random order); the rest are clean.
	type role struct {
		variants []Variant
		purpose  string
	}
	roles := []role{
		{[]Variant{MessCase}, "jawaban dengan huruf besar/kecil dan spasi di depan/belakang (\"ya \", \"YA\", \" tidak\"), nama badan dengan spasi di belakang"},
		{[]Variant{MessSynonyms, MessCountText}, "sinonim jawaban (\"Y\", \"Sudah\", \"ada\") dan jumlah yang diketik sebagai teks"},
		{[]Variant{MessBlankRows, MessSorted}, "baris kosong disisipkan dan baris butir diurutkan menurut teks pertanyaan"},
		{[]Variant{MessRenamedSheet, MessExtraColumn}, "lembar Kuesioner diganti nama menjadi \"Isian SAQ\" dan kolom \"No.\" disisipkan sebelum kolom Kode"},
		{[]Variant{MessHyperlink}, "tautan bukti sebagai hyperlink dengan teks tampilan (\"Lihat dokumen\")"},
		{[]Variant{MessFormula}, "jawaban berupa rumus (=\"Ya\", =3+4) dengan nilai tersimpan"},
		{[]Variant{MissingEvidence}, "sah, tetapi dua jawaban \"Ya\" tanpa tautan bukti yang wajib (butir itu bernilai 0)"},
		{[]Variant{BrokenUnanswered}, "rusak: tiga butir tidak dijawab"},
		{[]Variant{BrokenInvalid}, "rusak: jawaban tidak sah (\"Mungkin\", \"Sebagian\")"},
		{[]Variant{BrokenLastYear}, "rusak: kuesioner tahun lalu (versi instrumen dan sidik jari lain di _monev)"},
		{[]Variant{BrokenOLE}, "rusak: berkas .xls lama (OLE, D0 CF 11 E0) yang diganti nama menjadi .xlsx"},
		{[]Variant{BrokenNotZip}, "rusak: berkas CSV yang diganti nama menjadi .xlsx (bukan zip)"},
		{[]Variant{BrokenTruncated}, "rusak: berkas .xlsx terpotong (55% pertama)"},
	}

	// Bands: roughly the shape of a kabupaten's internal monev.
	profiles := make([]Profile, len(senders))
	weights := []int{12, 11, 13, 9, 6} // Informatif … Tidak, out of 51
	total := 0
	for _, w := range weights {
		total += w
	}
	k := 0
	for p, w := range weights {
		n := w * len(senders) / total
		for j := 0; j < n && k < len(senders); j++ {
			profiles[k] = Profile(p)
			k++
		}
	}
	for ; k < len(senders); k++ {
		profiles[k] = CukupInformatif
	}
	r.Shuffle(len(profiles), func(i, j int) { profiles[i], profiles[j] = profiles[j], profiles[i] })

	// First every file's spec (specs[i] for set.Files[i]), then the sheets,
	// generated in parallel: each sheet depends only on its own spec.
	byPath := map[string]bool{}
	var specs []*Spec
	add := func(u questionnaire.Unit, spec Spec, purpose, suffix string) error {
		p := filePath(u, suffix)
		if byPath[p] {
			return fmt.Errorf("nama berkas ganda: %s", p)
		}
		byPath[p] = true
		set.Files = append(set.Files, File{Path: p, Unit: u, Purpose: purpose})
		specs = append(specs, &spec)
		return nil
	}
	var clean []int // indexes into set.Files of clean readable sheets
	for n, i := range senders {
		u := roster[i]
		spec := Spec{Unit: u, Profile: profiles[n], Seed: seed}
		purpose := "bersih, target " + profiles[n].String()
		if n < len(roles) {
			spec.Variants = roles[n].variants
			purpose = roles[n].purpose + "; target " + profiles[n].String()
		} else {
			clean = append(clean, len(set.Files))
		}
		if err := add(u, spec, purpose, ""); err != nil {
			return nil, err
		}
	}
	// A duplicate body: a second, different sheet from one clean sender.
	if len(clean) > 0 {
		// Preferably a kecamatan, the last clean one.
		d := len(clean) - 1
		for j := len(clean) - 1; j >= 0; j-- {
			if set.Files[clean[j]].Unit.Category == "Kecamatan" {
				d = j
				break
			}
		}
		first := set.Files[clean[d]]
		spec := Spec{Unit: first.Unit, Profile: specs[clean[d]].Profile, Seed: seed + 1}
		if err := add(first.Unit, spec, "rusak: kuesioner kedua yang berbeda untuk badan yang sama dengan "+path.Base(first.Path), "-revisi"); err != nil {
			return nil, err
		}
		set.Files[clean[d]].Purpose += "; punya kuesioner kedua (" + path.Base(filePath(first.Unit, "-revisi")) + ")"
		clean = slices.Delete(clean, d, d+1)
	}
	// An Excel lock file beside one sheet.
	if len(clean) > 0 {
		f := set.Files[clean[0]]
		dir, base := path.Split(f.Path)
		owner := make([]byte, 165)
		name := "Operator PPID"
		owner[0] = byte(len(name))
		copy(owner[1:], name)
		for i := 1 + len(name); i < 55; i++ {
			owner[i] = ' '
		}
		set.Files = append(set.Files, File{Path: dir + "~$" + base, Unit: f.Unit,
			Purpose: "berkas kunci Excel di samping " + base + ": harus dilewati", Data: owner})
		specs = append(specs, nil)
	}
	if err := generateAll(inst, set.Files, specs); err != nil {
		return nil, err
	}

	// Presentasi: the best ten clean, readable sheets by planned SAQ.
	cand := slices.Clone(clean)
	slices.SortStableFunc(cand, func(a, b int) int {
		if c := set.Files[b].Sheet.SAQ.Cmp(set.Files[a].Sheet.SAQ); c != 0 {
			return c
		}
		return strings.Compare(set.Files[a].Unit.Name, set.Files[b].Unit.Name)
	})
	for _, i := range cand[:min(10, len(cand))] {
		hundredths := 7000 + r.Int64N(2800) // 70,00 … 97,99
		set.Presentasi = append(set.Presentasi, StageScore{Unit: set.Files[i].Unit.Name, Score: big.NewRat(hundredths, 100)})
	}

	slices.SortStableFunc(set.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return set, nil
}

// generateAll generates the sheet of every file that has a spec, with one
// worker per CPU.
func generateAll(inst *questionnaire.Instrument, files []File, specs []*Spec) error {
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				sh, err := Generate(inst, *specs[i])
				if err != nil {
					errs[i] = err
					continue
				}
				files[i].Sheet, files[i].Data = sh, sh.Data
			}
		})
	}
	for i := range files {
		if specs[i] != nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// filePath is where a body's sheet goes in the set: a folder per category.
func filePath(u questionnaire.Unit, suffix string) string {
	name := questionnaire.TemplateFileName(u)
	if name == "" {
		name = "SAQ-" + slug(u.Name) + ".xlsx"
	}
	name = strings.TrimSuffix(name, ".xlsx") + suffix + ".xlsx"
	return slug(u.Category) + "/" + name
}

// FormatScore formats a score with an Indonesian decimal comma and two decimals: 87,5 → "87,50".
func FormatScore(s *big.Rat) string {
	return strings.Replace(s.FloatString(2), ".", ",", 1)
}
