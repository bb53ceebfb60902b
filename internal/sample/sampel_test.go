package sample_test

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"monev/internal/sample"
	"monev/questionnaire"
)

const sampelDir = "../../testdata/sampel"

var sampel struct {
	once  sync.Once
	inst  *questionnaire.Instrument
	units []questionnaire.Unit
	set   *sample.Set
	err   error
}

// sampleSet builds, once per test binary, the sample set of the committed
// roster testdata/sampel/daftar-badan-publik.csv with the default seed.
func sampleSet(t *testing.T) (*questionnaire.Instrument, []questionnaire.Unit, *sample.Set) {
	t.Helper()
	sampel.once.Do(func() {
		data, err := os.ReadFile(filepath.Join(sampelDir, "daftar-badan-publik.csv"))
		if err != nil {
			sampel.err = err
			return
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			sampel.err = err
			return
		}
		for _, rec := range recs[1:] {
			sampel.units = append(sampel.units, questionnaire.Unit{Name: rec[0], Category: rec[1]})
		}
		sampel.inst = questionnaire.Default()
		sampel.set, sampel.err = sample.Kabupaten(sampel.inst, sampel.units, sample.DefaultSeed)
	})
	if sampel.err != nil {
		t.Fatal(sampel.err)
	}
	if len(sampel.units) != 54 {
		t.Fatalf("roster has %d bodies, want 54 (33 OPD, 21 kecamatan)", len(sampel.units))
	}
	return sampel.inst, sampel.units, sampel.set
}

// TestSampleDataUpToDate regenerates the committed sample data and compares
// it with testdata/sampel: same files, same cell content, same README and
// presentasi.csv. When the instrument or the template changes, rerun
//
//	go run ./internal/sample/cmd/gensample -o testdata/sampel
func TestSampleDataUpToDate(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("regenerates the whole sample set")
	}
	const rerun = "; rerun: go run ./internal/sample/cmd/gensample -o testdata/sampel"
	inst, _, set := sampleSet(t)
	for name, want := range map[string][]byte{
		"README.md":      set.README(inst, sample.DefaultSeed),
		"presentasi.csv": set.PresentasiCSV(),
	} {
		got, err := os.ReadFile(filepath.Join(sampelDir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not what the generator writes (%v)%s", name, err, rerun)
		}
	}

	var onDisk, generated []string
	err := filepath.WalkDir(sampelDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xlsx") {
			rel, _ := filepath.Rel(sampelDir, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set.Files {
		generated = append(generated, f.Path)
	}
	slices.Sort(onDisk)
	if !slices.Equal(onDisk, generated) {
		t.Fatalf("files differ:\n on disk   %v\n generated %v%s", onDisk, generated, rerun)
	}
	for _, f := range set.Files {
		got, err := os.ReadFile(filepath.Join(sampelDir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case f.Sheet == nil || slices.Contains(f.Sheet.Spec.Variants, sample.BrokenOLE) ||
			slices.Contains(f.Sheet.Spec.Variants, sample.BrokenNotZip):
			if !bytes.Equal(got, f.Data) {
				t.Errorf("%s differs%s", f.Path, rerun)
			}
		case slices.Contains(f.Sheet.Spec.Variants, sample.BrokenTruncated):
			if len(got) < len(f.Data)*9/10 || len(got) > len(f.Data)*11/10 {
				t.Errorf("%s: %d bytes, generated %d%s", f.Path, len(got), len(f.Data), rerun)
			}
		default:
			if !slices.Equal(cells(t, got), cells(t, f.Data)) {
				t.Errorf("%s: cell content differs%s", f.Path, rerun)
			}
		}
	}
}
