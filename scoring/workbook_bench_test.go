package scoring

import (
	"bytes"
	"fmt"
	"io"
	"math/big"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"monev/questionnaire"
)

// synthReport scores n bodies against the default instrument with the
// engine (ScoreResponse, Rank) on pseudo-random answers from a fixed LCG, so
// every run is the same: every 50th body sent nothing, every 4th had a
// presentasi, every 10th file has a finding.
func synthReport(n int) *Report {
	inst := questionnaire.Default()
	seed := uint32(12345)
	rnd := func(k uint32) uint32 { seed = seed*1664525 + 1013904223; return (seed >> 8) % k }
	rep := &Report{Generated: time.Date(2026, 11, 28, 6, 7, 0, 0, time.UTC), Instrument: inst}
	rep.Scores = make([]Score, n)
	for b := 0; b < n; b++ {
		cat := "OPD"
		if b%3 == 0 {
			cat = "Kecamatan"
		}
		u := questionnaire.Unit{Name: fmt.Sprintf("Badan Publik Nomor %04d", b+1), Category: cat}
		if b%50 == 49 {
			rep.Scores[b] = NotSubmittedScore(inst, u)
			continue
		}
		r := &questionnaire.Response{File: fmt.Sprintf("masuk/%s/bp-%04d.xlsx", cat, b+1), Sheet: questionnaire.SheetQuestions,
			Answers: map[string]questionnaire.Answer{}}
		quality := rnd(100)
		for i := range inst.Items {
			it := &inst.Items[i]
			a := questionnaire.Answer{Item: it.Code,
				Evidence: fmt.Sprintf("https://ppid.lomboktimurkab.go.id/bp/%04d/dokumen-%s.pdf", b+1, it.Code)}
			good := rnd(100) < quality
			switch it.Kind {
			case questionnaire.KindLevel:
				l := it.Levels[0]
				if !good {
					l = it.Levels[rnd(uint32(len(it.Levels)))]
				}
				a.Value = l.Label
			case questionnaire.KindCount:
				a.Value = strconv.Itoa(int(rnd(30)))
			default:
				a.Value = questionnaire.Yes
				if !good {
					a.Value = questionnaire.No
				}
			}
			if good && rnd(10) == 0 {
				a.Evidence = ""
			}
			a.Raw = a.Value
			r.Answers[it.Code] = a
		}
		stages := map[string]*big.Rat{}
		if b%4 == 0 {
			stages["presentasi"] = big.NewRat(int64(5000+rnd(5000)), 100)
		}
		rep.Scores[b] = ScoreResponse(inst, r, u, stages)
		if b%10 == 0 {
			rep.Findings = append(rep.Findings, questionnaire.Finding{File: r.File, Sheet: questionnaire.SheetQuestions, Cell: "G12",
				Item: inst.Items[3].Code, Code: "tanpa-bukti", Severity: questionnaire.Warning,
				Message: "Jawaban Ya tanpa tautan bukti.", Fix: "Isi kolom Tautan bukti."})
		}
	}
	rep.Ranking = Rank(inst, rep.Scores)
	return rep
}

// BenchmarkWriteWorkbook writes the ranked workbook of 1,000 bodies scored
// against the default instrument (81 items: about 80,000 Jawaban rows). Run with -benchmem; it also reports the peak
// heap seen during the write and the file size.
func BenchmarkWriteWorkbook(b *testing.B) {
	rep := synthReport(1000)
	b.ReportAllocs()
	b.ResetTimer()
	var size int64
	var peak uint64
	for i := 0; i < b.N; i++ {
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() { done <- sampleHeap(stop) }()
		cw := &countingWriter{}
		if err := WriteWorkbook(cw, rep); err != nil {
			b.Fatal(err)
		}
		close(stop)
		peak = max(peak, <-done)
		size = cw.n
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
}

// sampleHeap polls the in-use heap every few milliseconds until stop closes.
func sampleHeap(stop chan struct{}) uint64 {
	var ms runtime.MemStats
	var peak uint64
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
		select {
		case <-stop:
			return peak
		case <-t.C:
		}
	}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

// TestWriteSampleWorkbook writes a synthetic workbook to $MONEV_SAMPLE_XLSX
// for looking at it in Excel or LibreOffice; skipped when the variable is unset.
func TestWriteSampleWorkbook(t *testing.T) {
	path := os.Getenv("MONEV_SAMPLE_XLSX")
	if path == "" {
		t.Skip("MONEV_SAMPLE_XLSX not set")
	}
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, synthReport(60)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
