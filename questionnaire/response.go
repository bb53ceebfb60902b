package questionnaire

// Unit is a body that fills a questionnaire: an OPD, a kecamatan, …
type Unit struct {
	Name     string
	Category string // one of the instrument's Categories, e.g. "OPD", "Kecamatan"
}

// Identity is what the Identitas sheet of a filled questionnaire says.
type Identity struct {
	Unit     string // nama badan publik / PPID Pembantu
	Category string
	Operator string
	Contact  string
	Date     string // as typed; not interpreted
}

// Verification is the verifier's decision on one answer, from the optional
// verifier column of the sheet.
type Verification string

const (
	NotVerified Verification = ""         // blank: the self-assessed answer counts
	Accepted    Verification = "diterima" // the evidence was checked and accepted
	Rejected    Verification = "ditolak"  // the answer earns nothing
)

// Answer is what a sheet says about one item, already normalised.
type Answer struct {
	Item         string       // item code
	Cell         string       // A1 cell of the answer, e.g. "E12"
	Raw          string       // the answer as typed (or the cached value of a formula)
	Value        string       // canonical: "Ya"/"Tidak", a level label, or a count in digits; "" when unanswered or invalid
	Evidence     string       // URL or file reference; "" when none
	EvidenceCell string       // A1 cell of the evidence
	Note         string       // the operator's note
	Verification Verification // the verifier's decision, if any
}

// Answered reports whether the answer holds a usable value.
func (a Answer) Answered() bool { return a.Value != "" }

// Response is everything read from one filled questionnaire.
type Response struct {
	File              string // path as given
	Sheet             string // name of the questionnaire sheet found
	Identity          Identity
	InstrumentID      string // as carried by the workbook; "" when absent
	InstrumentVersion string
	Fingerprint       string
	Answers           map[string]Answer // by item code; items not found in the sheet are absent
}

// Canonical answer values for KindYesNo.
const (
	Yes = "Ya"
	No  = "Tidak"
)
