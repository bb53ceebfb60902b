package scoring

import "testing"

func TestCountScoresAndUnscorableWhy(t *testing.T) {
	scores := []Score{
		{Status: Scored}, {Status: Scored},
		{Status: NotSubmitted},
		{Status: Unscorable, UnscorableReason: UnscorableDifferentSheets},
		{Status: Unscorable, UnscorableReason: UnscorableUnreadable},
		{Status: Unscorable}, // zero reason: read as different sheets
	}
	got := CountScores(scores)
	if want := (Tally{Scored: 2, NotSubmitted: 1, Unscorable: 3, Unreadable: 1}); got != want {
		t.Fatalf("CountScores = %+v, want %+v", got, want)
	}
	tests := []struct {
		t    Tally
		want string
	}{
		{Tally{Scored: 4}, ""},
		{Tally{Unscorable: 2}, "dua kuesioner berbeda"},
		{Tally{Unscorable: 2, Unreadable: 2}, "berkas rusak atau dari kuesioner lain"},
		{Tally{Unscorable: 3, Unreadable: 1}, "berkas rusak atau dari kuesioner lain, atau dua kuesioner berbeda"},
	}
	for _, tt := range tests {
		if got := tt.t.UnscorableWhy(); got != tt.want {
			t.Errorf("%+v.UnscorableWhy() = %q, want %q", tt.t, got, tt.want)
		}
	}
}
