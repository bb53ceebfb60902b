package scoring

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"testing"

	"monev/questionnaire"
)

func TestRound(t *testing.T) {
	tests := []struct {
		in   string
		want Figure
	}{
		{"89.995", 9000},                       // 8999.5 + 0.5 = 9000 → 90,00
		{"89.994", 8999},                       // 8999.4 + 0.5 = 8999.9 → 8999
		{"89.994999999999", 8999},              // just below the half
		{"179999/2000", 9000},                  // 89.9995 → 9000.45 → 9000
		{"39.995", 4000},                       // 3999.5 + 0.5 = 4000
		{"1/3", 33},                            // 33.33… + 0.5 → 33
		{"2/3", 67},                            // 66.66… + 0.5 → 67
		{"1/200", 1},                           // 0.005 → 0.5 + 0.5 = 1
		{"0.004999", 0},                        // 0.4999 + 0.5 < 1
		{"100", 10000},                         // exact
		{"0", 0},                               // exact
		{"-0.005", 0},                          // ⌊−0.5 + 0.5⌋ = 0 (documented: towards +∞)
		{"-0.006", -1},                         // ⌊−0.6 + 0.5⌋ = −1
		{"53999999/600000", 9000},              // 89.99833… → 9000
		{"107993999/1200000", 8999},            // 89.994999166… → 8999
		{"1000000000000000000", math.MaxInt64}, // saturates
	}
	for _, tc := range tests {
		if got := Round(rat(t, tc.in)); got != tc.want {
			t.Errorf("Round(%s) = %d, want %d", tc.in, got, tc.want)
		}
	}
	if got := Round(nil); got != 0 {
		t.Errorf("Round(nil) = %d, want 0", got)
	}
}

// TestRoundProperty checks |r − Round(r)/100| ≤ 0.005 with the half going up,
// on many rationals: Round(r)/100 − 0.005 ≤ r < Round(r)/100 + 0.005.
func TestRoundProperty(t *testing.T) {
	for n := int64(0); n <= 20000; n += 7 {
		for _, d := range []int64{1, 2, 3, 7, 200, 1000, 6000, 99991} {
			r := big.NewRat(n, d)
			f := Round(r).Rat()
			lo := new(big.Rat).Sub(f, big.NewRat(1, 200))
			hi := new(big.Rat).Add(f, big.NewRat(1, 200))
			if r.Cmp(lo) < 0 || r.Cmp(hi) >= 0 {
				t.Fatalf("Round(%s) = %d out of [f−0.005, f+0.005)", r.RatString(), Round(r))
			}
		}
	}
}

func TestFigureString(t *testing.T) {
	tests := []struct {
		f    Figure
		want string
	}{
		{9776, "97,76"}, {9000, "90,00"}, {0, "0,00"}, {5, "0,05"}, {50, "0,50"},
		{10000, "100,00"}, {8999, "89,99"}, {-5, "-0,05"}, {-1234, "-12,34"},
		{math.MinInt64, "-92233720368547758,08"},
	}
	for _, tc := range tests {
		if got := tc.f.String(); got != tc.want {
			t.Errorf("Figure(%d).String() = %q, want %q", tc.f, got, tc.want)
		}
	}
	if got := Figure(8999).Float64(); got != 89.99 {
		t.Errorf("Float64 = %v, want 89.99", got)
	}
}

// TestQualifyPublished classifies the published KI figures listed in the
// domain reference (KI NTB 2021 and others).
func TestQualifyPublished(t *testing.T) {
	inst := newInst(nil, nil)
	tests := []struct {
		figure string
		want   string
	}{
		{"97,94", "Informatif"}, // Lombok Tengah
		{"97,37", "Informatif"}, // Kota Mataram
		{"97,11", "Informatif"}, // Lombok Timur
		{"96,94", "Informatif"}, // Lombok Barat
		{"93,43", "Informatif"}, // Kota Bima
		{"90,74", "Informatif"}, // Sumbawa
		{"90,29", "Informatif"}, // Sumbawa Barat
		{"84,96", "Menuju Informatif"},
		{"80,92", "Menuju Informatif"},
		{"52,80", "Kurang Informatif"},
		{"43,64", "Kurang Informatif"},
		{"56,05", "Kurang Informatif"},
		{"76,82", "Cukup Informatif"},
		{"89,56", "Menuju Informatif"},
		{"72,61", "Cukup Informatif"},
	}
	for _, tc := range tests {
		r := rat(t, stringsReplaceComma(tc.figure))
		f := Round(r)
		if f.String() != tc.figure {
			t.Errorf("Round(%s).String() = %q", tc.figure, f.String())
		}
		if got := bandLabel(Qualify(inst, f)); got != tc.want {
			t.Errorf("Qualify(%s) = %s, want %s", tc.figure, got, tc.want)
		}
	}
}

func stringsReplaceComma(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == ',' {
			b[i] = '.'
		}
	}
	return string(b)
}

func TestQualifyEdges(t *testing.T) {
	inst := newInst(nil, nil)
	tests := []struct {
		f    Figure
		want string
	}{
		{10000, "Informatif"}, // the top band includes its Max
		{9000, "Informatif"}, {8999, "Menuju Informatif"},
		{8000, "Menuju Informatif"}, {7999, "Cukup Informatif"},
		{6000, "Cukup Informatif"}, {5999, "Kurang Informatif"},
		{4000, "Kurang Informatif"}, {3999, "Tidak Informatif"},
		{0, "Tidak Informatif"},
		{10001, "<nil>"}, {-1, "<nil>"},
	}
	for _, tc := range tests {
		if got := bandLabel(Qualify(inst, tc.f)); got != tc.want {
			t.Errorf("Qualify(%s) = %s, want %s", tc.f, got, tc.want)
		}
	}
}

// TestItemPoints covers each answer kind, the evidence rule and the verifier.
// The instrument has one indicator of weight 100, so SAQ = earned ÷ max × 100.
func TestItemPoints(t *testing.T) {
	bigCount := "99999999999999999999999"
	tests := []struct {
		name    string
		item    questionnaire.Item
		answer  *questionnaire.Answer // nil: item absent from the sheet
		earned  string
		reason  Reason
		wantSAQ string
	}{
		{"ya with evidence", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "Ya", Evidence: link}, "4", ReasonFull, "100"},
		{"ya accepted", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "Ya", Evidence: link, Verification: questionnaire.Accepted}, "4", ReasonFull, "100"},
		{"ya without evidence, required", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "Ya"}, "0", ReasonNoEvidence, "0"},
		{"ya blank evidence, required", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "Ya", Evidence: "  "}, "0", ReasonNoEvidence, "0"},
		{"ya without evidence, not required", yesNo("1.1", "4", false), &questionnaire.Answer{Value: "Ya"}, "4", ReasonFull, "100"},
		{"tidak", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "Tidak", Evidence: link}, "0", ReasonAnsweredNo, "0"},
		{"tidak without evidence is still tidak", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "Tidak"}, "0", ReasonAnsweredNo, "0"},
		{"ya rejected", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "Ya", Evidence: link, Verification: questionnaire.Rejected}, "0", ReasonRejected, "0"},
		{"absent", yesNo("1.1", "4", true), nil, "0", ReasonMissing, "0"},
		{"blank", yesNo("1.1", "4", true), &questionnaire.Answer{Value: "", Evidence: link}, "0", ReasonUnanswered, "0"},
		{"ya on an item worth 0", yesNo("1.1", "0", true), &questionnaire.Answer{Value: "Ya"}, "0", ReasonFull, "0"},
		{"non-canonical value", yesNo("1.1", "4", false), &questionnaire.Answer{Value: "ya"}, "0", ReasonUnanswered, "0"},

		// tingkat, max 4: fraction × 4.
		{"level full", level("1.1", "4", true), &questionnaire.Answer{Value: "Penuh", Evidence: link}, "4", ReasonFull, "100"},
		{"level 0.75", level("1.1", "4", true), &questionnaire.Answer{Value: "Sebagian besar", Evidence: link}, "3", ReasonPartial, "75"},
		{"level 0.25 of 3", level("1.1", "3", true), &questionnaire.Answer{Value: "Sedikit", Evidence: link}, "3/4", ReasonPartial, "25"},
		{"level 0", level("1.1", "4", true), &questionnaire.Answer{Value: "Tidak ada", Evidence: link}, "0", ReasonAnsweredNo, "0"},
		{"level unknown label", level("1.1", "4", false), &questionnaire.Answer{Value: "Banyak"}, "0", ReasonUnanswered, "0"},
		{"level partial without evidence", level("1.1", "4", true), &questionnaire.Answer{Value: "Sebagian"}, "0", ReasonNoEvidence, "0"},
		{"level rejected", level("1.1", "4", true), &questionnaire.Answer{Value: "Penuh", Evidence: link, Verification: questionnaire.Rejected}, "0", ReasonRejected, "0"},

		// jumlah, max 4, tiers ≥1 → 1, ≥5 → 2, ≥10 → 4.
		{"count 0", count("1.1", "4", false), &questionnaire.Answer{Value: "0"}, "0", ReasonAnsweredNo, "0"},
		{"count 3", count("1.1", "4", false), &questionnaire.Answer{Value: "3"}, "1", ReasonPartial, "25"},
		{"count 5", count("1.1", "4", false), &questionnaire.Answer{Value: "5"}, "2", ReasonPartial, "50"},
		{"count 9", count("1.1", "4", false), &questionnaire.Answer{Value: "9"}, "2", ReasonPartial, "50"},
		{"count 10", count("1.1", "4", false), &questionnaire.Answer{Value: "10"}, "4", ReasonFull, "100"},
		{"count 12", count("1.1", "4", false), &questionnaire.Answer{Value: "12"}, "4", ReasonFull, "100"},
		{"count huge", count("1.1", "4", false), &questionnaire.Answer{Value: bigCount}, "4", ReasonFull, "100"},
		{"count not digits", count("1.1", "4", false), &questionnaire.Answer{Value: "-1"}, "0", ReasonUnanswered, "0"},
		{"count 3 without evidence", count("1.1", "4", true), &questionnaire.Answer{Value: "3"}, "0", ReasonNoEvidence, "0"},
		{"count 0 without evidence", count("1.1", "4", true), &questionnaire.Answer{Value: "0"}, "0", ReasonAnsweredNo, "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inst := newInst([]questionnaire.Indicator{ind("1", "100")}, []questionnaire.Item{tc.item})
			answers := map[string]questionnaire.Answer{}
			if tc.answer != nil {
				answers["1.1"] = *tc.answer
			}
			s := ScoreResponse(inst, resp("a.xlsx", answers), questionnaire.Unit{Name: "Dinas A", Category: "OPD"}, nil)
			if len(s.Items) != 1 {
				t.Fatalf("len(Items) = %d", len(s.Items))
			}
			is := s.Items[0]
			ratEq(t, "Earned", is.Earned, tc.earned)
			ratEq(t, "Max", is.Max, tc.item.MaxPoints.String())
			if is.Reason != tc.reason {
				t.Errorf("Reason = %q, want %q", is.Reason, tc.reason)
			}
			if is.Item != &inst.Items[0] {
				t.Errorf("Item does not point into the instrument")
			}
			ratEq(t, "SAQ", s.SAQ, tc.wantSAQ)
			ratEq(t, "Final", s.Final, tc.wantSAQ)
			if s.Status != Scored || s.File != "a.xlsx" || s.Unit.Name != "Dinas A" {
				t.Errorf("Status/File/Unit = %v/%q/%v", s.Status, s.File, s.Unit)
			}
		})
	}
}

// TestGroups: group G = 1.1 (Ya/Tidak, 2), 1.2 (tingkat, 2), 1.3 (Ya/Tidak,
// 2, evidence required), plus 1.4 (Ya/Tidak, 4) outside the group. One
// indicator of weight 100 with max 10, so SAQ = earned × 10.
func TestGroups(t *testing.T) {
	items := []questionnaire.Item{
		grouped(yesNo("1.1", "2", false), "G"),
		grouped(level("1.2", "2", false), "G"),
		grouped(yesNo("1.3", "2", true), "G"),
		yesNo("1.4", "4", false),
	}
	tests := []struct {
		name    string
		answers map[string]questionnaire.Answer
		earned  [4]string
		reasons [4]Reason
		saq     string
	}{
		{"complete", map[string]questionnaire.Answer{"1.1": ans("Ya", ""), "1.2": ans("Penuh", ""), "1.3": ans("Ya", link), "1.4": ans("Ya", "")},
			[4]string{"2", "2", "2", "4"}, [4]Reason{ReasonFull, ReasonFull, ReasonFull, ReasonFull}, "100"}, // 10/10 × 100
		{"one partial", map[string]questionnaire.Answer{"1.1": ans("Ya", ""), "1.2": ans("Sebagian", ""), "1.3": ans("Ya", link), "1.4": ans("Ya", "")},
			// 1.2 would earn 1 of 2: the group earns nothing; only 1.4 counts: 4/10 × 100 = 40.
			[4]string{"0", "0", "0", "4"}, [4]Reason{ReasonGroupIncomplete, ReasonGroupIncomplete, ReasonGroupIncomplete, ReasonFull}, "40"},
		{"one no", map[string]questionnaire.Answer{"1.1": ans("Ya", ""), "1.2": ans("Tidak ada", ""), "1.3": ans("Ya", link), "1.4": ans("Tidak", "")},
			// 1.2 keeps its own reason; nothing earned: 0.
			[4]string{"0", "0", "0", "0"}, [4]Reason{ReasonGroupIncomplete, ReasonAnsweredNo, ReasonGroupIncomplete, ReasonAnsweredNo}, "0"},
		{"no evidence", map[string]questionnaire.Answer{"1.1": ans("Ya", ""), "1.2": ans("Penuh", ""), "1.3": ans("Ya", ""), "1.4": ans("Ya", "")},
			[4]string{"0", "0", "0", "4"}, [4]Reason{ReasonGroupIncomplete, ReasonGroupIncomplete, ReasonNoEvidence, ReasonFull}, "40"},
		{"missing item", map[string]questionnaire.Answer{"1.1": ans("Ya", ""), "1.2": ans("Penuh", ""), "1.4": ans("Ya", "")},
			[4]string{"0", "0", "0", "4"}, [4]Reason{ReasonGroupIncomplete, ReasonGroupIncomplete, ReasonMissing, ReasonFull}, "40"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inst := newInst([]questionnaire.Indicator{ind("1", "100")}, items)
			s := ScoreResponse(inst, resp("g.xlsx", tc.answers), questionnaire.Unit{Name: "X"}, nil)
			for i := range items {
				ratEq(t, "Earned "+items[i].Code, s.Items[i].Earned, tc.earned[i])
				if s.Items[i].Reason != tc.reasons[i] {
					t.Errorf("Reason %s = %q, want %q", items[i].Code, s.Items[i].Reason, tc.reasons[i])
				}
			}
			ratEq(t, "SAQ", s.SAQ, tc.saq)
		})
	}
}

// TestIndicatorScores: indicator 1 weighs 87.5 with items of 4 and 6 points,
// indicator 2 weighs 12.5 with three items of 1 point.
func TestIndicatorScores(t *testing.T) {
	inst := newInst(
		[]questionnaire.Indicator{ind("1", "87.5"), ind("2", "12.5")},
		[]questionnaire.Item{yesNo("1.1", "4", false), yesNo("1.2", "6", false), yesNo("2.1", "1", false), yesNo("2.2", "1", false), yesNo("2.3", "1", false)},
	)
	r := resp("i.xlsx", map[string]questionnaire.Answer{
		"1.1": ans("Ya", ""), "1.2": ans("Tidak", ""),
		"2.1": ans("Ya", ""), "2.2": ans("Ya", ""), "2.3": ans("Tidak", ""),
	})
	s := ScoreResponse(inst, r, questionnaire.Unit{Name: "X"}, nil)
	if len(s.Indicators) != 2 || s.Indicators[1].Indicator != &inst.Indicators[1] {
		t.Fatalf("Indicators = %+v", s.Indicators)
	}
	// Indicator 1: 4 of 10 → 4/10 × 87.5 = 35.
	ratEq(t, "ind1 Earned", s.Indicators[0].Earned, "4")
	ratEq(t, "ind1 Max", s.Indicators[0].Max, "10")
	ratEq(t, "ind1 Score", s.Indicators[0].Score, "35")
	// Indicator 2: 2 of 3 → 2/3 × 12.5 = 25/3 = 8.333…
	ratEq(t, "ind2 Earned", s.Indicators[1].Earned, "2")
	ratEq(t, "ind2 Max", s.Indicators[1].Max, "3")
	ratEq(t, "ind2 Score", s.Indicators[1].Score, "25/3")
	// SAQ = 35 + 25/3 = 130/3 = 43.333… → 43,33 Kurang Informatif.
	ratEq(t, "SAQ", s.SAQ, "130/3")
	if s.Rounded != 4333 || bandLabel(s.Band) != "Kurang Informatif" {
		t.Errorf("Rounded/Band = %s/%s, want 43,33/Kurang Informatif", s.Rounded, bandLabel(s.Band))
	}
}

func TestStages(t *testing.T) {
	saq80 := []questionnaire.Stage{stage("saq", "80"), stage("presentasi", "20")}
	banten := []questionnaire.Stage{stage("website", "30"), stage("saq", "40"), stage("presentasi", "30")}
	tests := []struct {
		name    string
		saqFrac string // SAQ = 100 × saqFrac
		stages  []questionnaire.Stage
		rule    questionnaire.MissingStageRule
		given   map[string]string
		final   string
		rounded string
		band    string
		held    int
	}{
		// 0.8 × 85 + 0.2 × 70 = 68 + 14 = 82.
		{"80/20 held", "0.85", saq80, questionnaire.MissingStageSAQOnly, map[string]string{"presentasi": "70"}, "82", "82,00", "Menuju Informatif", 1},
		{"80/20 held, rule nol", "0.85", saq80, questionnaire.MissingStageZero, map[string]string{"presentasi": "70"}, "82", "82,00", "Menuju Informatif", 1},
		// Not held, saq_saja: 80 × 85 ÷ 80 = 85.
		{"80/20 not held, saq_saja", "0.85", saq80, questionnaire.MissingStageSAQOnly, nil, "85", "85,00", "Menuju Informatif", 0},
		// Not held, nol: (80 × 85 + 20 × 0) ÷ 100 = 68.
		{"80/20 not held, nol", "0.85", saq80, questionnaire.MissingStageZero, nil, "68", "68,00", "Cukup Informatif", 0},
		// Unknown ids and the saq id in the map are ignored: still not held.
		{"80/20 unknown id ignored", "0.85", saq80, questionnaire.MissingStageZero, map[string]string{"visitasi": "100", "saq": "100"}, "68", "68,00", "Cukup Informatif", 0},
		// Banten: website 30, saq 40, presentasi 30. All held:
		// (30 × 90 + 40 × 75 + 30 × 60) ÷ 100 = (2700 + 3000 + 1800) ÷ 100 = 75.
		{"three stages held", "0.75", banten, questionnaire.MissingStageSAQOnly, map[string]string{"website": "90", "presentasi": "60"}, "75", "75,00", "Cukup Informatif", 2},
		// No presentasi, saq_saja: (2700 + 3000) ÷ 70 = 570/7 = 81.428571… → 81,43.
		{"three stages, saq_saja", "0.75", banten, questionnaire.MissingStageSAQOnly, map[string]string{"website": "90"}, "570/7", "81,43", "Menuju Informatif", 1},
		// No presentasi, nol: (2700 + 3000) ÷ 100 = 57.
		{"three stages, nol", "0.75", banten, questionnaire.MissingStageZero, map[string]string{"website": "90"}, "57", "57,00", "Kurang Informatif", 1},
		// Exact stage score: 0.8 × 89.99 + 0.2 × 90.015 = 71.992 + 18.003 = 89.995 → 90,00.
		{"80/20 exact half", "0.8999", saq80, questionnaire.MissingStageSAQOnly, map[string]string{"presentasi": "90.015"}, "89.995", "90,00", "Informatif", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inst := fracInst(tc.saqFrac, tc.stages...)
			inst.MissingStage = tc.rule
			given := map[string]*big.Rat{}
			for k, v := range tc.given {
				given[k] = rat(t, v)
			}
			s := ScoreResponse(inst, fracResp(), questionnaire.Unit{Name: "X"}, given)
			ratEq(t, "Final", s.Final, tc.final)
			if s.Rounded.String() != tc.rounded || bandLabel(s.Band) != tc.band {
				t.Errorf("Rounded/Band = %s/%s, want %s/%s", s.Rounded, bandLabel(s.Band), tc.rounded, tc.band)
			}
			if len(s.Stages) != tc.held {
				t.Errorf("len(Stages) = %d, want %d", len(s.Stages), tc.held)
			}
		})
	}
}

// TestBandEdges builds final scores exactly on and around each band edge
// with SAQ 50 / presentasi 50: Final = (SAQ + presentasi) ÷ 2.
func TestBandEdges(t *testing.T) {
	tests := []struct {
		saqFrac    string // SAQ = 100 × saqFrac
		presentasi string
		final      string
		rounded    string
		band       string
	}{
		{"0.8999", "90", "89.995", "90,00", "Informatif"},                      // (89.99 + 90) ÷ 2
		{"0.8999", "89.998", "89.994", "89,99", "Menuju Informatif"},           // (89.99 + 89.998) ÷ 2
		{"0.8999", "89.9999998", "89.9949999", "89,99", "Menuju Informatif"},   // just below the half
		{"0.3999", "40", "39.995", "40,00", "Kurang Informatif"},               // (39.99 + 40) ÷ 2
		{"0.3999", "39.998", "39.994", "39,99", "Tidak Informatif"},            // (39.99 + 39.998) ÷ 2
		{"0.7999", "80", "79.995", "80,00", "Menuju Informatif"},               // (79.99 + 80) ÷ 2
		{"0.7999", "79.998", "79.994", "79,99", "Cukup Informatif"},            // (79.99 + 79.998) ÷ 2
		{"0.5999", "60", "59.995", "60,00", "Cukup Informatif"},                // (59.99 + 60) ÷ 2
		{"0.5999", "59.998", "59.994", "59,99", "Kurang Informatif"},           // (59.99 + 59.998) ÷ 2
		{"1", "100", "100", "100,00", "Informatif"},                            // top band includes 100
		{"0", "0", "0", "0,00", "Tidak Informatif"},                            // bottom
		{"0", "0.01", "0.005", "0,01", "Tidak Informatif"},                     // (0 + 0.01) ÷ 2
		{"0.8999", "269999/3000", "539969/6000", "89,99", "Menuju Informatif"}, // (89.99 + 89.99966…) ÷ 2 = 89.994833…
		{"0.8999", "90.0000000001", "89.99500000005", "90,00", "Informatif"},   // just above the half
	}
	stages := []questionnaire.Stage{stage("saq", "50"), stage("presentasi", "50")}
	for _, tc := range tests {
		t.Run(tc.final, func(t *testing.T) {
			inst := fracInst(tc.saqFrac, stages...)
			s := ScoreResponse(inst, fracResp(), questionnaire.Unit{Name: "X"}, map[string]*big.Rat{"presentasi": rat(t, tc.presentasi)})
			ratEq(t, "Final", s.Final, tc.final)
			if s.Rounded.String() != tc.rounded || bandLabel(s.Band) != tc.band {
				t.Errorf("Final %s: Rounded/Band = %s/%s, want %s/%s", tc.final, s.Rounded, bandLabel(s.Band), tc.rounded, tc.band)
			}
		})
	}
}

// TestFloat64WouldFail shows why the arithmetic is exact. With SAQ 70 /
// presentasi 30 (KI DKI 2025), SAQ 99.85 and presentasi 67 give
// 0.7 × 99.85 + 0.3 × 67 = 69.895 + 20.1 = 89.995 → 90,00 Informatif; in
// float64 the sum is 89.99499999999999 → 89,99 Menuju Informatif. Likewise
// 0.5 × 79.99 + 0.5 × 0 = 39.995 (40,00 Kurang, float64 39,99 Tidak).
func TestFloat64WouldFail(t *testing.T) {
	for _, tc := range []struct {
		saqWeight, presWeight string
		saq, pres             string
		want, wantBand        string
	}{
		{"70", "30", "99.85", "67", "90,00", "Informatif"},
		{"50", "50", "79.99", "0", "40,00", "Kurang Informatif"},
	} {
		// The float64 way, with the inputs parsed at run time.
		ws, _ := strconv.ParseFloat(tc.saqWeight, 64)
		wp, _ := strconv.ParseFloat(tc.presWeight, 64)
		fs, _ := strconv.ParseFloat(tc.saq, 64)
		fp, _ := strconv.ParseFloat(tc.pres, 64)
		f := ws/100*fs + wp/100*fp
		floatHalfUp := Figure(math.Floor(f*100 + 0.5))
		printed := strconv.FormatFloat(f, 'f', 2, 64)
		if floatHalfUp.String() == tc.want || printed == stringsReplaceComma(tc.want) {
			t.Fatalf("float64 got %s / %s right; this test no longer demonstrates the trap", floatHalfUp, printed)
		}
		// The exact way, through ScoreResponse.
		frac := new(big.Rat).Quo(rat(t, tc.saq), big.NewRat(100, 1))
		inst := fracInst(frac.FloatString(6), stage("saq", tc.saqWeight), stage("presentasi", tc.presWeight))
		s := ScoreResponse(inst, fracResp(), questionnaire.Unit{Name: "X"}, map[string]*big.Rat{"presentasi": rat(t, tc.pres)})
		if s.Rounded.String() != tc.want || bandLabel(s.Band) != tc.wantBand {
			t.Errorf("exact: %s %s, want %s %s (float64 gave %s %s)", s.Rounded, bandLabel(s.Band), tc.want, tc.wantBand,
				floatHalfUp, bandLabel(Qualify(inst, floatHalfUp)))
		}
	}
}

func TestNotSubmittedScore(t *testing.T) {
	inst := newInst([]questionnaire.Indicator{ind("1", "60"), ind("2", "40")},
		[]questionnaire.Item{yesNo("1.1", "2", true), level("2.1", "4", true)})
	u := questionnaire.Unit{Name: "Kecamatan Sembalun", Category: "Kecamatan"}
	s := NotSubmittedScore(inst, u)
	if s.Status != NotSubmitted || s.File != "" || s.Unit != u {
		t.Errorf("Status/File/Unit = %v/%q/%v", s.Status, s.File, s.Unit)
	}
	if len(s.Items) != 2 || len(s.Indicators) != 2 {
		t.Fatalf("Items/Indicators = %d/%d", len(s.Items), len(s.Indicators))
	}
	for _, is := range s.Items {
		if is.Reason != ReasonMissing || is.Earned.Sign() != 0 {
			t.Errorf("item %s: %s %q", is.Item.Code, ratStr(is.Earned), is.Reason)
		}
	}
	ratEq(t, "Max 2.1", s.Items[1].Max, "4")
	ratEq(t, "SAQ", s.SAQ, "0")
	ratEq(t, "Final", s.Final, "0")
	if s.Rounded != 0 || bandLabel(s.Band) != "Tidak Informatif" || len(s.Fixes) != 0 {
		t.Errorf("Rounded/Band/Fixes = %s/%s/%d", s.Rounded, bandLabel(s.Band), len(s.Fixes))
	}
	// 40 − 0.005 − 0 = 39.995.
	if bandLabel(s.NextBand) != "Kurang Informatif" {
		t.Errorf("NextBand = %s", bandLabel(s.NextBand))
	}
	ratEq(t, "NextBandGain", s.NextBandGain, "39.995")
}

// TestNoMutation: scoring twice gives equal results and leaves the instrument alone.
func TestNoMutation(t *testing.T) {
	inst := newInst([]questionnaire.Indicator{ind("1", "100")},
		[]questionnaire.Item{yesNo("1.1", "2", false), level("1.2", "4", false), count("1.3", "4", false)})
	r := resp("m.xlsx", map[string]questionnaire.Answer{"1.1": ans("Ya", ""), "1.2": ans("Sebagian", ""), "1.3": ans("7", "")})
	a := ScoreResponse(inst, r, questionnaire.Unit{Name: "X"}, nil)
	a.Items[0].Earned.SetInt64(999) // must not leak into the instrument
	a.Items[0].Max.SetInt64(999)
	b := ScoreResponse(inst, r, questionnaire.Unit{Name: "X"}, nil)
	// 2 + 2 + 2 = 6 of 10 → 60.
	ratEq(t, "SAQ", b.SAQ, "60")
	ratEq(t, "Max 1.1", b.Items[0].Max, "2")
	if fmt.Sprint(inst.Items[0].MaxPoints) != "2" {
		t.Errorf("instrument changed: %v", inst.Items[0].MaxPoints)
	}
}

// FuzzScoreResponse feeds arbitrary answer values, evidence and verifier
// decisions: scoring never panics and keeps 0 ≤ Earned ≤ Max, 0 ≤ SAQ ≤ 100,
// Final = SAQ (saq_saja, no presentasi) and every fix gain > 0 and equal to
// what rescoring the sheet with the item (or its group) complete gives.
func FuzzScoreResponse(f *testing.F) {
	f.Add("Ya", "Sebagian", "7", link, "", "ditolak")
	f.Add("Tidak", "Tidak ada", "0", "", "x", "")
	f.Add("", "Penuh", "99999999999999999999", link, link, "diterima")
	f.Add("ya", "penuh", "-3", " ", "", "DITOLAK")
	inst := fixInst()
	inst.Items[2] = count("1.3", "4", true) // a count item instead of the level
	f.Fuzz(func(t *testing.T, yn, lv, cnt, ev1, ev2, verif string) {
		a := map[string]questionnaire.Answer{
			"1.1": ans(yn, ev1), "1.2": ans(lv, ev2), "1.3": ans(cnt, ev1),
			"2.1": {Value: yn, Evidence: ev2, Verification: questionnaire.Verification(verif)},
			"2.2": ans(yn, ev1), "2.3": ans(yn, ev2), "2.4": ans(cnt, ev1),
		}
		s := ScoreResponse(inst, resp("z.xlsx", a), questionnaire.Unit{Name: "Z"}, nil)
		for _, is := range s.Items {
			if is.Earned.Sign() < 0 || is.Earned.Cmp(is.Max) > 0 {
				t.Fatalf("item %s earned %s of %s", is.Item.Code, ratStr(is.Earned), ratStr(is.Max))
			}
		}
		if s.SAQ.Sign() < 0 || s.SAQ.Cmp(big.NewRat(100, 1)) > 0 || s.Final.Cmp(s.SAQ) != 0 {
			t.Fatalf("SAQ %s Final %s", ratStr(s.SAQ), ratStr(s.Final))
		}
		if s.Band == nil {
			t.Fatalf("no band for %s", s.Rounded)
		}
		for _, fx := range s.Fixes {
			if fx.Gain.Sign() <= 0 {
				t.Fatalf("fix %s with gain %s", fx.Item.Code, ratStr(fx.Gain))
			}
			if want := bruteGain(inst, &s, itemIndex(inst, fx.Item.Code)); fx.Gain.Cmp(want) != 0 {
				t.Fatalf("fix %s: gain %s, rescoring gives %s", fx.Item.Code, ratStr(fx.Gain), ratStr(want))
			}
		}
	})
}
