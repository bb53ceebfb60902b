package scoring

// Tally counts bodies by participation, for summaries.
type Tally struct {
	Scored       int // a readable sheet was scored
	NotSubmitted int // on the roster, no sheet ("tidak mengisi")
	Unscorable   int // "tidak dapat dinilai", for either reason
	Unreadable   int // of Unscorable: files broken or from another questionnaire
}

// CountScores tallies scores by Status.
func CountScores(scores []Score) Tally {
	var t Tally
	for i := range scores {
		switch scores[i].Status {
		case Scored:
			t.Scored++
		case NotSubmitted:
			t.NotSubmitted++
		case Unscorable:
			t.Unscorable++
			if scores[i].UnscorableReason == UnscorableUnreadable {
				t.Unreadable++
			}
		}
	}
	return t
}

// UnscorableWhy says in Indonesian why the Unscorable bodies could not be
// scored, naming only the reasons present; "" when there are none.
func (t Tally) UnscorableWhy() string {
	switch {
	case t.Unscorable == 0:
		return ""
	case t.Unreadable == 0:
		return "dua kuesioner berbeda"
	case t.Unreadable == t.Unscorable:
		return "berkas rusak atau dari kuesioner lain"
	}
	return "berkas rusak atau dari kuesioner lain, atau dua kuesioner berbeda"
}
