package questionnaire

// The layout of a monev questionnaire workbook. The template writer lays
// sheets out exactly like this; the reader finds them by these names and
// header texts but tolerates renamed sheets, moved columns and inserted rows.
const (
	SheetGuide     = "Petunjuk"
	SheetIdentity  = "Identitas"
	SheetQuestions = "Kuesioner"
	SheetOptions   = "_pilihan" // hidden: option lists for long drop-downs
	SheetMeta      = "_monev"   // very hidden: instrument id, version, fingerprint

	// HeaderRow is the row of the column headers on the Kuesioner sheet in a
	// fresh template (rows above hold the title). Data starts below it.
	HeaderRow = 4
)

// Column headers of the Kuesioner sheet, in template order (A, B, …). The
// reader matches headers case-insensitively and by prefix, so "Jawaban (pilih)"
// still matches HeaderAnswer.
const (
	HeaderCode         = "Kode"
	HeaderIndicator    = "Indikator"
	HeaderQuestion     = "Pertanyaan"
	HeaderGuidance     = "Petunjuk / data dukung"
	HeaderMaxPoints    = "Poin maks"
	HeaderAnswer       = "Jawaban"
	HeaderEvidence     = "Tautan bukti"
	HeaderNote         = "Catatan"
	HeaderVerification = "Verifikasi"
)

// QuestionColumns is the template's column order.
var QuestionColumns = []string{
	HeaderCode, HeaderIndicator, HeaderQuestion, HeaderGuidance, HeaderMaxPoints,
	HeaderAnswer, HeaderEvidence, HeaderNote, HeaderVerification,
}

// Labels in column A of the Identitas sheet; the values are in column B.
const (
	LabelUnit     = "Nama Badan Publik"
	LabelCategory = "Kategori"
	LabelOperator = "Nama Operator"
	LabelContact  = "Kontak (HP/Email)"
	LabelDate     = "Tanggal Pengisian"
)

// IdentityLabels is the Identitas sheet's row order, starting at row 3.
var IdentityLabels = []string{LabelUnit, LabelCategory, LabelOperator, LabelContact, LabelDate}

// Keys in column A of the _monev sheet (values in column B), also written as
// custom document properties prefixed "monev_".
//
// MetaFingerprint holds the instrument's QuestionsFingerprint (codes,
// questions, answer kinds, evidence rules, level labels), not its full
// Fingerprint: a sheet stays readable when weights, points or bands are
// corrected after the templates went out, and is rejected when its
// questions differ from the instrument in use.
const (
	MetaInstrumentID = "instrumen_id"
	MetaVersion      = "instrumen_versi"
	MetaFingerprint  = "sidik_jari" // Instrument.QuestionsFingerprint
	MetaUnit         = "badan_publik"
	MetaCategory     = "kategori"
)
