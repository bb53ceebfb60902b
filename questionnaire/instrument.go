// Package questionnaire holds the monev instrument (indicators, items, answer
// kinds, stage weights and qualification bands) as data, the embedded default
// instrument, the blank .xlsx templates made from it and the reader of filled
// sheets. It never prints and never imports the CLI.
package questionnaire

// AnswerKind says how an item is answered and how its answer earns points.
type AnswerKind string

const (
	// KindYesNo is answered "Ya" or "Tidak"; "Ya" earns the item's maximum.
	KindYesNo AnswerKind = "ya_tidak"
	// KindLevel is answered by picking one of the item's Levels; each level is
	// worth a fraction of the item's maximum.
	KindLevel AnswerKind = "tingkat"
	// KindCount is answered with a whole number mapped to points by the item's Tiers.
	KindCount AnswerKind = "jumlah"
)

// MissingStageRule decides the final score of a body that took no part in a
// later stage (e.g. was not invited to the presentasi).
type MissingStageRule string

const (
	// MissingStageSAQOnly: the final score is the SAQ score alone.
	MissingStageSAQOnly MissingStageRule = "saq_saja"
	// MissingStageZero: the missing stage counts as 0 with its weight.
	MissingStageZero MissingStageRule = "nol"
)

// NotSubmittedRule decides how a body on the roster that sent no sheet is reported.
type NotSubmittedRule string

const (
	// NotSubmittedZero: scored 0, so in the lowest band, and ranked last.
	NotSubmittedZero NotSubmittedRule = "nol"
	// NotSubmittedUnranked: listed apart as "tidak mengisi", not ranked.
	NotSubmittedUnranked NotSubmittedRule = "tidak_dinilai"
)

// SAQStage is the ID of the self-assessment stage; every instrument has it.
const SAQStage = "saq"

// Instrument is one monev questionnaire with everything needed to score it.
// It is loaded from YAML (see Load) or taken from Default, and is read-only
// once validated.
type Instrument struct {
	ID           string           `yaml:"id" validate:"required"`
	Name         string           `yaml:"nama" validate:"required"`
	Year         int              `yaml:"tahun" validate:"required,min=2000,max=2100"`
	Version      string           `yaml:"versi" validate:"required"`
	Indicators   []Indicator      `yaml:"indikator" validate:"min=1,dive"`
	Items        []Item           `yaml:"butir" validate:"min=1,dive"`
	Stages       []Stage          `yaml:"tahap" validate:"min=1,dive"`
	MissingStage MissingStageRule `yaml:"tanpa_tahap_lanjut" validate:"required,oneof=saq_saja nol"`
	NotSubmitted NotSubmittedRule `yaml:"tidak_mengisi" validate:"required,oneof=nol tidak_dinilai"`
	Bands        []Band           `yaml:"kualifikasi" validate:"min=1,dive"`
	Categories   []string         `yaml:"kategori" validate:"min=1,dive,required"`
}

// Indicator is one scored area of the SAQ, e.g. "Jenis Informasi" weighing 40%.
type Indicator struct {
	Code   string  `yaml:"kode" validate:"required"`
	Name   string  `yaml:"nama" validate:"required"`
	Weight Decimal `yaml:"bobot" validate:"required,dgt=0,dlte=100"` // percent of the SAQ score; all indicators sum to 100
}

// Item is one question of the SAQ.
type Item struct {
	Code             string     `yaml:"kode" validate:"required"`      // hierarchical, e.g. "1.2.3"; the first part is the indicator code
	Indicator        string     `yaml:"indikator" validate:"required"` // code of the Indicator it belongs to
	Question         string     `yaml:"pertanyaan" validate:"required"`
	Guidance         string     `yaml:"petunjuk,omitempty"` // what the operator should give as evidence
	MaxPoints        Decimal    `yaml:"poin" validate:"required,dgt=0"`
	Kind             AnswerKind `yaml:"jenis" validate:"required,oneof=ya_tidak tingkat jumlah"`
	EvidenceRequired bool       `yaml:"wajib_bukti"`
	Group            string     `yaml:"kelompok,omitempty"`                          // all-or-nothing group: scores only if every item in it is complete
	Levels           []Level    `yaml:"tingkat,omitempty" validate:"omitempty,dive"` // KindLevel only
	Tiers            []Tier     `yaml:"ambang,omitempty" validate:"omitempty,dive"`  // KindCount only, ascending by Min
}

// Level is one option of a graded item, worth Fraction (0–1) of the item's maximum.
type Level struct {
	Label    string   `yaml:"label" validate:"required"`
	Fraction Decimal  `yaml:"nilai" validate:"required,dgte=0,dlte=1"`
	Synonyms []string `yaml:"sinonim,omitempty" validate:"omitempty,dive,required"` // other spellings accepted from operators
}

// Tier maps a count to points: a count of at least Min earns Points (the
// highest tier reached wins; below the first tier the item earns 0).
type Tier struct {
	Min    int64   `yaml:"min" validate:"min=0"`
	Points Decimal `yaml:"poin" validate:"required,dgte=0"`
}

// Stage is one stage of the monev round with its weight in the final score,
// e.g. {saq, SAQ, 80} and {presentasi, Presentasi, 20}.
type Stage struct {
	ID     string  `yaml:"id" validate:"required"`
	Name   string  `yaml:"nama" validate:"required"`
	Weight Decimal `yaml:"bobot" validate:"required,dgte=0,dlte=100"` // percent of the final score; all stages sum to 100
}

// Band is one qualification: scores from Min (inclusive) up to Max
// (exclusive; the top band includes 100) earn Label.
type Band struct {
	Label string  `yaml:"label" validate:"required"`
	Min   Decimal `yaml:"min" validate:"required,dgte=0,dlte=100"`
	Max   Decimal `yaml:"maks" validate:"required,dgte=0,dlte=100"`
}

// Indicator returns the indicator with the given code, or nil.
func (in *Instrument) Indicator(code string) *Indicator {
	for i := range in.Indicators {
		if in.Indicators[i].Code == code {
			return &in.Indicators[i]
		}
	}
	return nil
}

// Item returns the item with the given code, or nil.
func (in *Instrument) Item(code string) *Item {
	for i := range in.Items {
		if in.Items[i].Code == code {
			return &in.Items[i]
		}
	}
	return nil
}

// Stage returns the stage with the given id, or nil.
func (in *Instrument) Stage(id string) *Stage {
	for i := range in.Stages {
		if in.Stages[i].ID == id {
			return &in.Stages[i]
		}
	}
	return nil
}

// TopBand returns the band with the largest Max (the first of them on a
// tie): the only band that includes its Max, so that 100 is Informatif. It
// returns a pointer into in.Bands, or nil when there are no bands.
func (in *Instrument) TopBand() *Band {
	var top *Band
	for i := range in.Bands {
		if top == nil || in.Bands[i].Max.Cmp(top.Max) > 0 {
			top = &in.Bands[i]
		}
	}
	return top
}

// BandRange describes the scores of b, one of in.Bands, as the published
// tables do: "≥ 80 dan < 90", or "≥ 90" for the top band.
func (in *Instrument) BandRange(b *Band) string {
	if b == in.TopBand() {
		return "≥ " + b.Min.Text()
	}
	return "≥ " + b.Min.Text() + " dan < " + b.Max.Text()
}
