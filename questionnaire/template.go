package questionnaire

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"monev/internal/atomicfile"
)

// Template geometry. The Kuesioner columns follow QuestionColumns (A…I).
const (
	colCode      = "A"
	colIndicator = "B"
	colQuestion  = "C"
	colGuidance  = "D"
	colMaxPoints = "E"
	colAnswer    = "F"
	colEvidence  = "G"
	colNote      = "H"
	colVerify    = "I"
	colLast      = colVerify

	identityFirstRow = 3 // first row of IdentityLabels on the Identitas sheet

	templateFont     = "Arial" // on every Windows; LibreOffice maps it to the metric-compatible Liberation Sans
	templateFontSize = 10
	lineHeight       = 12.75 // points per wrapped line of templateFontSize text
	maxPromptRunes   = 250   // Excel rejects data-validation messages over 255 characters
	maxTitleRunes    = 32    // … and titles over 32
)

// questionWidths are the Kuesioner column widths (in characters), in
// QuestionColumns order.
var questionWidths = []float64{8, 13, 38, 36, 6, 16, 24, 16, 11}

// Colours of the template.
const (
	colorHeader   = "1F4E78" // header row fill
	colorGroup    = "DDEBF7" // indicator rows
	colorInput    = "FFF2CC" // cells the operator fills
	colorVerify   = "E2EFDA" // the verifier's column
	colorBorder   = "A6A6A6"
	colorRequired = "C00000" // "Wajib bukti"
)

// Values of the Verifikasi drop-down, as shown (the reader compares them
// case-insensitively with Accepted and Rejected).
var verificationOptions = []string{"Diterima", "Ditolak"}

// WriteTemplate writes a blank questionnaire workbook for one unit: the
// sheets Petunjuk (how to fill it), Identitas, Kuesioner (one row per item
// under a row per indicator, with drop-downs on the answer cells), the
// hidden option lists and the very hidden metadata sheet. Every sheet is
// protected without a password; only the input cells are unlocked. The
// output depends only on inst and u (no time stamps), so the same input
// gives the same bytes.
//
// u.Category must be one of inst.Categories (compared case-insensitively;
// the instrument's spelling is written) unless the instrument has none.
//
//	var buf bytes.Buffer
//	err := questionnaire.WriteTemplate(&buf, questionnaire.Default(),
//		questionnaire.Unit{Name: "Kecamatan Sakra Timur", Category: "Kecamatan"})
func WriteTemplate(w io.Writer, inst *Instrument, u Unit) error {
	if err := checkTemplateInstrument(inst); err != nil {
		return err
	}
	u, err := templateUnit(inst, u)
	if err != nil {
		return err
	}
	f, err := buildTemplate(inst, u)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Write(w)
}

// WriteTemplates writes one template per unit into dir (created if missing),
// each atomically, named by TemplateFileName. Names that collide — also
// when they differ only in case, as on Windows — get "-2", "-3", … in unit
// order. It checks every unit before writing any file, and returns the paths
// written, in unit order.
func WriteTemplates(dir string, inst *Instrument, units []Unit) ([]string, error) {
	if err := checkTemplateInstrument(inst); err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, errors.New("daftar badan publik kosong: tidak ada templat yang dibuat")
	}
	fixed := make([]Unit, len(units))
	for i, u := range units {
		v, err := templateUnit(inst, u)
		if err != nil {
			return nil, fmt.Errorf("badan publik ke-%d: %w", i+1, err)
		}
		fixed[i] = v
	}
	names := uniqueFileNames(fixed)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for i, u := range fixed {
		path := filepath.Join(dir, names[i])
		err := atomicfile.WriteFile(path, 0o644, func(w io.Writer) error { return WriteTemplate(w, inst, u) })
		if err != nil {
			return paths, fmt.Errorf("templat %s: %w", u.Name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// uniqueFileNames gives each unit its TemplateFileName, adding "-2", "-3", …
// before the extension to the later of names that are equal ignoring case.
func uniqueFileNames(units []Unit) []string {
	taken := map[string]bool{}
	names := make([]string, len(units))
	for i, u := range units {
		name := TemplateFileName(u)
		base := strings.TrimSuffix(name, ".xlsx")
		for n := 2; taken[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s-%d.xlsx", base, n)
		}
		taken[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// Limits of the parts of a template file name.
const (
	maxFileCategory = 24
	maxFileName     = 80
)

// TemplateFileName is a safe file name for a unit's template, e.g.
// "SAQ-Kecamatan-Sakra-Timur.xlsx": ASCII letters, digits and '-' only
// (accents folded, apostrophes dropped, anything else becomes '-'), with
// the category and the name each capped in length. A name that starts with
// its category ("Kecamatan Sakra Timur") does not repeat it. The "SAQ-"
// prefix keeps it clear of Windows' reserved names (CON, NUL, …) and the
// extension of trailing dots and spaces.
func TemplateFileName(u Unit) string {
	parts := []string{"SAQ"}
	cat := capFileNamePart(foldFileName(u.Category), maxFileCategory)
	if cat != "" {
		parts = append(parts, cat)
	}
	name := foldFileName(u.Name)
	if rest, ok := cutPrefixFold(name, cat+"-"); ok && cat != "" {
		name = rest
	}
	name = capFileNamePart(name, maxFileName)
	if name == "" {
		name = "Tanpa-Nama"
	}
	parts = append(parts, name)
	return strings.Join(parts, "-") + ".xlsx"
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// foldLetters maps letters that do not decompose into ASCII under NFD.
var foldLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'œ': "oe", 'Œ': "OE",
	'đ': "d", 'Đ': "D", 'ł': "l", 'Ł': "L", 'ı': "i", 'þ': "th", 'Þ': "Th",
}

// foldFileName folds s to ASCII letters and digits joined by single '-'.
func foldFileName(s string) string {
	var b strings.Builder
	dash := false
	put := func(str string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(str)
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			put(string(r))
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '‘', r == '`', r == '´':
			// accents and apostrophes vanish: "Jum'at" → "Jumat"
		case foldLetters[r] != "":
			put(foldLetters[r])
		default:
			dash = true
		}
	}
	return b.String()
}

// capFileNamePart shortens a folded name to at most max bytes, cutting at a
// '-' in its second half when there is one.
func capFileNamePart(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max]
	if i := strings.LastIndexByte(s, '-'); i > max/2 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}

// checkTemplateInstrument refuses an instrument a template cannot be made of.
func checkTemplateInstrument(inst *Instrument) error {
	if inst == nil {
		return errors.New("instrumen kosong: templat tidak dapat dibuat")
	}
	if err := inst.Validate(); err != nil {
		return err
	}
	if len(inst.Items) == 0 || len(inst.Indicators) == 0 {
		return errors.New("instrumen tidak memiliki indikator atau butir: templat tidak dapat dibuat")
	}
	for _, it := range inst.Items {
		if inst.Indicator(it.Indicator) == nil {
			return fmt.Errorf("butir %s merujuk indikator %q yang tidak ada di instrumen", it.Code, it.Indicator)
		}
	}
	return nil
}

// templateUnit cleans a unit's name and gives its category the instrument's
// spelling.
func templateUnit(inst *Instrument, u Unit) (Unit, error) {
	u.Name = cleanCell(u.Name)
	u.Category = cleanCell(u.Category)
	if u.Name == "" {
		return u, errors.New("nama badan publik kosong")
	}
	if len(inst.Categories) == 0 {
		return u, nil
	}
	for _, c := range inst.Categories {
		if strings.EqualFold(c, u.Category) {
			u.Category = c
			return u, nil
		}
	}
	return u, fmt.Errorf("%s: kategori %q tidak dikenal oleh instrumen; pilihan: %s",
		u.Name, u.Category, strings.Join(inst.Categories, ", "))
}

// templateBuilder holds the workbook being built and its styles.
type templateBuilder struct {
	f    *excelize.File
	inst *Instrument
	unit Unit
	st   templateStyles

	// option lists on SheetOptions: one column each, title in row 1
	lists     [][]string
	listTitle []string
}

type templateStyles struct {
	title, subtitle, note, heading, para         int
	header, group, text, center, number          int
	input, inputCenter, verify                   int
	label, identity, plain, optionHeader, option int
}

// buildTemplate makes the workbook; the caller closes it.
func buildTemplate(inst *Instrument, u Unit) (*excelize.File, error) {
	f := excelize.NewFile()
	b := &templateBuilder{f: f, inst: inst, unit: u}
	err := b.build()
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

func (b *templateBuilder) build() error {
	f := b.f
	if err := f.SetDefaultFont(templateFont); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetGuide); err != nil {
		return err
	}
	for _, s := range []string{SheetIdentity, SheetQuestions, SheetOptions, SheetMeta} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	if err := b.makeStyles(); err != nil {
		return err
	}
	steps := []func() error{
		b.writeGuide, b.writeIdentity, b.writeQuestions, b.writeOptions, b.writeMeta, b.writeProperties,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetSheetVisible(SheetOptions, false); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetMeta, false, true); err != nil {
		return err
	}
	protect := &excelize.SheetProtectionOptions{
		SelectLockedCells:   true,
		SelectUnlockedCells: true,
		FormatColumns:       true,
		FormatRows:          true,
		InsertHyperlinks:    true,
	}
	for _, s := range f.GetSheetList() {
		if err := f.ProtectSheet(s, protect); err != nil {
			return err
		}
	}
	return nil
}

func (b *templateBuilder) makeStyles() error {
	border := []excelize.Border{
		{Type: "left", Color: colorBorder, Style: 1}, {Type: "right", Color: colorBorder, Style: 1},
		{Type: "top", Color: colorBorder, Style: 1}, {Type: "bottom", Color: colorBorder, Style: 1},
	}
	font := func(bold, italic bool, size float64, color string) *excelize.Font {
		return &excelize.Font{Family: templateFont, Size: size, Bold: bold, Italic: italic, Color: color}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	topCenter := &excelize.Alignment{Vertical: "top", Horizontal: "center", WrapText: true}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	unlocked := &excelize.Protection{Locked: false}
	text := "@"
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.st.title, excelize.Style{Font: font(true, false, 14, colorHeader), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&b.st.subtitle, excelize.Style{Font: font(true, false, 11, ""), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&b.st.note, excelize.Style{Font: font(false, true, templateFontSize, "404040"), Alignment: top}},
		{&b.st.heading, excelize.Style{Font: font(true, false, 11, colorHeader), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&b.st.para, excelize.Style{Font: font(false, false, templateFontSize, ""), Alignment: top}},
		{&b.st.header, excelize.Style{Font: font(true, false, templateFontSize, "FFFFFF"), Fill: fill(colorHeader), Border: border,
			Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}}},
		{&b.st.group, excelize.Style{Font: font(true, false, templateFontSize, ""), Fill: fill(colorGroup), Border: border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&b.st.text, excelize.Style{Font: font(false, false, templateFontSize, ""), Border: border, Alignment: top}},
		{&b.st.center, excelize.Style{Font: font(false, false, templateFontSize, ""), Border: border, Alignment: topCenter}},
		{&b.st.number, excelize.Style{Font: font(false, false, templateFontSize, ""), Border: border, Alignment: topCenter}},
		{&b.st.input, excelize.Style{Font: font(false, false, templateFontSize, ""), Border: border, Alignment: top, Fill: fill(colorInput), Protection: unlocked}},
		{&b.st.inputCenter, excelize.Style{Font: font(true, false, templateFontSize, ""), Border: border, Alignment: topCenter, Fill: fill(colorInput), Protection: unlocked}},
		{&b.st.verify, excelize.Style{Font: font(false, false, templateFontSize, ""), Border: border, Alignment: topCenter, Fill: fill(colorVerify), Protection: unlocked}},
		{&b.st.label, excelize.Style{Font: font(true, false, templateFontSize, ""), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&b.st.identity, excelize.Style{Font: font(false, false, 11, ""), Border: border, Fill: fill(colorInput), Protection: unlocked,
			CustomNumFmt: &text, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&b.st.plain, excelize.Style{Font: font(false, false, templateFontSize, "")}},
		{&b.st.optionHeader, excelize.Style{Font: font(true, false, templateFontSize, "")}},
		{&b.st.option, excelize.Style{Font: font(false, false, templateFontSize, ""), CustomNumFmt: &text}},
	}
	for _, d := range defs {
		id, err := b.f.NewStyle(&d.s)
		if err != nil {
			return err
		}
		*d.id = id
	}
	return nil
}

// set writes one value into a cell and styles it.
func (b *templateBuilder) set(sheet, cell string, value any, style int) error {
	if err := b.f.SetCellValue(sheet, cell, value); err != nil {
		return err
	}
	return b.f.SetCellStyle(sheet, cell, cell, style)
}

// instrumentTitle is e.g. "Monev KIP Kabupaten Lombok Timur 2026 (versi 1.0)".
func (b *templateBuilder) instrumentTitle() string {
	t := b.inst.Name
	if t == "" {
		t = b.inst.ID
	}
	if b.inst.Version != "" {
		t += " (versi " + b.inst.Version + ")"
	}
	return t
}

func (b *templateBuilder) unitLine() string {
	s := "Badan publik: " + b.unit.Name
	if b.unit.Category != "" {
		s += " — kategori: " + b.unit.Category
	}
	return s
}

// writeGuide fills the Petunjuk sheet: one paragraph per row in column A.
func (b *templateBuilder) writeGuide() error {
	const sheet, width = SheetGuide, 88.0
	f, inst := b.f, b.inst
	type line struct {
		text  string
		style int
	}
	lines := []line{
		{"Petunjuk Pengisian Kuesioner Penilaian Mandiri (SAQ) Keterbukaan Informasi Publik", b.st.title},
		{b.instrumentTitle(), b.st.subtitle},
		{b.unitLine(), b.st.subtitle},
		{"", b.st.para},
		{"Langkah pengisian", b.st.heading},
	}
	steps := []string{
		"Buka lembar " + SheetIdentity + ". Isi nama operator, kontak (nomor HP atau email) dan tanggal pengisian pada sel berwarna kuning. Nama badan publik dan kategori sudah terisi; ubah hanya bila salah.",
		"Buka lembar " + SheetQuestions + ". Jawab SETIAP butir pada kolom \"" + HeaderAnswer + "\" (sel kuning). Klik sel jawaban, lalu pilih dari daftar pilihan dengan tanda panah di sisi kanan sel. Jangan mengetik jawaban lain.",
		"Butir yang meminta jumlah diisi dengan bilangan bulat (0, 1, 2, …) tanpa satuan atau keterangan.",
		"Kolom \"" + HeaderEvidence + "\": tempelkan tautan (link) ke data dukung, misalnya berkas atau folder Google Drive yang dibagikan \"siapa saja yang memiliki link\", atau alamat halaman situs web/PPID (diawali https://). Butir bertanda \"Wajib bukti\" pada kolom \"" + HeaderGuidance + "\" tidak mendapat nilai tanpa tautan bukti.",
		"Kolom \"" + HeaderNote + "\" boleh diisi keterangan tambahan (tidak wajib).",
		"Kolom \"" + HeaderVerification + "\" (hijau) diisi oleh verifikator Dinas Kominfo (Diterima/Ditolak). Operator badan publik tidak perlu mengisinya.",
		"Jangan mengganti nama lembar, jangan mengubah kode butir, teks pertanyaan atau urutan kolom, dan jangan menghapus baris: berkas ini dibaca otomatis oleh aplikasi pengolah nilai.",
		"Simpan tetap dalam format Excel (.xlsx), lalu kirim kembali berkas ini kepada Dinas Kominfo. Nama berkas tidak perlu diubah.",
	}
	for i, s := range steps {
		lines = append(lines, line{fmt.Sprintf("%d. %s", i+1, s), b.st.para})
	}
	lines = append(lines,
		line{"", b.st.para},
		line{"Perlindungan lembar", b.st.heading},
		line{"Semua lembar dikunci (proteksi lembar) TANPA kata sandi agar kode, pertanyaan dan petunjuk tidak berubah tanpa sengaja; hanya sel isian (kuning dan hijau) yang dapat diubah. Lebar kolom dan tinggi baris tetap dapat diatur. Bila benar-benar perlu, kunci dapat dibuka tanpa kata sandi melalui menu Tinjau (Review) › Buka Proteksi Lembar (Unprotect Sheet).", b.st.para},
		line{"", b.st.para},
		line{"Cara penghitungan nilai", b.st.heading},
		line{b.scoringParagraph(), b.st.para},
	)
	if s := b.stagesParagraph(); s != "" {
		lines = append(lines, line{s, b.st.para})
	}
	lines = append(lines, line{"", b.st.para}, line{"Indikator dan bobot", b.st.heading})
	for _, ind := range inst.Indicators {
		n, pts := 0, new(big.Rat)
		for _, it := range inst.Items {
			if it.Indicator == ind.Code {
				n++
				pts.Add(pts, it.MaxPoints.Rat())
			}
		}
		lines = append(lines, line{fmt.Sprintf("%s. %s — bobot %s%% (%d butir, poin maks %s)",
			ind.Code, ind.Name, decimalID(ind.Weight.Rat()), n, decimalID(pts)), b.st.para})
	}
	if len(inst.Bands) > 0 {
		lines = append(lines, line{"", b.st.para}, line{"Kualifikasi", b.st.heading})
		// The top band includes its Max, as scoring.Qualify does:
		// Informatif is 90 to 100 inclusive.
		top := inst.TopBand()
		for i, band := range inst.Bands {
			upTo := "sampai kurang dari"
			if &inst.Bands[i] == top {
				upTo = "sampai"
			}
			lines = append(lines, line{fmt.Sprintf("%s: nilai %s %s %s",
				band.Label, decimalID(band.Min.Rat()), upTo, decimalID(band.Max.Rat())), b.st.para})
		}
	}
	for i, l := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		if err := b.set(sheet, cell, l.text, l.style); err != nil {
			return err
		}
		h := 15.0
		switch l.style {
		case b.st.title:
			h = 24
		case b.st.heading:
			h = 20
		case b.st.para, b.st.note:
			h = rowHeight([]string{l.text}, []float64{width})
		}
		if err := f.SetRowHeight(sheet, i+1, h); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", width); err != nil {
		return err
	}
	if err := b.pageSetup(sheet, "portrait", ""); err != nil {
		return err
	}
	noGrid := false
	if err := f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &noGrid}); err != nil {
		return err
	}
	return f.SetSheetDimension(sheet, fmt.Sprintf("A1:A%d", len(lines)))
}

// scoringParagraph explains in one paragraph how the SAQ score is computed.
func (b *templateBuilder) scoringParagraph() string {
	return "Setiap butir memiliki poin maksimal (kolom \"" + HeaderMaxPoints + "\"). Jawaban Ya mendapat poin penuh dan Tidak mendapat 0; " +
		"butir bertingkat mendapat sebagian poin sesuai tingkat yang dipilih; butir jumlah mendapat poin menurut ambang jumlah yang tertulis pada petunjuknya. " +
		"Butir wajib bukti hanya bernilai bila tautan bukti diisi, dan jawaban yang ditolak verifikator bernilai 0. " +
		"Butir dalam satu kelompok hanya mendapat poin bila semua butir kelompok itu mendapat poin penuh. " +
		"Nilai tiap indikator = poin yang diperoleh ÷ poin maksimal indikator × bobot indikator; nilai SAQ (0–100) = jumlah nilai semua indikator, dibulatkan ke dua angka desimal."
}

// stagesParagraph names the stages and their weights when there is more
// than the SAQ.
func (b *templateBuilder) stagesParagraph() string {
	if len(b.inst.Stages) < 2 {
		return ""
	}
	var parts []string
	for _, s := range b.inst.Stages {
		parts = append(parts, fmt.Sprintf("%s %s%%", s.Name, decimalID(s.Weight.Rat())))
	}
	text := "Nilai akhir = " + strings.Join(parts, " + ") + " (setiap tahap bernilai 0–100)."
	switch b.inst.MissingStage {
	case MissingStageSAQOnly:
		text += " Badan publik yang tidak mengikuti tahap berikutnya dinilai dari tahap yang diikutinya saja."
	case MissingStageZero:
		text += " Tahap yang tidak diikuti bernilai 0."
	}
	return text
}

// writeIdentity fills the Identitas sheet.
func (b *templateBuilder) writeIdentity() error {
	const sheet = SheetIdentity
	f := b.f
	if err := b.set(sheet, "A1", "Identitas Badan Publik", b.st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 24); err != nil {
		return err
	}
	values := map[string]string{LabelUnit: b.unit.Name, LabelCategory: b.unit.Category}
	prompts := map[string][2]string{
		LabelUnit:     {"Nama badan publik", "Nama OPD atau kecamatan. Sudah terisi; ubah hanya bila salah."},
		LabelCategory: {"Kategori", "Pilih kategori dari daftar."},
		LabelOperator: {"Nama operator", "Tulis nama lengkap operator yang mengisi kuesioner ini."},
		LabelContact:  {"Kontak", "Tulis nomor HP/WhatsApp atau alamat email operator."},
		LabelDate:     {"Tanggal pengisian", "Tulis tanggal pengisian, misalnya 14-08-2026."},
	}
	last := identityFirstRow
	for i, label := range IdentityLabels {
		row := identityFirstRow + i
		last = row
		if err := b.set(sheet, fmt.Sprintf("A%d", row), label, b.st.label); err != nil {
			return err
		}
		cell := fmt.Sprintf("B%d", row)
		if err := b.set(sheet, cell, values[label], b.st.identity); err != nil {
			return err
		}
		if err := f.SetRowHeight(sheet, row, 22); err != nil {
			return err
		}
		p := prompts[label]
		dv := excelize.NewDataValidation(true)
		dv.Sqref = cell
		if label == LabelCategory && len(b.inst.Categories) > 0 {
			if err := b.listValidation(dv, "Kategori", b.inst.Categories); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Kategori tidak sah", clip("Pilih kategori dari daftar: "+strings.Join(b.inst.Categories, ", ")+".", maxPromptRunes))
		} else {
			dv.Type = "none"
		}
		dv.SetInput(clip(p[0], maxTitleRunes), clip(p[1], maxPromptRunes))
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	noteRow := last + 2
	if err := b.set(sheet, fmt.Sprintf("A%d", noteRow), "Isi sel berwarna kuning di kolom B. Nama badan publik dan kategori sudah terisi dari daftar Dinas Kominfo; perbaiki hanya bila salah. Setelah itu lanjutkan ke lembar "+SheetQuestions+".", b.st.note); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, fmt.Sprintf("A%d", noteRow), fmt.Sprintf("B%d", noteRow)); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, noteRow, 2*lineHeight+4); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 26); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "B", 60); err != nil {
		return err
	}
	if err := b.pageSetup(sheet, "portrait", ""); err != nil {
		return err
	}
	noGrid := false
	if err := f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &noGrid}); err != nil {
		return err
	}
	return f.SetSheetDimension(sheet, fmt.Sprintf("A1:B%d", noteRow))
}

// answerGroup collects the answer cells that share one data validation.
type answerGroup struct {
	rows []int
	dv   *excelize.DataValidation
}

// questionRows records, while the item rows are written, which rows get
// which data validation.
type questionRows struct {
	items, required, optional []int
	answers                   map[string]*answerGroup // by answerValidation key
	answerOrder               []string                // keys in first-use order
}

// writeQuestions fills the Kuesioner sheet.
func (b *templateBuilder) writeQuestions() error {
	const sheet = SheetQuestions
	f := b.f
	if err := b.writeQuestionHeader(); err != nil {
		return err
	}
	rows := &questionRows{answers: map[string]*answerGroup{}}
	last, err := b.writeQuestionRows(rows)
	if err != nil {
		return err
	}
	if err := b.addQuestionValidations(rows); err != nil {
		return err
	}
	first := fmt.Sprintf("%s%d", colAnswer, HeaderRow+2)
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: 3, YSplit: HeaderRow,
		TopLeftCell: fmt.Sprintf("D%d", HeaderRow+1), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	if err := b.pageSetup(sheet, "landscape", fmt.Sprintf("'%s'!$%d:$%d", sheet, HeaderRow, HeaderRow)); err != nil {
		return err
	}
	return f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", colLast, last))
}

// writeQuestionHeader writes the title rows, the header row and the widths.
func (b *templateBuilder) writeQuestionHeader() error {
	const sheet = SheetQuestions
	f := b.f
	titles := []struct {
		text   string
		style  int
		height float64
	}{
		{b.instrumentTitle(), b.st.title, 24},
		{b.unitLine(), b.st.subtitle, 18},
		{"Isi sel kuning: " + HeaderAnswer + " (pilih dari daftar), " + HeaderEvidence + " dan " + HeaderNote + ". Kolom " + HeaderVerification +
			" (hijau) untuk verifikator Dinas Kominfo. Baca lembar " + SheetGuide + " sebelum mengisi.", b.st.note, lineHeight + 6},
	}
	for i, t := range titles {
		r := strconv.Itoa(i + 1)
		if err := b.set(sheet, "A"+r, t.text, t.style); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, "A"+r, colLast+r); err != nil {
			return err
		}
		if err := f.SetRowHeight(sheet, i+1, t.height); err != nil {
			return err
		}
	}
	for i, h := range QuestionColumns {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := b.set(sheet, col+strconv.Itoa(HeaderRow), h, b.st.header); err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, questionWidths[i]); err != nil {
			return err
		}
	}
	return f.SetRowHeight(sheet, HeaderRow, 2*lineHeight+6)
}

// writeQuestionRows writes a group row per indicator followed by its items,
// records the rows in rows and returns the last row written.
func (b *templateBuilder) writeQuestionRows(rows *questionRows) (int, error) {
	const sheet = SheetQuestions
	f, inst := b.f, b.inst
	row := HeaderRow
	for _, ind := range inst.Indicators {
		row++
		r := strconv.Itoa(row)
		if err := b.set(sheet, colCode+r, ind.Code, b.st.group); err != nil {
			return 0, err
		}
		title := fmt.Sprintf("%s (bobot %s%%)", ind.Name, decimalID(ind.Weight.Rat()))
		if err := b.set(sheet, colIndicator+r, title, b.st.group); err != nil {
			return 0, err
		}
		if err := f.SetCellStyle(sheet, colIndicator+r, colLast+r, b.st.group); err != nil {
			return 0, err
		}
		if err := f.MergeCell(sheet, colIndicator+r, colLast+r); err != nil {
			return 0, err
		}
		if err := f.SetRowHeight(sheet, row, 20); err != nil {
			return 0, err
		}
		for i := range inst.Items {
			it := &inst.Items[i]
			if it.Indicator != ind.Code {
				continue
			}
			row++
			if err := b.writeItem(row, it, ind); err != nil {
				return 0, err
			}
			rows.items = append(rows.items, row)
			if it.EvidenceRequired {
				rows.required = append(rows.required, row)
			} else {
				rows.optional = append(rows.optional, row)
			}
			key, mk := b.answerValidation(it)
			g := rows.answers[key]
			if g == nil {
				dv, err := mk()
				if err != nil {
					return 0, err
				}
				g = &answerGroup{dv: dv}
				rows.answers[key] = g
				rows.answerOrder = append(rows.answerOrder, key)
			}
			g.rows = append(g.rows, row)
		}
	}
	return row, nil
}

// answerValidation returns the key of the data validation an item's answer
// cell needs (items with equal keys share one) and a function making it.
func (b *templateBuilder) answerValidation(it *Item) (string, func() (*excelize.DataValidation, error)) {
	switch it.Kind {
	case KindLevel:
		labels := make([]string, len(it.Levels))
		for j, l := range it.Levels {
			labels[j] = l.Label
		}
		ref := b.optionRange("Tingkat butir "+it.Code, labels)
		return "tingkat " + ref, func() (*excelize.DataValidation, error) {
			dv := excelize.NewDataValidation(true)
			dv.SetSqrefDropList(ref)
			dv.SetInput("Pilih tingkat", clip("Pilih salah satu: "+strings.Join(labels, "; ")+".", maxPromptRunes))
			dv.SetError(excelize.DataValidationErrorStyleStop, "Jawaban tidak sah", clip("Pilih salah satu tingkat dari daftar: "+strings.Join(labels, "; ")+".", maxPromptRunes))
			return dv, nil
		}
	case KindCount:
		return "jumlah", func() (*excelize.DataValidation, error) {
			dv := excelize.NewDataValidation(true)
			dv.Type, dv.Operator, dv.Formula1 = "whole", "greaterThanOrEqual", "0"
			dv.SetInput("Isi jumlah", "Ketik bilangan bulat 0 atau lebih, tanpa satuan (misalnya 12).")
			dv.SetError(excelize.DataValidationErrorStyleStop, "Jumlah tidak sah", "Isi dengan bilangan bulat 0 atau lebih, tanpa satuan atau keterangan.")
			return dv, nil
		}
	default: // KindYesNo
		return "ya_tidak", func() (*excelize.DataValidation, error) {
			dv := excelize.NewDataValidation(true)
			if err := dv.SetDropList([]string{Yes, No}); err != nil {
				return nil, err
			}
			dv.SetInput("Jawaban", "Pilih Ya atau Tidak dari daftar.")
			dv.SetError(excelize.DataValidationErrorStyleStop, "Jawaban tidak sah", "Pilih Ya atau Tidak dari daftar (klik tanda panah di sisi kanan sel).")
			return dv, nil
		}
	}
}

// addQuestionValidations adds the drop-downs and input messages of the
// answer, evidence and verifier cells.
func (b *templateBuilder) addQuestionValidations(rows *questionRows) error {
	const sheet = SheetQuestions
	f := b.f
	for _, key := range rows.answerOrder {
		g := rows.answers[key]
		g.dv.Sqref = sqref(colAnswer, g.rows)
		if err := f.AddDataValidation(sheet, g.dv); err != nil {
			return err
		}
	}
	evidence := []struct {
		rows         []int
		title, input string
	}{
		{rows.required, "Tautan bukti (wajib)", "Wajib diisi: tempel tautan ke data dukung (Google Drive atau halaman situs web, diawali https://). Tanpa tautan, butir ini tidak bernilai."},
		{rows.optional, "Tautan bukti", "Tempel tautan ke data dukung (Google Drive atau halaman situs web, diawali https://), bila ada."},
	}
	for _, e := range evidence {
		if len(e.rows) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Type = "none" // any value; only the input message
		dv.Sqref = sqref(colEvidence, e.rows)
		dv.SetInput(e.title, e.input)
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref(colVerify, rows.items)
	if err := dv.SetDropList(verificationOptions); err != nil {
		return err
	}
	dv.SetInput("Diisi verifikator", "Diisi oleh verifikator Dinas Kominfo: Diterima atau Ditolak. Operator badan publik tidak perlu mengisi.")
	dv.SetError(excelize.DataValidationErrorStyleStop, "Verifikasi tidak sah", "Pilih Diterima atau Ditolak dari daftar.")
	return f.AddDataValidation(sheet, dv)
}

// writeItem writes one item row.
func (b *templateBuilder) writeItem(row int, it *Item, ind Indicator) error {
	const sheet = SheetQuestions
	f := b.f
	r := fmt.Sprint(row)
	cells := []struct {
		col   string
		value any
		style int
	}{
		{colCode, it.Code, b.st.center},
		{colIndicator, ind.Name, b.st.text},
		{colQuestion, it.Question, b.st.text},
		{colMaxPoints, ratFloat(it.MaxPoints.Rat()), b.st.number},
		{colAnswer, nil, b.st.inputCenter},
		{colEvidence, nil, b.st.input},
		{colNote, nil, b.st.input},
		{colVerify, nil, b.st.verify},
	}
	for _, c := range cells {
		if c.value != nil {
			if err := f.SetCellValue(sheet, c.col+r, c.value); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, c.col+r, c.col+r, c.style); err != nil {
			return err
		}
	}
	runs, guidance := b.guidanceRuns(it)
	if err := f.SetCellRichText(sheet, colGuidance+r, runs); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, colGuidance+r, colGuidance+r, b.st.text); err != nil {
		return err
	}
	h := rowHeight([]string{ind.Name, it.Question, guidance}, []float64{questionWidths[1], questionWidths[2], questionWidths[3]})
	return f.SetRowHeight(sheet, row, h)
}

// guidanceRuns is the Petunjuk / data dukung cell: the item's guidance, then
// "Wajib bukti" in red when evidence is required, then how to answer. It
// also returns the plain text.
func (b *templateBuilder) guidanceRuns(it *Item) ([]excelize.RichTextRun, string) {
	plain := &excelize.Font{Family: templateFont, Size: templateFontSize}
	var runs []excelize.RichTextRun
	var all strings.Builder
	add := func(text string, font *excelize.Font) {
		if all.Len() > 0 {
			text = "\n" + text
		}
		all.WriteString(text)
		runs = append(runs, excelize.RichTextRun{Text: text, Font: font})
	}
	if g := strings.TrimSpace(it.Guidance); g != "" {
		add(g, plain)
	}
	if it.EvidenceRequired {
		add("Wajib bukti: isi kolom "+HeaderEvidence+".", &excelize.Font{Family: templateFont, Size: templateFontSize, Bold: true, Color: colorRequired})
	}
	hint := &excelize.Font{Family: templateFont, Size: templateFontSize, Italic: true, Color: "404040"}
	switch it.Kind {
	case KindLevel:
		var parts []string
		for _, l := range it.Levels {
			parts = append(parts, fmt.Sprintf("%s (%s%%)", l.Label, decimalID(new(big.Rat).Mul(l.Fraction.Rat(), big.NewRat(100, 1)))))
		}
		add("Pilih tingkat: "+strings.Join(parts, "; ")+".", hint)
	case KindCount:
		add("Isi jumlah (bilangan bulat). Poin: "+tierText(it.Tiers)+".", hint)
	default:
		add("Pilih Ya atau Tidak.", hint)
	}
	if it.Group != "" {
		var members []string
		for _, o := range b.inst.Items {
			if o.Group == it.Group {
				members = append(members, o.Code)
			}
		}
		add(fmt.Sprintf("Kelompok %s (butir %s): mendapat poin hanya bila semua butir kelompok ini mendapat poin penuh.", it.Group, strings.Join(members, ", ")), hint)
	}
	return runs, all.String()
}

// tierText describes count tiers, e.g. "1–4: 1; 5–9: 2; ≥ 10: 3".
func tierText(tiers []Tier) string {
	var parts []string
	for i, t := range tiers {
		pts := decimalID(t.Points.Rat())
		switch {
		case i+1 == len(tiers):
			parts = append(parts, fmt.Sprintf("≥ %d: %s", t.Min, pts))
		case tiers[i+1].Min-1 == t.Min:
			parts = append(parts, fmt.Sprintf("%d: %s", t.Min, pts))
		default:
			parts = append(parts, fmt.Sprintf("%d–%d: %s", t.Min, tiers[i+1].Min-1, pts))
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

// optionRange puts a list on the options sheet (once per distinct list) and
// returns its absolute range, e.g. "'_pilihan'!$A$2:$A$5".
func (b *templateBuilder) optionRange(title string, values []string) string {
	key := strings.Join(values, "\x00")
	col := -1
	for i, l := range b.lists {
		if strings.Join(l, "\x00") == key {
			col = i
			break
		}
	}
	if col < 0 {
		b.lists = append(b.lists, values)
		b.listTitle = append(b.listTitle, title)
		col = len(b.lists) - 1
	}
	name, _ := excelize.ColumnNumberToName(col + 1)
	return fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetOptions, name, name, len(values)+1)
}

// listValidation makes dv a drop-down of values: inline when short and
// free of commas and quotes, otherwise through the options sheet.
func (b *templateBuilder) listValidation(dv *excelize.DataValidation, title string, values []string) error {
	joined := strings.Join(values, ",")
	if len([]rune(joined)) <= 250 && !strings.ContainsAny(strings.Join(values, ""), ",\"") {
		return dv.SetDropList(values)
	}
	dv.SetSqrefDropList(b.optionRange(title, values))
	return nil
}

// writeOptions fills the hidden options sheet.
func (b *templateBuilder) writeOptions() error {
	const sheet = SheetOptions
	f := b.f
	maxRow := 1
	for i, l := range b.lists {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.set(sheet, col+"1", b.listTitle[i], b.st.optionHeader); err != nil {
			return err
		}
		for j, v := range l {
			if err := b.set(sheet, fmt.Sprintf("%s%d", col, j+2), v, b.st.option); err != nil {
				return err
			}
		}
		maxRow = max(maxRow, len(l)+1)
		if err := f.SetColWidth(sheet, col, col, 30); err != nil {
			return err
		}
	}
	if len(b.lists) == 0 {
		if err := b.set(sheet, "A1", "(tidak ada daftar pilihan)", b.st.plain); err != nil {
			return err
		}
		return f.SetSheetDimension(sheet, "A1")
	}
	last, _ := excelize.ColumnNumberToName(max(1, len(b.lists)))
	return f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", last, maxRow))
}

// metadata is the instrument's identity carried by the workbook, in order.
func (b *templateBuilder) metadata() [][2]string {
	return [][2]string{
		{MetaInstrumentID, b.inst.ID},
		{MetaVersion, b.inst.Version},
		{MetaFingerprint, b.inst.QuestionsFingerprint()}, // not Fingerprint: a corrected weight must not void returned sheets
		{MetaUnit, b.unit.Name},
		{MetaCategory, b.unit.Category},
	}
}

// writeMeta fills the very hidden metadata sheet: keys in A, values in B.
func (b *templateBuilder) writeMeta() error {
	const sheet = SheetMeta
	meta := b.metadata()
	for i, kv := range meta {
		if err := b.set(sheet, fmt.Sprintf("A%d", i+1), kv[0], b.st.plain); err != nil {
			return err
		}
		if err := b.set(sheet, fmt.Sprintf("B%d", i+1), kv[1], b.st.option); err != nil {
			return err
		}
	}
	if err := b.f.SetColWidth(sheet, "A", "B", 30); err != nil {
		return err
	}
	return b.f.SetSheetDimension(sheet, fmt.Sprintf("A1:B%d", len(meta)))
}

// writeProperties sets the document and custom properties. The creation
// time is fixed (1 January of the instrument's year) so the output is
// deterministic.
func (b *templateBuilder) writeProperties() error {
	props := &excelize.DocProperties{
		Title:       "SAQ " + b.unit.Name,
		Subject:     b.instrumentTitle(),
		Creator:     "monev",
		Description: "Kuesioner penilaian mandiri (SAQ) keterbukaan informasi publik untuk " + b.unit.Name,
		Keywords:    "monev; SAQ; keterbukaan informasi publik",
		Category:    b.unit.Category,
		Language:    "id-ID",
		Version:     b.inst.Version,
	}
	if b.inst.Year > 0 {
		props.Created = fmt.Sprintf("%04d-01-01T00:00:00Z", b.inst.Year)
		props.Modified = props.Created
	}
	if err := b.f.SetDocProps(props); err != nil {
		return err
	}
	for _, kv := range b.metadata() {
		if err := b.f.SetCustomProps(excelize.CustomProperty{Name: "monev_" + kv[0], Value: kv[1]}); err != nil {
			return err
		}
	}
	return nil
}

// pageSetup prints the sheet on A4 in the given orientation, one page wide,
// with narrow margins, a footer naming the unit and the page, and the rows
// of printTitles (a range like "'Kuesioner'!$4:$4"; "" for none) repeated on
// every page.
func (b *templateBuilder) pageSetup(sheet, orientation, printTitles string) error {
	f := b.f
	a4, one, auto := 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &auto,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, tb, hf := 0.4, 0.6, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf,
	}); err != nil {
		return err
	}
	footer := "&L&8" + strings.ReplaceAll(b.unit.Name, "&", "&&") + "&R&8Halaman &P dari &N"
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	if printTitles == "" {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: printTitles, Scope: sheet})
}

// sqref joins cells of one column into a space-separated reference list,
// merging runs of consecutive rows: rows 6,7,8,10 → "F6:F8 F10".
func sqref(col string, rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprintf("%s%d", col, rows[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d:%s%d", col, rows[i], col, rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

// rowHeight estimates the height (points) a row needs so that each text,
// wrapped in its column width, is fully visible.
func rowHeight(texts []string, widths []float64) float64 {
	lines := 1
	for i, t := range texts {
		lines = max(lines, wrappedLines(t, widths[i]))
	}
	return float64(lines)*lineHeight + 4
}

// wrappedLines counts the lines text takes in a column of width characters,
// wrapping greedily at spaces. A width unit is the digit width of the
// default font (Arial 11); Arial 10 text fits about 1.4 average characters
// in it. We assume 1.25 so that the estimate errs on the side of more lines.
func wrappedLines(text string, width float64) int {
	capacity := max(1, int(width*1.25)-1)
	n := 0
	for para := range strings.SplitSeq(text, "\n") {
		n++
		used := 0
		for _, w := range strings.Fields(para) {
			l := len([]rune(w))
			switch {
			case used == 0:
				used = l
			case used+1+l <= capacity:
				used += 1 + l
			default:
				n++
				used = l
			}
			for used > capacity { // a word longer than the column breaks anywhere
				n++
				used -= capacity
			}
		}
	}
	return n
}

// clip shortens s to at most n runes, ending in "…" when cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// decimalID formats an exact number the Indonesian way, with a decimal
// comma and at most two decimals: 12.5 → "12,5", 100 → "100".
func decimalID(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := strings.TrimRight(r.FloatString(2), "0")
	s = strings.TrimSuffix(s, ".")
	return strings.Replace(s, ".", ",", 1)
}

// ratFloat is the float64 to write in a cell for an exact number.
func ratFloat(r *big.Rat) float64 {
	v, _ := r.Float64()
	return v
}
