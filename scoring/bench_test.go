package scoring_test

// Benchmarks of the batch path against a bare excelize read of the same
// files (issue 4, part 9). Run them all in one go:
//
//	go test -run XXX -bench . -benchtime 1x ./scoring/
//
// BenchmarkBareRows/N: open each file with excelize, iterate the rows of the
// Kuesioner sheet, close: one goroutine, the baseline.
// BenchmarkScore/N: CollectFiles + ScoreFiles (GOMAXPROCS workers) +
// WriteWorkbook to io.Discard, i.e. `monev score` end to end.
// BenchmarkScoreVsBare/N: both in the same process, one after the other,
// reporting score/bare (the target is ≤ 1.25) and, from one more untimed
// run, the peak heap of the score run (the target at N = 1000 is < 256 MB)
// and where it goes.
// BenchmarkCheck: ReadFile + ScoreResponse of one sheet (`monev check`).
//
// The N sheets of the default instrument are generated once per N with
// internal/sample (clean sheets spread over the five bands, half OPD, half
// kecamatan) and written to b.TempDir outside the timer.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"monev/internal/sample"
	"monev/questionnaire"
	"monev/scoring"
)

var benchSizes = []int{100, 1000}

// corpus holds the generated sheets (file bytes) by N, generated once per
// test binary and shared by the benchmarks.
var corpus struct {
	sync.Mutex
	sheets map[int][][]byte
	units  map[int][]questionnaire.Unit
}

func benchUnit(i int) questionnaire.Unit {
	if i%2 == 0 {
		return questionnaire.Unit{Name: fmt.Sprintf("Dinas Sampel %04d", i/2+1), Category: "OPD"}
	}
	return questionnaire.Unit{Name: fmt.Sprintf("Kecamatan Sampel %04d", i/2+1), Category: "Kecamatan"}
}

// sheets returns n generated sheets and their roster. Templates are written
// once per category and filled in parallel.
func sheets(b *testing.B, inst *questionnaire.Instrument, n int) ([][]byte, []questionnaire.Unit) {
	b.Helper()
	corpus.Lock()
	defer corpus.Unlock()
	if corpus.sheets == nil {
		corpus.sheets, corpus.units = map[int][][]byte{}, map[int][]questionnaire.Unit{}
	}
	if s, ok := corpus.sheets[n]; ok {
		return s, corpus.units[n]
	}
	templates := map[string][]byte{}
	for _, c := range []string{"OPD", "Kecamatan"} {
		var buf bytes.Buffer
		if err := questionnaire.WriteTemplate(&buf, inst, questionnaire.Unit{Name: "Templat " + c, Category: c}); err != nil {
			b.Fatal(err)
		}
		templates[c] = buf.Bytes()
	}
	out := make([][]byte, n)
	units := make([]questionnaire.Unit, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				u := benchUnit(i)
				units[i] = u
				sh, err := sample.Fill(inst, templates[u.Category], sample.Spec{
					Unit: u, Profile: sample.Profiles[i%len(sample.Profiles)], Seed: uint64(i),
				})
				if err != nil {
					errs[i] = err
					continue
				}
				out[i] = sh.Data
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	corpus.sheets[n], corpus.units[n] = out, units
	return out, units
}

// writeCorpus writes n sheets under a fresh temporary folder, split in a
// folder per category, and returns the folder, the file paths and the roster.
func writeCorpus(b *testing.B, inst *questionnaire.Instrument, n int) (string, []string, []questionnaire.Unit) {
	b.Helper()
	data, units := sheets(b, inst, n)
	dir := b.TempDir()
	var files []string
	for i, d := range data {
		p := filepath.Join(dir, units[i].Category, fmt.Sprintf("SAQ-%04d.xlsx", i+1))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, d, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, p)
	}
	return dir, files, units
}

// bareRows opens every file, iterates the rows of its Kuesioner sheet
// (Columns on each row) and closes it, in one goroutine. It returns the
// number of cells seen, so that the work cannot be optimised away.
func bareRows(b *testing.B, files []string) int {
	cells := 0
	for _, p := range files {
		f, err := excelize.OpenFile(p)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows(questionnaire.SheetQuestions)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			cols, err := rows.Columns()
			if err != nil {
				b.Fatal(err)
			}
			cells += len(cols)
		}
		if err := rows.Close(); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	return cells
}

// scoreAll is `monev score DIR -o …` without the CLI: collect, read and
// score in parallel, rank, write the workbook.
func scoreAll(b *testing.B, inst *questionnaire.Instrument, dir string, roster []questionnaire.Unit, want int) {
	rep := scoreFiles(b, inst, dir, roster, want)
	if err := scoring.WriteWorkbook(io.Discard, rep); err != nil {
		b.Fatal(err)
	}
}

// scoreFiles is scoreAll without writing the workbook.
func scoreFiles(b *testing.B, inst *questionnaire.Instrument, dir string, roster []questionnaire.Unit, want int) *scoring.Report {
	files, skipped, err := scoring.CollectFiles([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	if len(files) != want || len(skipped) != 0 {
		b.Fatalf("collected %d files (%d skipped), want %d", len(files), len(skipped), want)
	}
	rep := scoring.ScoreFiles(context.Background(), inst, files, scoring.BatchOptions{
		Workers: runtime.GOMAXPROCS(0),
		Roster:  roster,
	})
	if len(rep.Scores) != want {
		b.Fatalf("%d scores, want %d", len(rep.Scores), want)
	}
	return rep
}

func BenchmarkBareRows(b *testing.B) {
	inst := questionnaire.Default()
	for _, n := range benchSizes {
		_, files, _ := writeCorpus(b, inst, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				bareRows(b, files)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/sheet")
		})
	}
}

func BenchmarkScore(b *testing.B) {
	inst := questionnaire.Default()
	for _, n := range benchSizes {
		dir, _, roster := writeCorpus(b, inst, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				scoreAll(b, inst, dir, roster, n)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/sheet")
		})
	}
}

// heapSampler records the peak of the Go heap in use (objects plus unused
// spans, i.e. MemStats.HeapInuse) and of all memory the runtime holds from
// the OS (total minus released), sampled every millisecond without stopping
// the world.
type heapSampler struct {
	stop     chan struct{}
	done     chan struct{}
	peakHeap uint64
	peakGo   uint64
}

func startHeapSampler() *heapSampler {
	s := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	read := func() {
		metrics.Read(samples)
		heap := samples[0].Value.Uint64() + samples[1].Value.Uint64()
		held := samples[2].Value.Uint64() - samples[3].Value.Uint64()
		s.peakHeap, s.peakGo = max(s.peakHeap, heap), max(s.peakGo, held)
	}
	go func() {
		defer close(s.done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-s.stop:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *heapSampler) Stop() { close(s.stop); <-s.done }

// BenchmarkScoreVsBare times the bare read and the full score of the same
// files in the same process and reports their ratio. It then runs the score
// once more, untimed, to see where memory goes: the peak heap (and all memory
// the Go runtime holds) during the whole run, the heap before it (mostly the
// generated sheets kept for the other benchmarks, not part of `monev score`),
// the live heap once ScoreFiles has returned (the Report: every Response and
// Score), and the peak while the workbook is written.
func BenchmarkScoreVsBare(b *testing.B) {
	inst := questionnaire.Default()
	for _, n := range benchSizes {
		dir, files, roster := writeCorpus(b, inst, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var bare, score time.Duration
			for b.Loop() {
				t0 := time.Now()
				bareRows(b, files)
				bare += time.Since(t0)
				t1 := time.Now()
				scoreAll(b, inst, dir, roster, n)
				score += time.Since(t1)
			}
			b.StopTimer()
			runs := float64(b.N)
			b.ReportMetric(score.Seconds()/bare.Seconds(), "score/bare")
			b.ReportMetric(float64(bare.Milliseconds())/runs, "bare-ms")
			b.ReportMetric(float64(score.Milliseconds())/runs, "score-ms")

			const mb = 1 << 20
			var m runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m)
			base, allocs := m.HeapAlloc, m.TotalAlloc
			whole := startHeapSampler()
			rep := scoreFiles(b, inst, dir, roster, n)
			runtime.GC()
			runtime.ReadMemStats(&m)
			live := m.HeapAlloc
			write := startHeapSampler()
			if err := scoring.WriteWorkbook(io.Discard, rep); err != nil {
				b.Fatal(err)
			}
			write.Stop()
			whole.Stop()
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(whole.peakHeap)/mb, "peak-heap-MB")
			b.ReportMetric(float64(whole.peakGo)/mb, "peak-go-MB")
			b.ReportMetric(float64(base)/mb, "base-heap-MB")
			b.ReportMetric(float64(live-base)/mb, "report-MB")
			b.ReportMetric(float64(write.peakHeap)/mb, "write-peak-heap-MB")
			b.ReportMetric(float64(m.TotalAlloc-allocs)/mb, "alloc-MB")
			runtime.KeepAlive(rep)
		})
	}
}

// BenchmarkCheck is `monev check FILE` without the CLI: read one sheet and score it.
func BenchmarkCheck(b *testing.B) {
	inst := questionnaire.Default()
	_, files, roster := writeCorpus(b, inst, 1)
	for b.Loop() {
		resp, fs := questionnaire.ReadFile(files[0], inst, questionnaire.ReadOptions{})
		if resp == nil {
			b.Fatalf("unreadable: %v", fs)
		}
		s := scoring.ScoreResponse(inst, resp, roster[0], nil)
		if s.SAQ == nil || s.Band == nil {
			b.Fatal("not scored")
		}
	}
}
