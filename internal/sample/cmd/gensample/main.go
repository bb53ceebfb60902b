// Command gensample writes the sample data of a kabupaten's monev: one filled
// questionnaire per body of a roster (a few bodies send nothing), spread over
// the five qualification bands, some messy but valid, some broken, plus the
// roster, a presentasi score file and a README listing every file and what it
// exercises.
//
// Usage (from the repository root):
//
//	go run ./internal/sample/cmd/gensample -o testdata/sampel
//
// Flags:
//
//	-o DIR          output folder (default testdata/sampel); every .xlsx under it is removed first
//	-roster FILE    roster (.csv or .xlsx with columns nama,kategori; default
//	                DIR/daftar-badan-publik.csv), written to DIR/daftar-badan-publik.csv
//	                when it lives elsewhere
//	-seed N         seed of every random choice (default 2025)
//	-instrument F   instrument YAML (default: the embedded default instrument)
//
// Rerunning with the same roster, seed and instrument gives files with the
// same cell content.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"monev/internal/sample"
	"monev/questionnaire"
)

const rosterName = "daftar-badan-publik.csv"

func main() {
	out := flag.String("o", "testdata/sampel", "folder keluaran")
	roster := flag.String("roster", "", "daftar badan publik (.csv/.xlsx nama,kategori); bawaan: DIR/"+rosterName)
	seed := flag.Uint64("seed", sample.DefaultSeed, "benih semua pilihan acak")
	instFile := flag.String("instrument", "", "berkas instrumen YAML; bawaan: instrumen bawaan")
	flag.Parse()
	if err := run(*out, *roster, *seed, *instFile); err != nil {
		fmt.Fprintln(os.Stderr, "gensample:", err)
		os.Exit(1)
	}
}

func run(out, rosterPath string, seed uint64, instFile string) error {
	inst := questionnaire.Default()
	if instFile != "" {
		var err error
		if inst, err = questionnaire.Load(instFile); err != nil {
			return err
		}
	}
	if rosterPath == "" {
		rosterPath = filepath.Join(out, rosterName)
	}
	units, err := questionnaire.ReadRoster(rosterPath)
	if err != nil {
		return err
	}
	set, err := sample.Kabupaten(inst, units, seed)
	if err != nil {
		return err
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	// Remove what an earlier run wrote.
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(strings.ToLower(d.Name()), ".xlsx") {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if dst := filepath.Join(out, rosterName); !sameFile(rosterPath, dst) {
		if err := os.WriteFile(dst, rosterCSV(units), 0o644); err != nil {
			return err
		}
	}
	for _, f := range set.Files {
		p := filepath.Join(out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(out, "presentasi.csv"), set.PresentasiCSV(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "README.md"), set.README(inst, seed), 0o644)
}

// rosterCSV writes units as a CSV with the columns nama,kategori.
func rosterCSV(units []questionnaire.Unit) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"nama", "kategori"})
	for _, u := range units {
		w.Write([]string{u.Name, u.Category})
	}
	w.Flush()
	return b.Bytes()
}

func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
