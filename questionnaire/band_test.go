package questionnaire

import "testing"

func TestTopBandAndBandRange(t *testing.T) {
	in := &Instrument{Bands: []Band{ // not sorted, as an analyst may write them
		{Label: "Cukup", Min: MustDecimal("60"), Max: MustDecimal("80")},
		{Label: "Informatif", Min: MustDecimal("90"), Max: MustDecimal("100")},
		{Label: "Menuju", Min: MustDecimal("80"), Max: MustDecimal("90")},
		{Label: "Kurang", Min: MustDecimal("0"), Max: MustDecimal("59.5")},
	}}
	if top := in.TopBand(); top != &in.Bands[1] {
		t.Fatalf("TopBand = %+v, want Informatif", top)
	}
	want := []string{"≥ 60 dan < 80", "≥ 90", "≥ 80 dan < 90", "≥ 0 dan < 59,5"}
	for i := range in.Bands {
		if got := in.BandRange(&in.Bands[i]); got != want[i] {
			t.Errorf("BandRange(%s) = %q, want %q", in.Bands[i].Label, got, want[i])
		}
	}
	if (&Instrument{}).TopBand() != nil {
		t.Error("TopBand without bands is not nil")
	}
	if got := MustDecimal("12.5").Text(); got != "12,5" {
		t.Errorf("Text = %q, want 12,5", got)
	}
}
