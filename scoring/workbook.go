package scoring

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"monev/questionnaire"
)

// Sheet names of the ranked workbook, in workbook order. One sheet per
// category ("Peringkat OPD", …) follows SheetRanking.
const (
	SheetSummary    = "Ringkasan"
	SheetRanking    = "Peringkat"
	SheetIndicators = "Indikator"
	SheetAnswers    = "Jawaban"
	SheetFindings   = "Temuan"
	SheetAdvice     = "Rekomendasi"
)

// CategorySheetPrefix starts the name of each per-category ranking sheet.
const CategorySheetPrefix = "Peringkat "

// NotSubmittedLabel is shown in place of a qualification for a body that
// sent no sheet and is not ranked.
const NotSubmittedLabel = "Tidak mengisi"

// UnscorableLabel is shown in place of a qualification for a body that two
// different sheets claim (Status Unscorable): it is never ranked.
const UnscorableLabel = "Tidak dapat dinilai"

// NoBandLabel is shown in place of a qualification for a ranked score that
// falls in no band (outside 0–100, from an unchecked later-stage score).
const NoBandLabel = "Di luar rentang kualifikasi"

// MaxFixesPerBody is how many items the Rekomendasi sheet lists per body.
const MaxFixesPerBody = 10

// Report is everything the ranked workbook shows.
type Report struct {
	Generated  time.Time
	Instrument *questionnaire.Instrument
	Scores     []Score // every body, scored or not
	Ranking    Ranking
	Findings   []questionnaire.Finding // every finding of every file, sorted by file, sheet, cell
}

// WriteWorkbook writes the ranked workbook (.xlsx) to w: Ringkasan, Peringkat
// (overall, then one sheet per category), Indikator, Jawaban, Temuan and
// Rekomendasi. Scores are number cells formatted "0.00" holding the rounded
// figure; the only cell that depends on the clock is the date on Ringkasan,
// taken from rep.Generated. Large sheets are streamed, so memory stays
// bounded by the Report itself.
func WriteWorkbook(w io.Writer, rep *Report) error {
	if rep == nil || rep.Instrument == nil {
		return errors.New("laporan tanpa instrumen: buku kerja tidak dapat ditulis")
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	b, err := newBook(f, rep)
	if err != nil {
		return fmt.Errorf("menyiapkan buku kerja: %w", err)
	}
	steps := []func() error{b.writeSummary, b.writeRankings, b.writeIndicators, b.writeAnswers, b.writeFindings, b.writeAdvice}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("menulis buku kerja: %w", err)
		}
	}
	// Ringkasan (the renamed default sheet) is already the active tab.
	// SetActiveSheet would parse every streamed sheet back into memory.
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:        "monev",
		LastModifiedBy: "monev",
		Title:          "Peringkat keterbukaan informasi publik",
		Subject:        rep.Instrument.Name,
		Created:        rep.Generated.UTC().Format(time.RFC3339),
		Modified:       rep.Generated.UTC().Format(time.RFC3339),
		Language:       "id-ID",
	}); err != nil {
		return fmt.Errorf("menulis buku kerja: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("menulis buku kerja: %w", err)
	}
	return nil
}

// book holds what every sheet writer needs.
type book struct {
	f          *excelize.File
	rep        *Report
	inst       *questionnaire.Instrument
	st         styles
	bands      []*questionnaire.Band // top band first
	bandIndex  map[string]int        // band label → index in bands
	laterStage []questionnaire.Stage // stages after the SAQ, in instrument order
	saqName    string
	categories []string          // instrument order, then any others by name
	catName    map[string]string // category as written on a Unit → its name in the rankings
	overallPos map[*Score]int    // overall rank
	catPos     map[*Score]int    // rank within the category
	errorFiles map[string]bool
	indName    map[string]string              // indicator code → name
	question   map[*questionnaire.Item]string // shortened question per item
	tables     int
}

func newBook(f *excelize.File, rep *Report) (*book, error) {
	inst := rep.Instrument
	b := &book{
		f: f, rep: rep, inst: inst,
		bandIndex:  map[string]int{},
		overallPos: map[*Score]int{},
		catPos:     map[*Score]int{},
		errorFiles: map[string]bool{},
		indName:    map[string]string{},
		question:   map[*questionnaire.Item]string{},
		saqName:    "SAQ",
	}
	for i := range inst.Bands {
		b.bands = append(b.bands, &inst.Bands[i])
	}
	sort.SliceStable(b.bands, func(i, j int) bool { return b.bands[i].Min.Cmp(b.bands[j].Min) > 0 })
	for i, band := range b.bands {
		if _, dup := b.bandIndex[band.Label]; !dup {
			b.bandIndex[band.Label] = i
		}
	}
	for _, s := range inst.Stages {
		if s.ID == questionnaire.SAQStage {
			if s.Name != "" {
				b.saqName = s.Name
			}
			continue
		}
		b.laterStage = append(b.laterStage, s)
	}
	for _, ind := range inst.Indicators {
		b.indName[ind.Code] = ind.Name
	}
	for _, e := range rep.Ranking.Overall {
		b.overallPos[e.Score] = e.Rank
	}
	for _, c := range rep.Ranking.Categories {
		for _, e := range c.Entries {
			b.catPos[e.Score] = e.Rank
		}
	}
	for _, fd := range rep.Findings {
		if fd.Severity == questionnaire.Error {
			b.errorFiles[fd.File] = true
		}
	}
	b.catName = b.categoryNames()
	b.categories = b.collectCategories()
	var err error
	b.st, err = newStyles(f, len(b.bands))
	return b, err
}

// collectCategories lists the instrument's categories, then those of the
// rankings, then any other found on a score (sorted by name).
func (b *book) collectCategories() []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, c := range b.inst.Categories {
		add(c)
	}
	for _, c := range b.rep.Ranking.Categories {
		add(c.Category)
	}
	var rest []string
	for i := range b.rep.Scores {
		if c := b.category(&b.rep.Scores[i]); !seen[c] {
			seen[c] = true
			rest = append(rest, c)
		}
	}
	for _, s := range b.rep.Ranking.Unranked {
		if c := b.category(s); !seen[c] {
			seen[c] = true
			rest = append(rest, c)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// category is the name of a body's category as Rank uses it.
func (b *book) category(s *Score) string {
	return b.catName[s.Unit.Category]
}

// categoryNames names every category spelling of the report the way Rank
// does, taking the rankings' names as known so that the two always agree.
func (b *book) categoryNames() map[string]string {
	known := append([]string(nil), b.inst.Categories...)
	for _, c := range b.rep.Ranking.Categories {
		known = append(known, c.Category)
	}
	var spellings []string
	for i := range b.rep.Scores {
		spellings = append(spellings, b.rep.Scores[i].Unit.Category)
	}
	for _, c := range b.rep.Ranking.Categories {
		for _, e := range c.Entries {
			spellings = append(spellings, e.Score.Unit.Category)
		}
	}
	for _, e := range b.rep.Ranking.Overall {
		spellings = append(spellings, e.Score.Unit.Category)
	}
	for _, s := range b.rep.Ranking.Unranked {
		spellings = append(spellings, s.Unit.Category)
	}
	return categoryNames(known, spellings)
}

// ---------------------------------------------------------------- styles

type styles struct {
	title, subtitle, label, header, text, wrap, integer, count int
	score, scoreBold, link, summaryRow, summaryScore           int
	total, totalInt                                            int
	bands                                                      []int // fill per band, top band first
	notSubmitted                                               int
}

func newStyles(f *excelize.File, nBands int) (styles, error) {
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	thin := func(color string) []excelize.Border {
		return []excelize.Border{
			{Type: "left", Color: color, Style: 1}, {Type: "right", Color: color, Style: 1},
			{Type: "top", Color: color, Style: 1}, {Type: "bottom", Color: color, Style: 1},
		}
	}
	top := &excelize.Alignment{Vertical: "top"}
	st.title = mk(&excelize.Style{Font: font(excelize.Font{Bold: true, Size: 14, Color: "1F3864"})})
	st.subtitle = mk(&excelize.Style{Font: font(excelize.Font{Bold: true, Size: 12, Color: "1F3864"})})
	st.label = mk(&excelize.Style{Font: font(excelize.Font{Bold: true}), Alignment: top})
	st.header = mk(&excelize.Style{
		Font:      font(excelize.Font{Bold: true, Color: "FFFFFF"}),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true},
		Border:    thin("BFBFBF"),
	})
	st.text = mk(&excelize.Style{Alignment: top})
	st.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.integer = mk(&excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	st.count = mk(&excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	st.score = mk(&excelize.Style{NumFmt: 2, Alignment: top})
	st.scoreBold = mk(&excelize.Style{NumFmt: 2, Font: font(excelize.Font{Bold: true}), Alignment: top})
	st.link = mk(&excelize.Style{Font: font(excelize.Font{Color: "0563C1", Underline: "single"}), Alignment: top})
	summaryFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	st.summaryRow = mk(&excelize.Style{Font: font(excelize.Font{Bold: true}), Fill: summaryFill, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.summaryScore = mk(&excelize.Style{NumFmt: 2, Font: font(excelize.Font{Bold: true}), Fill: summaryFill, Alignment: top})
	totalFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
	st.total = mk(&excelize.Style{Font: font(excelize.Font{Bold: true}), Fill: totalFill, Border: thin("BFBFBF")})
	st.totalInt = mk(&excelize.Style{NumFmt: 1, Font: font(excelize.Font{Bold: true}), Fill: totalFill, Border: thin("BFBFBF"),
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	for i := 0; i < nBands; i++ {
		st.bands = append(st.bands, mk(&excelize.Style{
			Font:      font(excelize.Font{Bold: true, Color: "1A1A1A"}),
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{bandColor(i, nBands)}},
			Alignment: top,
			Border:    thin("BFBFBF"),
		}))
	}
	st.notSubmitted = mk(&excelize.Style{
		Font:      font(excelize.Font{Italic: true, Color: "595959"}),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}},
		Alignment: top,
		Border:    thin("BFBFBF"),
	})
	return st, err
}

// bandColor is the fill of band i of n (0 = top): a pastel running from
// green through yellow to red, so any number of bands gets distinct colours.
func bandColor(i, n int) string {
	t := 0.0
	if n > 1 {
		t = float64(i) / float64(n-1)
	}
	return hslHex(120*(1-t), 0.65, 0.75)
}

// hslHex converts hue (degrees), saturation and lightness (0–1) to "RRGGBB".
func hslHex(h, s, l float64) string {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	default:
		r, g, b = 0, x, c
	}
	to := func(v float64) int { return int(math.Round((v + m) * 255)) }
	return fmt.Sprintf("%02X%02X%02X", to(r), to(g), to(b))
}

// bandStyle is the qualification cell style of a score: its band's colour
// when ranked, grey otherwise.
func (b *book) bandStyle(s *Score) int {
	if s.Band != nil && b.isRanked(s) {
		if i, ok := b.bandIndex[s.Band.Label]; ok {
			return b.st.bands[i]
		}
	}
	return b.st.notSubmitted
}

// ---------------------------------------------------------------- numbers

// figureValue is the cell value of an exact score: rounded half-up to
// hundredths, so a "0.00" format shows exactly the published figure.
// nil (no score) gives a blank cell.
func figureValue(r *big.Rat) any {
	if r == nil {
		return nil
	}
	return Round(r).Float64()
}

// ceilHundredths rounds r up to hundredths: the gain shown for reaching the
// next band, never less than what is needed.
func ceilHundredths(r *big.Rat) float64 {
	q := new(big.Rat).Mul(r, big.NewRat(100, 1))
	n := new(big.Int).Quo(q.Num(), q.Denom()) // truncates toward zero
	if q.Sign() > 0 && !q.IsInt() {
		n.Add(n, big.NewInt(1))
	}
	return Figure(n.Int64()).Float64()
}

// ---------------------------------------------------------------- texts

var idMonths = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

var idWeekdays = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// indonesianTime formats t as "Sabtu, 28 November 2026 pukul 06.07 WITA".
func indonesianTime(t time.Time) string {
	zone := t.Format("MST")
	if zone != "" && (zone[0] == '+' || zone[0] == '-') {
		zone = "UTC" + t.Format("-07:00")
	}
	return fmt.Sprintf("%s, %d %s %d pukul %02d.%02d %s", idWeekdays[t.Weekday()], t.Day(),
		idMonths[t.Month()-1], t.Year(), t.Hour(), t.Minute(), zone)
}

// fixAdvice is the "Alasan dan Saran" of a fix on Rekomendasi: why the item
// lost points (Explain, capitalised), then what to do (Advice).
func fixAdvice(fx Fix) string {
	why, what := Explain(fx.Item, fx.Reason), Advice(fx.Item, fx.Reason)
	if why == "" {
		return capitalize(what)
	}
	if what == "" {
		return capitalize(why)
	}
	return capitalize(why) + ": " + what
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// shorten cuts s to at most n runes, ending with "…" when cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// maxFormulaString is the longest text literal Excel accepts in a formula.
const maxFormulaString = 255

// evidenceCell is the Bukti cell: a HYPERLINK formula (with the URL as its
// cached value) when the evidence is a web address, plain text otherwise.
// A formula is used because the stream writer cannot add cell hyperlinks,
// and Excel allows no more than 65,530 of them per sheet anyway.
func (b *book) evidenceCell(ev string) any {
	ev = strings.TrimSpace(ev)
	if ev == "" {
		return nil
	}
	lower := strings.ToLower(ev)
	isURL := (strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")) &&
		!strings.ContainsAny(ev, " \t\r\n") && utf8.RuneCountInString(ev) <= maxFormulaString
	if !isURL {
		return excelize.Cell{StyleID: b.st.text, Value: ev}
	}
	q := strings.ReplaceAll(ev, `"`, `""`)
	return excelize.Cell{StyleID: b.st.link, Formula: `HYPERLINK("` + q + `","` + q + `")`, Value: ev}
}

// ---------------------------------------------------------------- sheet names

// forbiddenSheetChars cannot appear in an Excel sheet name.
const forbiddenSheetChars = `:\/?*[]`

// maxSheetName is Excel's limit on a sheet name, in UTF-16 code units.
const maxSheetName = 31

// categorySheetName makes a valid, unused sheet name "Peringkat <category>".
func categorySheetName(category string, used map[string]bool) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(forbiddenSheetChars, r) || r < 0x20 {
			return '-'
		}
		return r
	}, strings.Join(strings.Fields(category), " "))
	if clean == "" {
		clean = "Tanpa kategori"
	}
	base := CategorySheetPrefix + clean
	for n := 1; ; n++ {
		suffix := ""
		if n > 1 {
			suffix = " (" + strconv.Itoa(n) + ")"
		}
		name := fitUTF16(base, maxSheetName-len(suffix))
		name = strings.TrimRight(name, " '") + suffix
		if !used[strings.ToLower(name)] {
			used[strings.ToLower(name)] = true
			return name
		}
	}
}

// fitUTF16 cuts s to at most n UTF-16 code units without splitting a rune.
func fitUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n {
			return s[:i]
		}
	}
	return s
}

// quoteSheet quotes a sheet name for a formula or defined name: 'O”Neil'.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// ---------------------------------------------------------------- layout helpers

// column is one column of a sheet: its header and width in characters.
type column struct {
	header string
	width  float64
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// uniqueHeaders makes headers distinct (a table requires it) by numbering repeats.
func uniqueHeaders(cols []column) {
	seen := map[string]bool{}
	for i := range cols {
		h := cols[i].header
		for n := 2; seen[strings.ToLower(h)]; n++ {
			h = cols[i].header + " (" + strconv.Itoa(n) + ")"
		}
		seen[strings.ToLower(h)] = true
		cols[i].header = h
	}
}

// sheetOpts describes how a streamed sheet is finished.
type sheetOpts struct {
	table        bool // an Excel table over the header and rows 2…tableLastRow
	tableLastRow int
	landscape    bool
}

// startStream creates a streamed sheet whose used range is A1 to the last
// column of cols on lastRow, sets its print fit, widths, frozen header row,
// and writes the header row.
func (b *book) startStream(name string, cols []column, lastRow int) (*excelize.StreamWriter, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	// The dimension and sheet properties are written when the stream starts.
	if err := b.f.SetSheetDimension(name, "A1:"+cell(len(cols), max(lastRow, 1))); err != nil {
		return nil, err
	}
	if err := b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: b.st.header, Value: c.header}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 45}); err != nil {
		return nil, err
	}
	return sw, nil
}

// finishStream adds the table or filter and the print set-up, then flushes.
func (b *book) finishStream(sw *excelize.StreamWriter, name string, ncols, lastRow int, o sheetOpts) error {
	switch {
	case o.table && o.tableLastRow >= 2:
		b.tables++
		if err := sw.AddTable(&excelize.Table{
			Range:          "A1:" + cell(ncols, o.tableLastRow),
			Name:           "Tabel" + strconv.Itoa(b.tables),
			StyleName:      "TableStyleLight9",
			ShowRowStripes: ptr(true),
		}); err != nil {
			return err
		}
	case !o.table && lastRow >= 2:
		if err := b.f.AutoFilter(name, "A1:"+cell(ncols, lastRow), nil); err != nil {
			return err
		}
	}
	if err := b.printSetup(name, o.landscape, true); err != nil {
		return err
	}
	return sw.Flush()
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// printSetup sets A4, fit to one page wide, margins, header and footer, and
// (when titles) repeats row 1 on every printed page.
func (b *book) printSetup(name string, landscape, titles bool) error {
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	if err := b.f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr(orient), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := b.f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.6), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
		Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	inst := strings.ReplaceAll(b.inst.Name, "&", "&&")
	if err := b.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&A&R" + inst,
		OddFooter: "&Lmonev&RHalaman &P dari &N",
	}); err != nil {
		return err
	}
	if !titles {
		return nil
	}
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(name) + "!$1:$1", Scope: name,
	})
}

func ptr[T any](v T) *T { return &v }

// font names the family explicitly: without it LibreOffice falls back to a
// serif face for bold cells.
func font(f excelize.Font) *excelize.Font {
	if f.Family == "" {
		f.Family = "Calibri"
	}
	if f.Size == 0 {
		f.Size = 11
	}
	return &f
}

// lineHeight is the height in points of one line of 11-point text.
const lineHeight = 15

// rowHeight estimates the height a row needs when its wrapped cells hold
// texts (texts[i] in a column widths[i] characters wide); 0 means the default
// height. Streamed rows get no automatic height in every reader, so the
// writer sets it.
func rowHeight(widths []float64, texts []string) float64 {
	lines := 1
	for i, t := range texts {
		if t == "" || i >= len(widths) {
			continue
		}
		per := max(int(widths[i]*1.1)-2, 1)
		n := 0
		for _, para := range strings.Split(t, "\n") {
			n += max((utf8.RuneCountInString(para)+per-1)/per, 1)
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return 0
	}
	return float64(lines * lineHeight)
}

// rowOpts sets a row's height when it needs more than one line.
func rowOpts(h float64) []excelize.RowOpts {
	if h <= 0 {
		return nil
	}
	return []excelize.RowOpts{{Height: h}}
}

// ---------------------------------------------------------------- Ringkasan

func (b *book) writeSummary() error {
	f, name := b.f, SheetSummary
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return err
	}
	set := func(c string, v any, style int) error {
		if err := f.SetCellValue(name, c, v); err != nil {
			return err
		}
		return f.SetCellStyle(name, c, c, style)
	}
	if err := set("A1", "Peringkat Keterbukaan Informasi Publik", b.st.title); err != nil {
		return err
	}
	r := 3
	for _, in := range b.summaryFacts() {
		style := b.st.text
		if _, isInt := in.value.(int); isInt {
			style = b.st.count
		}
		if err := set(cell(1, r), in.label, b.st.label); err != nil {
			return err
		}
		if err := set(cell(2, r), in.value, style); err != nil {
			return err
		}
		r++
	}

	// Counts per qualification (rows) and category (columns), then totals.
	r++
	if err := set(cell(1, r), "Jumlah badan publik per kualifikasi dan kategori", b.st.subtitle); err != nil {
		return err
	}
	r++
	headRow, ncat := r, len(b.categories)
	lastCol := 3 + ncat
	heads := append([]string{"Kualifikasi", "Rentang nilai"}, b.categories...)
	for i, h := range append(heads, "Jumlah") {
		if h == "" {
			h = "Tanpa kategori"
		}
		if err := set(cell(i+1, r), h, b.st.header); err != nil {
			return err
		}
	}
	grid := b.qualificationGrid()
	totals := make([]int, ncat+1)
	for _, g := range grid {
		r++
		if err := set(cell(1, r), g.label, g.style); err != nil {
			return err
		}
		if g.scores != "" {
			if err := set(cell(2, r), g.scores, b.st.text); err != nil {
				return err
			}
		}
		sum := 0
		for c, n := range g.counts {
			sum += n
			totals[c] += n
			if err := set(cell(3+c, r), n, b.st.integer); err != nil {
				return err
			}
		}
		totals[ncat] += sum
		if err := set(cell(lastCol, r), sum, b.st.totalInt); err != nil {
			return err
		}
	}
	r++
	if err := set(cell(1, r), "Jumlah", b.st.total); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, cell(2, r), cell(2, r), b.st.total); err != nil {
		return err
	}
	for c, n := range totals {
		if err := set(cell(3+c, r), n, b.st.totalInt); err != nil {
			return err
		}
	}
	lastRow := r

	widths := []float64{28, 44}
	for i := 0; i < ncat; i++ {
		widths = append(widths, 14)
	}
	for i, wd := range append(widths, 12) {
		if err := f.SetColWidth(name, colName(i+1), colName(i+1), wd); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(name, headRow, 30); err != nil {
		return err
	}
	if ncat > 0 && len(grid) > 0 {
		if err := b.addSummaryChart(headRow, headRow+1, headRow+len(grid), lastRow+2); err != nil {
			return err
		}
	}
	if err := f.SetSheetDimension(name, "A1:"+cell(lastCol, lastRow)); err != nil {
		return err
	}
	if err := f.SetPanes(name, frozenHeader()); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	return b.printSetup(name, false, false)
}

// fact is one labelled line at the top of Ringkasan.
type fact struct {
	label string
	value any
}

// summaryFacts says when the workbook was made, with which instrument and
// rules, and how many bodies, files and findings it covers.
func (b *book) summaryFacts() []fact {
	inst := b.inst
	t := CountScores(b.rep.Scores)
	var errs, warnings int
	for _, fd := range b.rep.Findings {
		if fd.Severity == questionnaire.Error {
			errs++
		} else {
			warnings++
		}
	}
	facts := []fact{
		{"Dibuat", indonesianTime(b.rep.Generated)},
		{"Instrumen", inst.Name},
		{"ID instrumen", inst.ID},
		{"Versi", inst.Version},
	}
	if inst.Year != 0 {
		facts = append(facts, fact{"Tahun", inst.Year})
	}
	facts = append(facts, fact{"Sidik jari", inst.Fingerprint()})
	for _, s := range inst.Stages {
		facts = append(facts, fact{"Bobot tahap " + s.Name, s.Weight.Text() + "%"})
	}
	if len(b.laterStage) > 0 {
		rule := "nilai akhir = nilai " + b.saqName + " saja"
		switch {
		case inst.MissingStage == questionnaire.MissingStageZero:
			rule = "tahap yang tidak diikuti bernilai 0"
		case len(b.laterStage) > 1:
			rule = "bobot tahap yang diikuti dibagi ulang agar berjumlah 100%"
		}
		facts = append(facts, fact{"Aturan tanpa tahap lanjutan", rule})
	}
	rule := "dinilai 0 dan diperingkat"
	if inst.NotSubmitted == questionnaire.NotSubmittedUnranked {
		rule = "tidak diperingkat, dicantumkan terpisah"
	}
	facts = append(facts,
		fact{"Aturan tidak mengisi", rule},
		fact{"Jumlah badan publik", len(b.rep.Scores)},
		fact{"Dinilai", t.Scored},
		fact{"Tidak mengisi kuesioner", t.NotSubmitted},
	)
	if t.Unscorable > 0 { // Jumlah = Dinilai + Tidak mengisi + this
		facts = append(facts, fact{"Tidak dapat dinilai (" + t.UnscorableWhy() + ")", t.Unscorable})
	}
	return append(facts,
		fact{"Berkas dengan galat", len(b.errorFiles)},
		fact{"Temuan galat", errs},
		fact{"Temuan peringatan", warnings},
	)
}

// gridRow is one qualification's line of the Ringkasan table.
type gridRow struct {
	label, scores string
	style         int
	counts        []int // per category, in b.categories order
}

// qualificationGrid counts the ranked bodies per band (top band first) and
// category, plus a "Tidak mengisi" row for the unranked bodies that sent
// nothing and a "Tidak dapat dinilai" row for the Unscorable ones, each when
// it has any.
func (b *book) qualificationGrid() []gridRow {
	catCol := map[string]int{}
	for i, c := range b.categories {
		catCol[c] = i
	}
	rows := make([]gridRow, len(b.bands), len(b.bands)+1)
	for k, band := range b.bands {
		rows[k] = gridRow{label: band.Label, scores: b.inst.BandRange(band), style: b.st.bands[k], counts: make([]int, len(b.categories))}
	}
	for _, e := range b.rep.Ranking.Overall {
		if e.Score.Band == nil {
			continue
		}
		if k, ok := b.bandIndex[e.Score.Band.Label]; ok {
			rows[k].counts[catCol[b.category(e.Score)]]++
		}
	}
	for _, u := range []struct {
		label  string
		status Status
	}{{NotSubmittedLabel, NotSubmitted}, {UnscorableLabel, Unscorable}} {
		row := gridRow{label: u.label, style: b.st.notSubmitted, counts: make([]int, len(b.categories))}
		n := 0
		for _, s := range b.rep.Ranking.Unranked {
			if (s.Status == Unscorable) == (u.status == Unscorable) {
				row.counts[catCol[b.category(s)]]++
				n++
			}
		}
		if n > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

// chartTextColor is the colour of the chart's axis labels.
const chartTextColor = "404040"

// addSummaryChart draws the qualification table (header on headRow, data
// rows first…last) as a clustered column chart, one series per category,
// anchored at row at.
func (b *book) addSummaryChart(headRow, first, last, at int) error {
	sheet := quoteSheet(SheetSummary)
	var series []excelize.ChartSeries
	for c := range b.categories {
		col := colName(3 + c)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", sheet, col, headRow),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sheet, first, last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", sheet, col, first, col, last),
		})
	}
	return b.f.AddChart(SheetSummary, cell(1, at), &excelize.Chart{
		Type:      excelize.Col,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Jumlah badan publik per kualifikasi"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: 340},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		// excelize draws axis labels in the gridline grey (tx1 at 15 %),
		// barely legible on paper: give them a dark grey.
		XAxis:  excelize.ChartAxis{Font: excelize.Font{Color: chartTextColor}},
		YAxis:  excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: excelize.Font{Color: chartTextColor}},
		Format: excelize.GraphicOptions{AltText: "Grafik jumlah badan publik per kualifikasi dan kategori"},
	})
}

// ---------------------------------------------------------------- Peringkat

func (b *book) rankingColumns() []column {
	cols := []column{
		{"Peringkat Umum", 10}, {"Peringkat dalam Kategori", 13}, {"Badan Publik", 42}, {"Kategori", 14},
		{"Nilai Akhir", 10}, {"Nilai " + b.saqName, 10},
	}
	for _, s := range b.laterStage {
		cols = append(cols, column{"Nilai " + s.Name, 11})
	}
	cols = append(cols, column{"Kualifikasi", 20}, column{"Berkas", 36}, column{"Keterangan", 30})
	uniqueHeaders(cols)
	return cols
}

func (b *book) writeRankings() error {
	used := map[string]bool{}
	for _, n := range []string{SheetSummary, SheetRanking, SheetIndicators, SheetAnswers, SheetFindings, SheetAdvice} {
		used[strings.ToLower(n)] = true
	}
	if err := b.writeRanking(SheetRanking, b.rep.Ranking.Overall, b.rep.Ranking.Unranked); err != nil {
		return err
	}
	entries := map[string][]Entry{}
	for _, c := range b.rep.Ranking.Categories {
		entries[c.Category] = append(entries[c.Category], c.Entries...)
	}
	for _, cat := range b.categories {
		var unranked []*Score
		for _, s := range b.rep.Ranking.Unranked {
			if b.category(s) == cat {
				unranked = append(unranked, s)
			}
		}
		if len(entries[cat]) == 0 && len(unranked) == 0 {
			continue
		}
		if err := b.writeRanking(categorySheetName(cat, used), entries[cat], unranked); err != nil {
			return err
		}
	}
	return nil
}

// writeRanking writes one ranking sheet: the ranked entries as a table, then
// the unranked bodies under their own heading.
func (b *book) writeRanking(name string, entries []Entry, unranked []*Score) error {
	cols := b.rankingColumns()
	tableLast := 1 + len(entries)
	lastRow := tableLast
	if len(unranked) > 0 {
		lastRow = tableLast + 2 + len(unranked)
	}
	sw, err := b.startStream(name, cols, lastRow)
	if err != nil {
		return err
	}
	for i, e := range entries {
		if err := sw.SetRow(cell(1, 2+i), b.rankingRow(e.Score, len(cols)), rowOpts(b.rankingHeight(cols, e.Score))...); err != nil {
			return err
		}
	}
	if len(unranked) > 0 {
		r := tableLast + 2
		if err := sw.SetRow(cell(1, r), []any{excelize.Cell{StyleID: b.st.subtitle,
			Value: unrankedHeading(unranked)}}); err != nil {
			return err
		}
		for i, s := range unranked {
			if err := sw.SetRow(cell(1, r+1+i), b.rankingRow(s, len(cols)), rowOpts(b.rankingHeight(cols, s))...); err != nil {
				return err
			}
		}
	}
	return b.finishStream(sw, name, len(cols), lastRow, sheetOpts{table: true, tableLastRow: tableLast, landscape: true})
}

// unrankedHeading titles the list of unranked bodies by why they are there.
func unrankedHeading(unranked []*Score) string {
	var notSubmitted, unscorable bool
	for _, s := range unranked {
		if s.Status == Unscorable {
			unscorable = true
		} else {
			notSubmitted = true
		}
	}
	switch {
	case notSubmitted && unscorable:
		return "Tidak diperingkat (tidak mengisi kuesioner atau tidak dapat dinilai)"
	case unscorable:
		return "Tidak diperingkat (tidak dapat dinilai)"
	}
	return "Tidak diperingkat (tidak mengisi kuesioner)"
}

// rankingRow is one body's line on a ranking sheet.
func (b *book) rankingRow(s *Score, ncols int) []any {
	row := make([]any, 0, ncols)
	rank := func(m map[*Score]int) any {
		if r, ok := m[s]; ok {
			return excelize.Cell{StyleID: b.st.integer, Value: r}
		}
		return nil
	}
	num := func(v any, style int) any {
		if v == nil {
			return nil
		}
		return excelize.Cell{StyleID: style, Value: v}
	}
	row = append(row, rank(b.overallPos), rank(b.catPos),
		excelize.Cell{StyleID: b.st.wrap, Value: s.Unit.Name},
		excelize.Cell{StyleID: b.st.text, Value: b.category(s)})
	ranked := b.isRanked(s)
	if ranked {
		row = append(row, num(s.Rounded.Float64(), b.st.scoreBold), num(figureValue(s.SAQ), b.st.score))
	} else {
		row = append(row, nil, nil)
	}
	for _, st := range b.laterStage {
		row = append(row, num(figureValue(s.Stages[st.ID]), b.st.score))
	}
	label := NotSubmittedLabel
	switch {
	case ranked && s.Band != nil:
		label = s.Band.Label
	case ranked:
		label = NoBandLabel
	case s.Status == Unscorable:
		label = UnscorableLabel
	}
	row = append(row, excelize.Cell{StyleID: b.bandStyle(s), Value: label},
		excelize.Cell{StyleID: b.st.wrap, Value: s.File},
		excelize.Cell{StyleID: b.st.wrap, Value: b.remark(s)})
	return row
}

// rankingHeight is the row height for a body's name, file and remark.
func (b *book) rankingHeight(cols []column, s *Score) float64 {
	n := len(cols)
	return rowHeight([]float64{cols[2].width, cols[n-2].width, cols[n-1].width}, []string{s.Unit.Name, s.File, b.remark(s)})
}

// isRanked reports whether s appears in the overall ranking.
func (b *book) isRanked(s *Score) bool {
	_, ok := b.overallPos[s]
	return ok
}

// remark is the Keterangan of a body on the ranking sheets.
func (b *book) remark(s *Score) string {
	switch {
	case s.Status == Unscorable && s.UnscorableReason == UnscorableUnreadable:
		return "Berkas rusak atau dari kuesioner lain; minta kirim ulang (lihat Temuan)"
	case s.Status == Unscorable:
		return "Dua kuesioner berbeda; tidak dinilai (lihat Temuan)"
	case s.Status == NotSubmitted && b.isRanked(s):
		return "Tidak mengisi kuesioner: dinilai 0"
	case s.Status == NotSubmitted:
		return "Tidak mengisi kuesioner"
	case s.File != "" && b.errorFiles[s.File]:
		return "Berkas mengandung galat: lihat lembar Temuan"
	}
	return ""
}

// ---------------------------------------------------------------- Indikator

func (b *book) writeIndicators() error {
	cols := []column{{"Badan Publik", 42}, {"Kategori", 14}}
	colOf := map[string]int{}
	for _, ind := range b.inst.Indicators {
		colOf[ind.Code] = len(cols)
		cols = append(cols, column{ind.Code + ". " + ind.Name + "\n(bobot " + ind.Weight.Text() + ")", 16})
	}
	cols = append(cols, column{"Nilai " + b.saqName, 12})
	uniqueHeaders(cols)
	entries := b.rep.Ranking.Overall
	lastRow := 1 + len(entries)
	sw, err := b.startStream(SheetIndicators, cols, lastRow)
	if err != nil {
		return err
	}
	for i, e := range entries {
		s := e.Score
		row := make([]any, len(cols))
		row[0] = excelize.Cell{StyleID: b.st.wrap, Value: s.Unit.Name}
		row[1] = excelize.Cell{StyleID: b.st.text, Value: b.category(s)}
		for _, is := range s.Indicators {
			if is.Indicator == nil {
				continue
			}
			if c, ok := colOf[is.Indicator.Code]; ok && is.Score != nil {
				row[c] = excelize.Cell{StyleID: b.st.score, Value: figureValue(is.Score)}
			}
		}
		if s.SAQ != nil {
			row[len(cols)-1] = excelize.Cell{StyleID: b.st.scoreBold, Value: figureValue(s.SAQ)}
		}
		if err := sw.SetRow(cell(1, 2+i), row, rowOpts(rowHeight([]float64{cols[0].width}, []string{s.Unit.Name}))...); err != nil {
			return err
		}
	}
	return b.finishStream(sw, SheetIndicators, len(cols), lastRow, sheetOpts{landscape: true})
}

// ---------------------------------------------------------------- Jawaban

// questionRunes bounds the question text repeated on every Jawaban row.
const questionRunes = 120

func (b *book) writeAnswers() error {
	cols := []column{
		{"Badan Publik", 30}, {"Kode", 8}, {"Indikator", 20}, {"Pertanyaan", 60}, {"Jawaban", 20},
		{"Bukti", 40}, {"Poin", 8}, {"Poin maks", 8}, {"Keterangan", 40},
	}
	lastRow := 1
	for _, e := range b.rep.Ranking.Overall {
		if e.Score.Status != NotSubmitted {
			lastRow += len(e.Score.Items)
		}
	}
	sw, err := b.startStream(SheetAnswers, cols, lastRow)
	if err != nil {
		return err
	}
	r := 1
	row := make([]any, len(cols))
	for _, e := range b.rep.Ranking.Overall {
		s := e.Score
		if s.Status == NotSubmitted {
			continue
		}
		name := excelize.Cell{StyleID: b.st.text, Value: s.Unit.Name}
		for _, it := range s.Items {
			r++
			code, indicator, question := it.Answer.Item, "", ""
			if it.Item != nil {
				code, indicator, question = it.Item.Code, b.indName[it.Item.Indicator], b.shortQuestion(it.Item)
			}
			answer := it.Answer.Value
			if answer == "" {
				answer = it.Answer.Raw
			}
			row[0] = name
			row[1] = excelize.Cell{StyleID: b.st.text, Value: code}
			row[2] = excelize.Cell{StyleID: b.st.text, Value: indicator}
			row[3] = excelize.Cell{StyleID: b.st.text, Value: question}
			row[4] = excelize.Cell{StyleID: b.st.text, Value: answer}
			row[5] = b.evidenceCell(it.Answer.Evidence)
			row[6] = excelize.Cell{StyleID: b.st.score, Value: figureValue(it.Earned)}
			row[7] = excelize.Cell{StyleID: b.st.score, Value: figureValue(it.Max)}
			row[8] = excelize.Cell{StyleID: b.st.text, Value: Explain(it.Item, it.Reason)}
			if err := sw.SetRow(cell(1, r), row); err != nil {
				return err
			}
		}
	}
	return b.finishStream(sw, SheetAnswers, len(cols), lastRow, sheetOpts{landscape: true})
}

// shortQuestion is the item's question cut to questionRunes, computed once per item.
func (b *book) shortQuestion(it *questionnaire.Item) string {
	q, ok := b.question[it]
	if !ok {
		q = shorten(it.Question, questionRunes)
		b.question[it] = q
	}
	return q
}

// ---------------------------------------------------------------- Temuan

func (b *book) writeFindings() error {
	cols := []column{
		{"Berkas", 34}, {"Lembar", 12}, {"Sel", 7}, {"Kode", 20}, {"Tingkat", 11}, {"Butir", 8},
		{"Pesan", 50}, {"Perbaikan", 44},
	}
	lastRow := 1 + len(b.rep.Findings)
	sw, err := b.startStream(SheetFindings, cols, lastRow)
	if err != nil {
		return err
	}
	row := make([]any, len(cols))
	for i, fd := range b.rep.Findings {
		row[0] = excelize.Cell{StyleID: b.st.wrap, Value: fd.File}
		row[1] = excelize.Cell{StyleID: b.st.text, Value: fd.Sheet}
		row[2] = excelize.Cell{StyleID: b.st.text, Value: fd.Cell}
		row[3] = excelize.Cell{StyleID: b.st.text, Value: string(fd.Code)}
		row[4] = excelize.Cell{StyleID: b.st.text, Value: fd.Severity.String()}
		row[5] = excelize.Cell{StyleID: b.st.text, Value: fd.Item}
		row[6] = excelize.Cell{StyleID: b.st.wrap, Value: fd.Message}
		row[7] = excelize.Cell{StyleID: b.st.wrap, Value: fd.Fix}
		h := rowHeight([]float64{cols[0].width, cols[6].width, cols[7].width}, []string{fd.File, fd.Message, fd.Fix})
		if err := sw.SetRow(cell(1, 2+i), row, rowOpts(h)...); err != nil {
			return err
		}
	}
	return b.finishStream(sw, SheetFindings, len(cols), lastRow, sheetOpts{landscape: true})
}

// ---------------------------------------------------------------- Rekomendasi

func (b *book) writeAdvice() error {
	cols := []column{
		{"Badan Publik", 30}, {"Nilai Akhir", 10}, {"Kualifikasi", 18}, {"Kode", 9},
		{"Pertanyaan", 50}, {"Alasan dan Saran", 40}, {"Tambahan Nilai Akhir", 11},
	}
	lastRow := 1
	for _, e := range b.rep.Ranking.Overall {
		lastRow += 1 + b.fixCount(e.Score)
	}
	sw, err := b.startStream(SheetAdvice, cols, lastRow)
	if err != nil {
		return err
	}
	r := 1
	for _, e := range b.rep.Ranking.Overall {
		s := e.Score
		name := excelize.Cell{StyleID: b.st.summaryRow, Value: s.Unit.Name}
		final := excelize.Cell{StyleID: b.st.summaryScore, Value: s.Rounded.Float64()}
		label := ""
		if s.Band != nil {
			label = s.Band.Label
		}
		band := excelize.Cell{StyleID: b.bandStyle(s), Value: label}
		var goal string
		var gain any
		switch {
		case s.Status == NotSubmitted:
			goal = "Tidak mengisi kuesioner: kirimkan kuesioner yang sudah diisi"
		case s.NextBand == nil:
			goal = "Sudah di kualifikasi tertinggi"
		default:
			goal = "Tambahan nilai akhir untuk naik ke " + s.NextBand.Label
			if s.NextBandGain != nil {
				gain = excelize.Cell{StyleID: b.st.summaryScore, Value: ceilHundredths(s.NextBandGain)}
			}
		}
		if s.Status != NotSubmitted && len(s.Fixes) == 0 {
			goal += "; semua butir sudah bernilai penuh"
		}
		r++
		summary := []any{name, final, band,
			excelize.Cell{StyleID: b.st.summaryRow},
			excelize.Cell{StyleID: b.st.summaryRow},
			excelize.Cell{StyleID: b.st.summaryRow, Value: goal}, gain}
		if gain == nil {
			summary[6] = excelize.Cell{StyleID: b.st.summaryRow}
		}
		h := rowHeight([]float64{cols[0].width, cols[5].width}, []string{s.Unit.Name, goal})
		if err := sw.SetRow(cell(1, r), summary, rowOpts(h)...); err != nil {
			return err
		}
		for _, fx := range s.Fixes[:b.fixCount(s)] {
			r++
			code, question := "", ""
			if fx.Item != nil {
				code, question = fx.Item.Code, shorten(fx.Item.Question, 200)
			}
			advice := fixAdvice(fx)
			row := []any{
				excelize.Cell{StyleID: b.st.wrap, Value: s.Unit.Name},
				excelize.Cell{StyleID: b.st.score, Value: s.Rounded.Float64()},
				excelize.Cell{StyleID: b.st.text, Value: label},
				excelize.Cell{StyleID: b.st.text, Value: code},
				excelize.Cell{StyleID: b.st.wrap, Value: question},
				excelize.Cell{StyleID: b.st.wrap, Value: advice},
				excelize.Cell{StyleID: b.st.score, Value: figureValue(fx.Gain)},
			}
			h := rowHeight([]float64{cols[0].width, cols[4].width, cols[5].width}, []string{s.Unit.Name, question, advice})
			if err := sw.SetRow(cell(1, r), row, rowOpts(h)...); err != nil {
				return err
			}
		}
	}
	return b.finishStream(sw, SheetAdvice, len(cols), lastRow, sheetOpts{landscape: true})
}

// fixCount is how many fixes of s the Rekomendasi sheet lists.
func (b *book) fixCount(s *Score) int {
	if s.Status == NotSubmitted {
		return 0
	}
	return min(len(s.Fixes), MaxFixesPerBody)
}
