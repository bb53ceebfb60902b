package scoring

import (
	"bytes"
	"fmt"
	"io"
	"math/big"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"

	"monev/questionnaire"
)

// synthInstrument is a default-sized instrument: six indicators weighted
// 40/20/10/10/10/10, items spread over them, stages SAQ 80 / Presentasi 20.
func synthInstrument(items int) *questionnaire.Instrument {
	inst := wbInstrument()
	d := questionnaire.MustDecimal
	inst.Indicators = []questionnaire.Indicator{
		{Code: "1", Name: "Jenis Informasi", Weight: d("40")},
		{Code: "2", Name: "Digitalisasi", Weight: d("20")},
		{Code: "3", Name: "Kualitas Informasi", Weight: d("10")},
		{Code: "4", Name: "Pelayanan Informasi", Weight: d("10")},
		{Code: "5", Name: "Komitmen Organisasi", Weight: d("10")},
		{Code: "6", Name: "Sarana dan Prasarana", Weight: d("10")},
	}
	inst.Items = nil
	for i := 0; i < items; i++ {
		ind := inst.Indicators[i%len(inst.Indicators)].Code
		inst.Items = append(inst.Items, questionnaire.Item{
			Code: fmt.Sprintf("%s.%d", ind, i/len(inst.Indicators)+1), Indicator: ind,
			Question:  fmt.Sprintf("Apakah badan publik telah mengumumkan dokumen wajib nomor %d beserta data dukungnya di laman PPID?", i+1),
			MaxPoints: d("2"), Kind: questionnaire.KindYesNo, EvidenceRequired: true,
		})
	}
	return inst
}

// synthReport scores n bodies with pseudo-random answers (a fixed LCG, so
// every run is the same), ranks them by rounded final score and adds a few
// findings per ten bodies.
func synthReport(n, items int) *Report {
	inst := synthInstrument(items)
	var bands []*questionnaire.Band
	for i := range inst.Bands {
		bands = append(bands, &inst.Bands[i])
	}
	sort.Slice(bands, func(i, j int) bool { return bands[i].Min.Cmp(bands[j].Min) < 0 })
	seed := uint32(12345)
	rnd := func(k uint32) uint32 { seed = seed*1664525 + 1013904223; return (seed >> 8) % k }
	rep := &Report{Generated: time.Date(2026, 11, 28, 6, 7, 0, 0, time.UTC), Instrument: inst}
	rep.Scores = make([]Score, n)
	for b := 0; b < n; b++ {
		cat := "OPD"
		if b%3 == 0 {
			cat = "Kecamatan"
		}
		s := &rep.Scores[b]
		*s = Score{Unit: questionnaire.Unit{Name: fmt.Sprintf("Badan Publik Nomor %04d", b+1), Category: cat},
			File: fmt.Sprintf("masuk/%s/bp-%04d.xlsx", cat, b+1), Status: Scored, Stages: map[string]*big.Rat{}}
		if b%50 == 49 {
			s.File, s.Status, s.Items = "", NotSubmitted, nil
			rep.Ranking.Unranked = append(rep.Ranking.Unranked, s)
			continue
		}
		quality := rnd(100)
		earned := map[string]*big.Rat{}
		maxp := map[string]*big.Rat{}
		for i := range inst.Items {
			it := &inst.Items[i]
			is := ItemScore{Item: it, Max: it.MaxPoints.Rat(), Earned: new(big.Rat),
				Answer: questionnaire.Answer{Item: it.Code, Raw: "Ya", Value: "Ya",
					Evidence: fmt.Sprintf("https://ppid.lomboktimurkab.go.id/bp/%04d/dokumen-%s.pdf", b+1, it.Code)}}
			switch r := rnd(100); {
			case r < quality:
				is.Earned.Set(is.Max)
			case r < quality+10:
				is.Reason, is.Answer.Evidence = ReasonNoEvidence, ""
			default:
				is.Reason, is.Answer.Raw, is.Answer.Value, is.Answer.Evidence = ReasonAnsweredNo, "Tidak", "Tidak", ""
			}
			s.Items = append(s.Items, is)
			if earned[it.Indicator] == nil {
				earned[it.Indicator], maxp[it.Indicator] = new(big.Rat), new(big.Rat)
			}
			earned[it.Indicator].Add(earned[it.Indicator], is.Earned)
			maxp[it.Indicator].Add(maxp[it.Indicator], is.Max)
		}
		s.SAQ = new(big.Rat)
		for i := range inst.Indicators {
			ind := &inst.Indicators[i]
			sc := new(big.Rat).Quo(earned[ind.Code], maxp[ind.Code])
			sc.Mul(sc, ind.Weight.Rat())
			s.Indicators = append(s.Indicators, IndicatorScore{Indicator: ind, Earned: earned[ind.Code], Max: maxp[ind.Code], Score: sc})
			s.SAQ.Add(s.SAQ, sc)
		}
		s.Final = new(big.Rat).Set(s.SAQ)
		factor := big.NewRat(1, 1)
		if b%4 == 0 {
			p := big.NewRat(int64(50+rnd(5000)), 100)
			s.Stages["presentasi"] = p
			factor = big.NewRat(4, 5)
			s.Final.Mul(s.SAQ, factor).Add(s.Final, new(big.Rat).Mul(p, big.NewRat(1, 5)))
		}
		s.Rounded = roundHalfUp(s.Final)
		for i, band := range bands {
			if big.NewRat(int64(s.Rounded), 100).Cmp(band.Min.Rat()) >= 0 {
				s.Band = band
				if i+1 < len(bands) {
					s.NextBand = bands[i+1]
					g := new(big.Rat).Sub(bands[i+1].Min.Rat(), big.NewRat(1, 200))
					s.NextBandGain = g.Sub(g, s.Final)
				} else {
					s.NextBand, s.NextBandGain = nil, nil
				}
			}
		}
		for i, is := range s.Items {
			if is.Reason == ReasonFull {
				continue
			}
			ind := inst.Indicator(is.Item.Indicator)
			g := new(big.Rat).Sub(is.Max, is.Earned)
			g.Quo(g, maxp[ind.Code]).Mul(g, ind.Weight.Rat()).Mul(g, factor)
			s.Fixes = append(s.Fixes, Fix{Item: &inst.Items[i], Reason: is.Reason, Gain: g})
		}
		sort.SliceStable(s.Fixes, func(i, j int) bool { return s.Fixes[i].Gain.Cmp(s.Fixes[j].Gain) > 0 })
		if b%10 == 0 {
			rep.Findings = append(rep.Findings, questionnaire.Finding{File: s.File, Sheet: "Kuesioner", Cell: "G12", Item: inst.Items[3].Code,
				Code: "tanpa-bukti", Severity: questionnaire.Warning, Message: "Jawaban Ya tanpa tautan bukti.", Fix: "Isi kolom Tautan bukti."})
		}
	}
	var ranked []*Score
	for i := range rep.Scores {
		if rep.Scores[i].Status == Scored {
			ranked = append(ranked, &rep.Scores[i])
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Rounded > ranked[j].Rounded })
	rank := func(list []*Score) []Entry {
		var out []Entry
		for i, s := range list {
			r := i + 1
			if i > 0 && list[i-1].Rounded == s.Rounded {
				r = out[i-1].Rank
			}
			out = append(out, Entry{Rank: r, Score: s})
		}
		return out
	}
	rep.Ranking.Overall = rank(ranked)
	for _, cat := range inst.Categories {
		var in []*Score
		for _, s := range ranked {
			if s.Unit.Category == cat {
				in = append(in, s)
			}
		}
		rep.Ranking.Categories = append(rep.Ranking.Categories, CategoryRanking{Category: cat, Entries: rank(in)})
	}
	return rep
}

// BenchmarkWriteWorkbook writes the ranked workbook of 1,000 bodies × 80
// items (80,000 Jawaban rows). Run with -benchmem; it also reports the peak
// heap seen during the write and the file size.
func BenchmarkWriteWorkbook(b *testing.B) {
	rep := synthReport(1000, 80)
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
	if err := WriteWorkbook(&buf, synthReport(60, 24)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
