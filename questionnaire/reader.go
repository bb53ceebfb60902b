package questionnaire

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// ReadOptions bounds what the reader does with hostile files.
type ReadOptions struct {
	MaxRows        int   // rows scanned on a sheet before giving up; 0 = default
	UnzipSizeLimit int64 // bytes; 0 = default
	MaxColumns     int   // columns read per row; 0 = default
}

// Defaults of ReadOptions. A questionnaire has a few hundred rows, under 20
// columns and unpacks to well under 1 MB.
const (
	DefaultMaxRows        = 5000
	DefaultUnzipSizeLimit = 64 << 20
	DefaultMaxColumns     = 64
)

// maxXMLPart bounds each XML part other than worksheets (which are scanned
// with an early stop): excelize parses the styles, the shared strings and
// the like whole, so a 60 MB styles part would cost seconds. A
// questionnaire's parts are well under 1 MB.
const maxXMLPart = 16 << 20

func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.UnzipSizeLimit <= 0 {
		o.UnzipSizeLimit = DefaultUnzipSizeLimit
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = DefaultMaxColumns
	}
	return o
}

// cellBudget bounds the cells excelize's Rows allocates on one sheet: it pads
// every row up to its last cell, so one cell in column XFD costs 16,384.
func (o ReadOptions) cellBudget() int64 { return int64(o.MaxRows) * int64(o.MaxColumns) }

// IsLockFile reports whether a file name is an office lock file (Excel's
// "~$…", LibreOffice's ".~lock.…#") that must be skipped.
func IsLockFile(name string) bool {
	base := filepath.Base(name)
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	return strings.HasPrefix(base, "~$") ||
		(strings.HasPrefix(base, ".~lock.") && strings.HasSuffix(base, "#"))
}

// ReadFile reads one filled questionnaire. It never modifies the file and
// never panics. The Response is nil when the file cannot be scored at all;
// the findings then say why (a finding whose Code is FileLevel).
//
// Findings come sorted by sheet, row, column and code. To read many files
// of one instrument, NewReader saves recomputing the instrument's questions
// fingerprint for each.
func ReadFile(path string, inst *Instrument, opt ReadOptions) (*Response, []Finding) {
	return NewReader(inst, opt).ReadFile(path)
}

// Reader reads filled questionnaires of one instrument. What depends only on
// the instrument (its questions fingerprint, an index of its items) is
// computed once.
// A Reader is safe for concurrent use; the instrument must not change while
// it is in use.
type Reader struct {
	inst *Instrument
	opt  ReadOptions

	once        sync.Once
	fpOnce      sync.Once
	fingerprint string
	items       map[string]*Item
	indicators  map[string]bool
}

// NewReader returns a Reader for inst with the given bounds.
func NewReader(inst *Instrument, opt ReadOptions) *Reader {
	return &Reader{inst: inst, opt: opt.withDefaults()}
}

func (rd *Reader) prepare() {
	rd.once.Do(func() {
		if rd.inst == nil {
			return
		}
		rd.items = make(map[string]*Item, len(rd.inst.Items))
		for i := range rd.inst.Items {
			rd.items[rd.inst.Items[i].Code] = &rd.inst.Items[i]
		}
		rd.indicators = make(map[string]bool, len(rd.inst.Indicators))
		for _, ind := range rd.inst.Indicators {
			rd.indicators[ind.Code] = true
		}
	})
}

// questionsFingerprint is the instrument's QuestionsFingerprint, the one
// templates carry, computed on first need: files without one never need it.
func (rd *Reader) questionsFingerprint() string {
	rd.fpOnce.Do(func() { rd.fingerprint = rd.inst.QuestionsFingerprint() })
	return rd.fingerprint
}

// ReadFile reads one filled questionnaire; see the package function ReadFile.
func (rd *Reader) ReadFile(path string) (resp *Response, findings []Finding) {
	r := &reader{file: path, inst: rd.inst, opt: rd.opt, rd: rd}
	defer func() {
		if p := recover(); p != nil {
			f := newFinding(path, CodeDamaged)
			f.Message += fmt.Sprintf(" (kesalahan internal saat membaca: %v)", p)
			resp, findings = nil, []Finding{f}
		}
	}()
	rd.prepare()
	resp = r.read()
	if resp == nil && !hasFileLevel(r.findings) {
		// Defensive: a nil Response always comes with its reason.
		r.fail(CodeDamaged, "", "")
	}
	SortFindings(r.findings)
	return resp, r.findings
}

func hasFileLevel(fs []Finding) bool {
	for _, f := range fs {
		if f.Code.FileLevel() && f.Severity == Error {
			return true
		}
	}
	return false
}

// reader holds the state of reading one file.
type reader struct {
	file     string
	inst     *Instrument
	rd       *Reader
	opt      ReadOptions
	findings []Finding

	zipFiles map[string]*zip.File
	zipNames []string // part names in zip order
	xl       *excelize.File
	sheets   []workbookSheet

	metaUnit, metaCategory string // what the template says it was made for
}

// add records a finding of code c at sheet/cell; msg and fix replace the
// defaults when not empty.
func (r *reader) add(c Code, sheet, cell, item, msg string) {
	f := newFinding(r.file, c)
	f.Sheet, f.Cell, f.Item = sheet, cell, item
	if msg != "" {
		f.Message = msg
	}
	r.findings = append(r.findings, f)
}

// fail records a file-level finding, which replaces whatever was found
// before: an unusable file gets one clear finding. The caller then returns
// a nil Response.
func (r *reader) fail(c Code, sheet, msg string) {
	r.findings = r.findings[:0]
	r.add(c, sheet, "", "", msg)
}

// OLE compound file signature (old .xls, and encrypted .xlsx).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func (r *reader) read() *Response {
	if r.inst == nil {
		r.fail(CodeFileUnreadable, "", "Instrumen penilaian tidak tersedia, sehingga berkas tidak dapat dibaca (kesalahan program).")
		return nil
	}
	data, ok := r.load()
	if !ok {
		return nil
	}
	if !r.openZip(data) {
		return nil
	}
	xl, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    r.opt.UnzipSizeLimit,
		UnzipXMLSizeLimit: r.opt.UnzipSizeLimit, // every part in memory: the sum is bounded anyway
		RawCellValue:      true,
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			r.fail(CodeTooLarge, "", "")
		} else {
			r.fail(CodeDamaged, "", "")
		}
		return nil
	}
	defer xl.Close()
	r.xl = xl
	if !r.listSheets() {
		return nil
	}
	resp := &Response{File: r.file, Answers: map[string]Answer{}}
	if !r.readMeta(resp) {
		return nil
	}
	qs, ok := r.findQuestionSheet()
	if !ok {
		return nil
	}
	resp.Sheet = qs.sheet.name
	if !r.readIdentity(resp) {
		return nil
	}
	if !r.readAnswers(qs, resp) {
		return nil
	}
	return resp
}

// load stats and reads the file, and sorts out what is not a zip at all.
func (r *reader) load() ([]byte, bool) {
	st, err := os.Stat(r.file)
	if err != nil || !st.Mode().IsRegular() {
		r.fail(CodeFileUnreadable, "", "")
		return nil, false
	}
	if st.Size() == 0 {
		r.fail(CodeFileEmpty, "", "")
		return nil, false
	}
	if st.Size() > r.opt.UnzipSizeLimit {
		r.fail(CodeTooLarge, "", fmt.Sprintf("Berkas terlalu besar untuk sebuah kuesioner (%d MB; batas %d MB).",
			st.Size()>>20, r.opt.UnzipSizeLimit>>20))
		return nil, false
	}
	data, err := os.ReadFile(r.file)
	if err != nil {
		r.fail(CodeFileUnreadable, "", "")
		return nil, false
	}
	switch {
	case len(data) == 0:
		r.fail(CodeFileEmpty, "", "")
		return nil, false
	case bytes.HasPrefix(data, oleMagic[:4]):
		if oleHasStream(data, "EncryptedPackage") {
			r.fail(CodeEncrypted, "", "")
		} else {
			r.fail(CodeOldXLS, "", "")
		}
		return nil, false
	case !bytes.HasPrefix(data, []byte("PK")):
		r.fail(CodeNotXLSX, "", "")
		return nil, false
	}
	return data, true
}

// oleHasStream reports whether an OLE compound file has a directory entry of
// the given name. It scans for the UTF-16LE name in the directory sectors'
// 128-byte entries (name length at offset 64), which is all the test needs
// and cannot go wrong on hostile input.
func oleHasStream(data []byte, name string) bool {
	u := make([]byte, 0, 2*len(name)+2)
	for _, c := range []byte(name) {
		u = append(u, c, 0)
	}
	for off := 512; off+128 <= len(data); off += 128 {
		e := data[off : off+128]
		n := int(e[64]) | int(e[65])<<8
		if n == len(u)+2 && bytes.Equal(e[:len(u)], u) {
			return true
		}
	}
	return false
}

// openZip reads the zip directory, bounds the unpacked size and checks the
// package is a spreadsheet at all.
func (r *reader) openZip(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		r.fail(CodeDamaged, "", "Berkas rusak atau terpotong (bukan arsip .xlsx yang utuh).")
		return false
	}
	r.zipFiles = make(map[string]*zip.File, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		name := strings.ReplaceAll(f.Name, "\\", "/")
		if _, dup := r.zipFiles[name]; !dup {
			r.zipNames = append(r.zipNames, name)
		}
		r.zipFiles[name] = f
	}
	for _, f := range zr.File { // zip order: the message must not depend on map order
		name := strings.ReplaceAll(f.Name, "\\", "/")
		if f.UncompressedSize64 > maxXMLPart && (strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")) &&
			!strings.HasPrefix(name, "xl/worksheets/") {
			r.fail(CodeTooLarge, "", fmt.Sprintf("Bagian \"%s\" dalam berkas terlalu besar untuk sebuah kuesioner (%d MB).", name, f.UncompressedSize64>>20))
			return false
		}
	}
	if total > uint64(r.opt.UnzipSizeLimit) {
		r.fail(CodeTooLarge, "", fmt.Sprintf("Isi berkas terlalu besar untuk sebuah kuesioner (%d MB setelah diekstrak; batas %d MB).",
			total>>20, r.opt.UnzipSizeLimit>>20))
		return false
	}
	if _, ok := r.zipFiles["mimetype"]; ok {
		r.fail(CodeNotXLSX, "", "Berkas berformat OpenDocument (.ods atau sejenisnya), bukan .xlsx.")
		return false
	}
	if !r.hasPart("[Content_Types].xml") {
		r.fail(CodeNotXLSX, "", "Berkas berupa arsip zip, tetapi bukan buku kerja Excel (.xlsx).")
		return false
	}
	return true
}

func (r *reader) hasPart(name string) bool { return r.partName(name) != "" }

// partName is the name in the zip of the part called name ignoring case, the
// first in zip order; "" if none.
func (r *reader) partName(name string) string {
	for _, n := range r.zipNames {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	return ""
}

// part returns the unpacked bytes excelize holds for a part, after checking
// them against the zip's CRC and declared size: excelize ignores both, so a
// damaged deflate stream or an entry that holds more than it declares would
// otherwise be cut short in silence.
func (r *reader) part(name string) ([]byte, error) {
	v, ok := r.xl.Pkg.Load(name)
	if !ok {
		return nil, fmt.Errorf("part %s missing", name)
	}
	b, _ := v.([]byte)
	zf := r.zipFiles[name]
	if zf == nil {
		zf = r.zipFiles[r.partName(name)]
	}
	if zf != nil {
		if uint64(len(b)) != zf.UncompressedSize64 || crc32.ChecksumIEEE(b) != zf.CRC32 {
			return nil, fmt.Errorf("part %s: %w", name, errDamaged)
		}
	}
	return b, nil
}

// listSheets maps sheet names to their parts from the workbook and its rels.
func (r *reader) listSheets() bool {
	wbPath := "xl/workbook.xml"
	if root, err := r.part("_rels/.rels"); err == nil {
		if rels, err := parseRels(root); err == nil {
			for _, rel := range rels {
				if strings.HasSuffix(rel.Type, "/officeDocument") {
					wbPath = resolvePart("", rel.Target)
				}
			}
		}
	}
	wb, err := r.part(wbPath)
	if err != nil {
		r.fail(CodeDamaged, "", "")
		return false
	}
	dir := path.Dir(wbPath)
	if dir == "." {
		dir = ""
	}
	relsData, err := r.part(path.Join(dir, "_rels", path.Base(wbPath)+".rels"))
	if err != nil {
		r.fail(CodeDamaged, "", "")
		return false
	}
	rels, err := parseRels(relsData)
	if err != nil {
		r.fail(CodeDamaged, "", "")
		return false
	}
	if r.sheets, err = parseWorkbookSheets(wb, rels, dir); err != nil || len(r.sheets) == 0 {
		r.fail(CodeDamaged, "", "")
		return false
	}
	for _, shared := range []string{"xl/sharedStrings.xml"} {
		if _, ok := r.xl.Pkg.Load(shared); ok {
			if _, err := r.part(shared); err != nil {
				r.fail(CodeDamaged, "", "")
				return false
			}
		}
	}
	return true
}

func (r *reader) sheet(name string) (workbookSheet, bool) {
	for _, s := range r.sheets {
		if s.name == name {
			return s, true
		}
	}
	for _, s := range r.sheets {
		if strings.EqualFold(strings.TrimSpace(s.name), name) {
			return s, true
		}
	}
	return workbookSheet{}, false
}

// sheetRows is a worksheet read through excelize's Rows iterator after its
// XML was checked: row numbers with their cells, capped in both directions.
type sheetRows struct {
	sheet workbookSheet
	scan  sheetScan
	rows  []sheetRow
	index map[int]int // row number → index in rows, built when merges need it
}

type sheetRow struct {
	num   int
	cells []string
}

// readSheet checks a sheet's XML and reads its rows. ok=false means a
// file-level finding was recorded.
func (r *reader) readSheet(s workbookSheet, raw bool) (*sheetRows, bool) {
	data, err := r.part(s.part)
	if err != nil {
		r.fail(CodeDamaged, s.name, fmt.Sprintf("Lembar \"%s\" rusak atau tidak lengkap; isinya tidak dapat dibaca utuh.", s.name))
		return nil, false
	}
	sc, err := checkSheet(data, r.opt.MaxRows, r.opt.cellBudget())
	if err != nil {
		r.fail(CodeDamaged, s.name, fmt.Sprintf("Lembar \"%s\" rusak atau terpotong; isinya tidak dapat dibaca utuh (baris sesudah kerusakan akan hilang).", s.name))
		return nil, false
	}
	if sc.tooLarge {
		r.fail(CodeSheetTooLarge, s.name, fmt.Sprintf("Lembar \"%s\" terlalu besar untuk sebuah kuesioner (lebih dari %d baris, atau baris yang terisi sampai kolom yang sangat jauh).", s.name, r.opt.MaxRows))
		return nil, false
	}
	it, err := r.xl.Rows(s.name)
	if err != nil {
		r.fail(CodeDamaged, s.name, "")
		return nil, false
	}
	defer it.Close()
	out := &sheetRows{sheet: s, scan: sc}
	opts := excelize.Options{RawCellValue: raw}
	num, seen := 0, 0
	for it.Next() {
		num++
		cells, err := it.Columns(opts)
		if err != nil {
			r.fail(CodeDamaged, s.name, "")
			return nil, false
		}
		if len(cells) == 0 {
			continue
		}
		seen++
		if len(cells) > r.opt.MaxColumns {
			cells = cells[:r.opt.MaxColumns]
		}
		out.rows = append(out.rows, sheetRow{num: num, cells: cells})
	}
	// excelize stops in silence at the first thing it cannot parse; the scan
	// says where the sheet really ends.
	if it.Error() != nil || num != sc.lastRow || seen > sc.rows {
		r.fail(CodeDamaged, s.name, fmt.Sprintf("Lembar \"%s\" rusak; isinya tidak dapat dibaca utuh.", s.name))
		return nil, false
	}
	return out, true
}

// cell returns the value at (col,row) (1-based), following merged ranges
// to their top-left cell.
func (sr *sheetRows) cell(idx, col int) string {
	row := sr.rows[idx]
	if col >= 1 && col <= len(row.cells) && row.cells[col-1] != "" {
		return row.cells[col-1]
	}
	for _, m := range sr.scan.merges {
		if m.contains(col, row.num) && (m.col1 != col || m.row1 != row.num) {
			return sr.at(m.col1, m.row1)
		}
	}
	if col >= 1 && col <= len(row.cells) {
		return row.cells[col-1]
	}
	return ""
}

func (sr *sheetRows) at(col, rowNum int) string {
	if sr.index == nil {
		sr.index = make(map[int]int, len(sr.rows))
		for i, rw := range sr.rows {
			sr.index[rw.num] = i
		}
	}
	i, ok := sr.index[rowNum]
	if !ok || col < 1 || col > len(sr.rows[i].cells) {
		return ""
	}
	return sr.rows[i].cells[col-1]
}

func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return ""
	}
	return name
}

// readMeta reads the instrument's id, version and fingerprint from the
// _monev sheet (or custom properties) and rejects another instrument.
func (r *reader) readMeta(resp *Response) bool {
	meta := map[string]string{}
	if s, ok := r.sheet(SheetMeta); ok {
		sr, ok := r.readSheet(s, true)
		if !ok {
			return false
		}
		for i, rw := range sr.rows {
			if len(rw.cells) >= 2 {
				meta[strings.TrimSpace(sr.cell(i, 1))] = strings.TrimSpace(sr.cell(i, 2))
			}
		}
	}
	if len(meta) == 0 {
		if props, err := r.xl.GetCustomProps(); err == nil {
			for _, p := range props {
				if k, ok := strings.CutPrefix(p.Name, "monev_"); ok {
					meta[k] = strings.TrimSpace(fmt.Sprint(p.Value))
				}
			}
		}
	}
	resp.InstrumentID = meta[MetaInstrumentID]
	resp.InstrumentVersion = meta[MetaVersion]
	resp.Fingerprint = meta[MetaFingerprint]
	r.metaUnit, r.metaCategory = meta[MetaUnit], meta[MetaCategory]
	if resp.InstrumentID == "" && resp.InstrumentVersion == "" && resp.Fingerprint == "" {
		r.add(CodeMetadataMissing, "", "", "", "")
		return true
	}
	otherLabel := (resp.InstrumentID != "" && resp.InstrumentID != r.inst.ID) ||
		(resp.InstrumentVersion != "" && resp.InstrumentVersion != r.inst.Version)
	// The file's fingerprint (the questions fingerprint of the instrument the
	// template was made from) decides when there is one: the same questions
	// under another id or version are answered the same way, so the sheet is
	// scored with the instrument in use (e.g. one whose weights or bands were
	// corrected after the templates went out), with a warning in case it is
	// last year's sheet sent again.
	if resp.Fingerprint != "" {
		if resp.Fingerprint != r.rd.questionsFingerprint() {
			r.fail(CodeOtherInstrument, "", fmt.Sprintf(
				"Pertanyaan pada berkas berbeda dengan instrumen penilaian: berkas dibuat dari instrumen %s, sedangkan penilaian memakai instrumen %s.",
				describeInstrument(resp.InstrumentID, resp.InstrumentVersion, resp.Fingerprint),
				describeInstrument(r.inst.ID, r.inst.Version, r.rd.questionsFingerprint())))
			return false
		}
		if otherLabel {
			r.add(CodeOtherVersion, "", "", "", fmt.Sprintf(
				"Berkas dibuat dari instrumen %s, sedangkan penilaian memakai instrumen %s; pertanyaannya sama sehingga tetap dinilai.",
				describeInstrument(resp.InstrumentID, resp.InstrumentVersion, ""),
				describeInstrument(r.inst.ID, r.inst.Version, "")))
		}
		return true
	}
	if otherLabel {
		r.fail(CodeOtherInstrument, "", fmt.Sprintf(
			"Berkas dibuat dari instrumen %s, sedangkan yang dipakai untuk menilai adalah instrumen %s.",
			describeInstrument(resp.InstrumentID, resp.InstrumentVersion, ""),
			describeInstrument(r.inst.ID, r.inst.Version, "")))
		return false
	}
	return true
}

func describeInstrument(id, version, fp string) string {
	s := "“" + id + "”"
	if id == "" {
		s = "tanpa nama"
	}
	if version != "" {
		s += " versi " + version
	}
	if fp != "" {
		// The questions' fingerprint, not the one 'monev instrument' and the
		// Ringkasan sheet show as "Sidik jari": say which, so nobody looks for it there.
		s += " (sidik jari pertanyaan " + fp + ")"
	}
	return s
}

// questionSheet is the located questionnaire table.
type questionSheet struct {
	sheet     workbookSheet
	rows      *sheetRows
	headerIdx int            // index in rows of the header row
	cols      map[string]int // header constant → 1-based column
}

// headerAliases: a header cell matches a column when its folded text starts
// with one of these.
var headerAliases = map[string][]string{
	HeaderCode:         {"kode"},
	HeaderIndicator:    {"indikator"},
	HeaderQuestion:     {"pertanyaan"},
	HeaderGuidance:     {"petunjuk"},
	HeaderMaxPoints:    {"poin"},
	HeaderAnswer:       {"jawaban"},
	HeaderEvidence:     {"tautan", "bukti", "link"},
	HeaderNote:         {"catatan"},
	HeaderVerification: {"verifikasi"},
}

// headerScanRows: the header row is looked for among this many non-empty rows.
const headerScanRows = 50

func matchHeaders(cells []string) map[string]int {
	cols := map[string]int{}
	for i, c := range cells {
		key := answerKey(c)
		if key == "" {
			continue
		}
		for _, h := range QuestionColumns {
			if _, done := cols[h]; done {
				continue
			}
			for _, a := range headerAliases[h] {
				if strings.HasPrefix(key, a) {
					cols[h] = i + 1
					break
				}
			}
			if _, done := cols[h]; done {
				break
			}
		}
	}
	return cols
}

func findHeader(sr *sheetRows) (int, map[string]int, bool) {
	for i := range sr.rows {
		if i >= headerScanRows {
			break
		}
		cols := matchHeaders(sr.rows[i].cells)
		if cols[HeaderCode] > 0 && cols[HeaderAnswer] > 0 {
			return i, cols, true
		}
	}
	return 0, nil, false
}

// findQuestionSheet takes the Kuesioner sheet or, when it was renamed, the
// first sheet with a header row holding the Kode and Jawaban columns.
func (r *reader) findQuestionSheet() (questionSheet, bool) {
	try := func(s workbookSheet) (questionSheet, bool, bool) {
		sr, ok := r.readSheet(s, true)
		if !ok {
			return questionSheet{}, false, false
		}
		idx, cols, found := findHeader(sr)
		return questionSheet{sheet: s, rows: sr, headerIdx: idx, cols: cols}, found, true
	}
	named, hasNamed := r.sheet(SheetQuestions)
	var blank *questionSheet // the Kuesioner sheet when it holds no answer at all
	if hasNamed {
		qs, found, ok := try(named)
		if !ok {
			return qs, false
		}
		if found && qs.hasAnswers() {
			return qs, true
		}
		if found {
			blank = &qs
		}
	}
	// The other sheets may hold the questionnaire renamed, or a copy that
	// the operator answered while the Kuesioner sheet stayed blank. A sheet
	// that cannot be read (too large, damaged) is passed over: it is
	// reported only when no questionnaire is found elsewhere, as it may be
	// the questionnaire itself.
	var unreadable *Finding
	for _, s := range r.sheets {
		switch s.name {
		case SheetQuestions, SheetIdentity, SheetMeta, SheetOptions, SheetGuide:
			continue
		}
		saved := append([]Finding(nil), r.findings...)
		qs, found, ok := try(s)
		if !ok {
			if unreadable == nil {
				f := r.findings[len(r.findings)-1]
				unreadable = &f
			}
			r.findings = saved
			continue
		}
		switch {
		case !found:
		case blank == nil:
			return qs, true
		case qs.hasAnswers():
			r.add(CodeSheetCopyUsed, s.name, "", "", fmt.Sprintf(
				"Lembar \"%s\" tidak berisi jawaban; jawaban dibaca dari lembar \"%s\".", blank.sheet.name, s.name))
			return qs, true
		}
	}
	if blank != nil {
		return *blank, true
	}
	if hasNamed {
		// The sheet is there but its header row was changed or deleted.
		r.fail(CodeSheetNotFound, named.name, fmt.Sprintf(
			"Lembar \"%s\" ada, tetapi baris judul kolomnya tidak ditemukan: tidak ada baris dengan judul kolom \"%s\" dan \"%s\" (judul diubah atau barisnya dihapus), sehingga jawaban tidak dapat dibaca.",
			named.name, HeaderCode, HeaderAnswer))
		r.findings[len(r.findings)-1].Fix = "Kembalikan baris judul kolom seperti pada templat (" + strings.Join(QuestionColumns, ", ") +
			"), atau salin jawaban ke templat kosong, lalu kirim ulang."
		return questionSheet{}, false
	}
	if unreadable != nil {
		r.findings = append(r.findings[:0], *unreadable)
		return questionSheet{}, false
	}
	r.fail(CodeSheetNotFound, "", "")
	return questionSheet{}, false
}

// hasAnswers reports whether any cell of the answer column below the header
// is filled.
func (qs questionSheet) hasAnswers() bool {
	c := qs.cols[HeaderAnswer]
	for i := qs.headerIdx + 1; i < len(qs.rows.rows); i++ {
		if strings.TrimSpace(qs.rows.cell(i, c)) != "" {
			return true
		}
	}
	return false
}

// identityField ties an Identitas label to its field.
type identityField struct {
	label string
	set   func(*Identity, string)
	get   func(*Identity) string
}

var identityFields = []identityField{
	{LabelUnit, func(id *Identity, v string) { id.Unit = v }, func(id *Identity) string { return id.Unit }},
	{LabelCategory, func(id *Identity, v string) { id.Category = v }, func(id *Identity) string { return id.Category }},
	{LabelOperator, func(id *Identity, v string) { id.Operator = v }, func(id *Identity) string { return id.Operator }},
	{LabelContact, func(id *Identity, v string) { id.Contact = v }, func(id *Identity) string { return id.Contact }},
	{LabelDate, func(id *Identity, v string) { id.Date = v }, func(id *Identity) string { return id.Date }},
}

// labelKey folds a label for prefix matching, without its parenthesised part
// and colon: "Kontak (HP/Email)" → "kontak".
func labelKey(s string) string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(answerKey(s), ": ")
}

// readIdentity reads the Identitas sheet: labels in column A, values in B,
// wherever the rows are. A blank unit name or category falls back to what
// the template was made for (from the metadata), with a warning; a unit name
// known from neither is an error, since the file cannot be matched to a body.
func (r *reader) readIdentity(resp *Response) bool {
	s, found := r.sheet(SheetIdentity)
	if !found {
		resp.Identity.Unit, resp.Identity.Category = r.metaUnit, r.metaCategory
		r.add(CodeIdentityNotFound, "", "", "", "")
		if resp.Identity.Unit == "" {
			r.add(CodeIdentityMissing, "", "", "", fmt.Sprintf(
				"Lembar \"%s\" tidak ditemukan dan berkas tidak menyebut nama badan publik; berkas tidak dapat dicocokkan dengan badan publik.", SheetIdentity))
			r.findings[len(r.findings)-1].Severity = Error
		}
		return true
	}
	sr, ok := r.readSheet(s, false)
	if !ok {
		return false
	}
	cells := make([]string, len(identityFields)) // A1 cell of each value, "" if its label is absent
	for i, rw := range sr.rows {
		key := labelKey(sr.cell(i, 1))
		if key == "" {
			continue
		}
		for fi, fld := range identityFields {
			if cells[fi] == "" && strings.HasPrefix(key, labelKey(fld.label)) {
				cells[fi] = cellName(2, rw.num)
				fld.set(&resp.Identity, strings.TrimSpace(sr.cell(i, 2)))
				break
			}
		}
	}
	for fi, fld := range identityFields {
		if fld.get(&resp.Identity) != "" {
			continue
		}
		cell := cells[fi]
		msg := fmt.Sprintf("Isian identitas \"%s\" kosong.", fld.label)
		if cell == "" {
			msg = fmt.Sprintf("Baris identitas \"%s\" tidak ditemukan di kolom A.", fld.label)
		}
		severity := Warning
		switch {
		case fld.label == LabelUnit && r.metaUnit != "":
			resp.Identity.Unit = r.metaUnit
			msg += fmt.Sprintf(" Dipakai nama dari templat: \"%s\".", r.metaUnit)
		case fld.label == LabelUnit:
			msg += " Berkas tidak dapat dicocokkan dengan badan publik."
			severity = Error
		case fld.label == LabelCategory && r.metaCategory != "":
			resp.Identity.Category = r.metaCategory
			msg += fmt.Sprintf(" Dipakai kategori dari templat: \"%s\".", r.metaCategory)
		}
		r.add(CodeIdentityMissing, s.name, cell, "", msg)
		r.findings[len(r.findings)-1].Severity = severity
	}
	for fi, fld := range identityFields {
		switch fld.label {
		case LabelCategory:
			r.checkCategory(&resp.Identity, s.name, cells[fi])
		case LabelUnit:
			if u := resp.Identity.Unit; r.metaUnit != "" && !SameUnitName(u, r.metaUnit) {
				r.add(CodeUnitChanged, s.name, cells[fi], "", fmt.Sprintf(
					"Nama badan publik \"%s\" berbeda dengan nama pada templat (\"%s\"); berkas ini mungkin templat badan publik lain yang dipakai ulang.",
					clip(u, 80), r.metaUnit))
			}
		}
	}
	return true
}

// checkCategory gives a category typed in another case or spacing the
// instrument's spelling ("opd " → "OPD"), so that rankings per category do
// not split; one the instrument does not know is reported and replaced by
// the template's category when there is one.
func (r *reader) checkCategory(id *Identity, sheet, cell string) {
	if id.Category == "" || len(r.inst.Categories) == 0 {
		return
	}
	key := answerKey(id.Category)
	for _, c := range r.inst.Categories {
		if answerKey(c) == key {
			id.Category = c
			return
		}
	}
	msg := fmt.Sprintf("Kategori \"%s\" tidak dikenal oleh instrumen.", clip(id.Category, 40))
	if r.metaCategory != "" {
		id.Category = r.metaCategory
		msg += fmt.Sprintf(" Dipakai kategori dari templat: \"%s\".", r.metaCategory)
	}
	r.add(CodeCategoryUnknown, sheet, cell, "", msg)
	r.findings[len(r.findings)-1].Fix = "Pilih kategori dari daftar pada sel ini: " + strings.Join(r.inst.Categories, ", ") + "."
}

// readAnswers walks the rows below the header and fills resp.Answers.
func (r *reader) readAnswers(qs questionSheet, resp *Response) bool {
	sr, sheet := qs.rows, qs.sheet.name
	col := func(h string) int { return qs.cols[h] }
	if col(HeaderEvidence) == 0 {
		r.add(CodeEvidenceColumn, sheet, cellName(1, sr.rows[qs.headerIdx].num), "", "")
	}
	firstCell := map[string]string{} // item code → answer cell of its first row
	dup := map[string]bool{}
	for i := qs.headerIdx + 1; i < len(sr.rows); i++ {
		rw := sr.rows[i]
		typed := strings.TrimSpace(sr.cell(i, col(HeaderCode)))
		if typed == "" {
			continue
		}
		code := NormalizeCode(typed)
		codeCell := cellName(col(HeaderCode), rw.num)
		if sr.scan.numeric[codeCell] {
			code = r.numericCode(code, sr.cell(i, col(HeaderQuestion)))
		}
		answerCell := cellName(col(HeaderAnswer), rw.num)
		it := r.rd.items[code]
		if it == nil {
			if r.rd.indicators[code] {
				continue // indicator (group) row
			}
			if strings.TrimSpace(sr.cell(i, col(HeaderAnswer))) != "" || looksLikeCode(code) {
				r.add(CodeUnknownCode, sheet, codeCell, "", fmt.Sprintf(
					"Kode butir \"%s\" tidak dikenal dalam instrumen; baris ini diabaikan.", clip(typed, 40)))
			}
			continue
		}
		if sr.scan.numeric[codeCell] {
			r.add(CodeCodeAsNumber, sheet, codeCell, code, fmt.Sprintf(
				"Kode butir \"%s\" tersimpan sebagai angka, bukan teks; Excel dapat mengubahnya (misalnya 1.10 menjadi 1.1). Dibaca sebagai butir %s.", typed, code))
		}
		if first, seen := firstCell[code]; seen {
			if !dup[code] {
				dup[code] = true
				r.add(CodeDuplicateCode, sheet, cellName(col(HeaderCode), rowOf(first)), code, fmt.Sprintf(
					"Kode butir %s muncul lebih dari sekali (baris %d dan %d); tidak jelas jawaban mana yang berlaku, butir ini bernilai 0.", code, rowOf(first), rw.num))
			}
			r.add(CodeDuplicateCode, sheet, codeCell, code, fmt.Sprintf(
				"Kode butir %s sudah muncul di baris %d; tidak jelas jawaban mana yang berlaku, butir ini bernilai 0.", code, rowOf(first)))
			resp.Answers[code] = Answer{Item: code, Cell: first}
			continue
		}
		firstCell[code] = answerCell
		resp.Answers[code] = r.readAnswer(qs, i, it)
	}
	for _, it := range r.inst.Items {
		if _, ok := firstCell[it.Code]; !ok {
			r.add(CodeItemMissing, sheet, "", it.Code, fmt.Sprintf(
				"Butir %s tidak ada di lembar kuesioner (barisnya terhapus atau kodenya diubah); butir ini bernilai 0.", it.Code))
		}
	}
	return true
}

// numericCode resolves an item code stored as a number, which may have lost
// its trailing zeros ("1.10" became 1.1): among the items whose code is the
// number with zeros appended, the one whose question the row shows. Without
// such a match the number is taken as it stands.
func (r *reader) numericCode(code, question string) string {
	if !strings.Contains(code, ".") || strings.TrimSpace(question) == "" {
		return code
	}
	q := normalizeText(question)
	for _, it := range r.inst.Items {
		if strings.HasPrefix(it.Code, code) && strings.Trim(it.Code[len(code):], "0") == "" &&
			normalizeText(it.Question) == q {
			return it.Code
		}
	}
	return code
}

func rowOf(cell string) int {
	_, row, _ := splitRef(cell)
	return row
}

// looksLikeCode: digits and dots, like an item code ("1.2.3", "4.10").
func looksLikeCode(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

// readAnswer reads one item row.
func (r *reader) readAnswer(qs questionSheet, i int, it *Item) Answer {
	sr, sheet := qs.rows, qs.sheet.name
	rw := sr.rows[i]
	col := func(h string) int { return qs.cols[h] }
	a := Answer{Item: it.Code, Cell: cellName(col(HeaderAnswer), rw.num)}
	noEvidence := "" // what the evidence cell said instead of evidence
	a.Raw = sr.cell(i, col(HeaderAnswer))
	value, err := NormalizeAnswer(it, a.Raw)
	switch {
	case err != nil:
		r.add(CodeInvalidAnswer, sheet, a.Cell, it.Code, fmt.Sprintf(
			"Jawaban butir %s tidak sah: \"%s\" (%s).", it.Code, clip(strings.TrimSpace(a.Raw), 60), err.Error()))
		r.findings[len(r.findings)-1].Fix = fixFor(it)
	case value == "":
		r.add(CodeUnanswered, sheet, a.Cell, it.Code, fmt.Sprintf("Butir %s belum dijawab; butir ini bernilai 0.", it.Code))
		r.findings[len(r.findings)-1].Fix = fixFor(it)
	}
	a.Value = value

	if c := col(HeaderEvidence); c > 0 {
		a.EvidenceCell = cellName(c, rw.num)
		a.Evidence = strings.TrimSpace(sr.cell(i, c))
		if !IsEvidenceReference(a.Evidence) {
			if target := r.linkTarget(sr, c, rw.num); target != "" {
				a.Evidence = target
			}
		}
		if a.Evidence != "" && !IsEvidenceReference(a.Evidence) {
			if target := r.formulaLink(sheet, a.EvidenceCell); target != "" {
				a.Evidence = target
			}
		}
		if isNoEvidence(a.Evidence) {
			// "-", "tidak ada": the operator says there is none; it must
			// not count as evidence when scored.
			noEvidence, a.Evidence = a.Evidence, ""
		}
		if a.Evidence != "" && !IsEvidenceReference(a.Evidence) {
			r.add(CodeEvidenceInvalid, sheet, a.EvidenceCell, it.Code, fmt.Sprintf(
				"Bukti butir %s bukan tautan (http/https) dan bukan nama berkas: \"%s\".", it.Code, clip(a.Evidence, 80)))
		}
	}
	if c := col(HeaderNote); c > 0 {
		a.Note = strings.TrimSpace(sr.cell(i, c))
	}
	if it.EvidenceRequired && a.Evidence == "" && wouldScore(it, value) {
		cell := a.EvidenceCell
		if cell == "" {
			cell = a.Cell
		}
		empty := fmt.Sprintf("kolom \"%s\" kosong", HeaderEvidence)
		if noEvidence != "" {
			empty = fmt.Sprintf("kolom \"%s\" hanya berisi \"%s\"", HeaderEvidence, clip(noEvidence, 40))
		}
		r.add(CodeEvidenceMissing, sheet, cell, it.Code, fmt.Sprintf(
			"Butir %s wajib disertai bukti (tautan data dukung), tetapi %s; tanpa bukti butir ini bernilai 0.", it.Code, empty))
		if a.Note != "" && IsEvidenceReference(a.Note) {
			// Evidence is read only from its column; say where it went.
			f := &r.findings[len(r.findings)-1]
			f.Message += fmt.Sprintf(" Kolom \"%s\" berisi tautan atau nama berkas.", HeaderNote)
			f.Fix = fmt.Sprintf("Pindahkan tautan atau nama berkas bukti dari kolom \"%s\" ke kolom \"%s\" pada baris ini.", HeaderNote, HeaderEvidence)
		}
	}
	if c := col(HeaderVerification); c > 0 {
		raw := sr.cell(i, c)
		v, ok := NormalizeVerification(raw)
		if !ok {
			r.add(CodeInvalidVerdict, sheet, cellName(c, rw.num), it.Code, fmt.Sprintf(
				"Isian verifikasi butir %s tidak dikenal: \"%s\"; keputusan verifikator tidak jelas, sehingga sampai diperbaiki jawaban dinilai seperti belum diverifikasi.", it.Code, clip(strings.TrimSpace(raw), 40)))
		}
		a.Verification = v
	}
	if c := col(HeaderQuestion); c > 0 {
		if q := sr.cell(i, c); q != it.Question && strings.TrimSpace(q) != "" && normalizeText(q) != normalizeText(it.Question) {
			r.add(CodeQuestionChanged, sheet, cellName(c, rw.num), it.Code, fmt.Sprintf(
				"Teks pertanyaan butir %s berbeda dengan instrumen (\"%s\"); jawaban dinilai menurut kode butir.", it.Code, clip(it.Question, 100)))
		}
	}
	return a
}

func fixFor(it *Item) string {
	switch it.Kind {
	case KindYesNo:
		return "Pilih \"Ya\" atau \"Tidak\" dari daftar pilihan pada sel ini."
	case KindLevel:
		labels := make([]string, len(it.Levels))
		for i, l := range it.Levels {
			labels[i] = l.Label
		}
		return "Pilih salah satu: " + strings.Join(quoteAll(labels), ", ") + "."
	case KindCount:
		return "Isi bilangan bulat 0 atau lebih (tanpa satuan), misalnya 12."
	}
	return ""
}

// wouldScore reports whether a normalised answer earns points before the
// evidence is considered.
func wouldScore(it *Item, value string) bool {
	if value == "" {
		return false
	}
	switch it.Kind {
	case KindYesNo:
		return value == Yes
	case KindLevel:
		for _, l := range it.Levels {
			if l.Label == value {
				return l.Fraction.Sign() > 0
			}
		}
	case KindCount:
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return false
		}
		earned := false
		for _, t := range it.Tiers {
			if n >= t.Min {
				earned = t.Points.Sign() > 0
			}
		}
		return earned
	}
	return false
}

// linkTarget returns the external target of a hyperlink on the cell, "" if none.
func (r *reader) linkTarget(sr *sheetRows, col, row int) string {
	for _, l := range sr.scan.links {
		rg, ok := parseRange(l.ref)
		if !ok || !rg.contains(col, row) {
			continue
		}
		if l.rid == "" {
			return ""
		}
		dir := path.Dir(sr.sheet.part)
		data, err := r.part(path.Join(dir, "_rels", path.Base(sr.sheet.part)+".rels"))
		if err != nil {
			return ""
		}
		rels, err := parseRels(data)
		if err != nil {
			return ""
		}
		for _, rel := range rels {
			if rel.ID == l.rid {
				return strings.TrimSpace(rel.Target)
			}
		}
		return ""
	}
	return ""
}

// formulaLink returns the URL or file of a =HYPERLINK("…"; "teks") formula
// on the cell, whose cached value is only the text shown; "" if none. It is
// asked only for evidence that is not a reference by itself, as it makes
// excelize parse the sheet whole (once; the sheet was checked before).
func (r *reader) formulaLink(sheet, cell string) string {
	formula, err := r.xl.GetCellFormula(sheet, cell)
	if err != nil {
		return ""
	}
	if target := hyperlinkFormulaTarget(formula); IsEvidenceReference(target) {
		return strings.TrimSpace(target)
	}
	return ""
}

// hyperlinkFormulaTarget returns the first argument of a HYPERLINK call in a
// formula when it is a string literal ("" doubles a quote inside), else "".
func hyperlinkFormulaTarget(formula string) string {
	upper := []byte(formula) // ASCII upper case only, so offsets stay put
	for k, c := range upper {
		if c >= 'a' && c <= 'z' {
			upper[k] = c - 'a' + 'A'
		}
	}
	i := bytes.Index(upper, []byte("HYPERLINK("))
	if i < 0 {
		return ""
	}
	s := strings.TrimLeft(formula[i+len("HYPERLINK("):], " ")
	if !strings.HasPrefix(s, `"`) {
		return ""
	}
	var b strings.Builder
	for j := 1; j < len(s); j++ {
		if s[j] != '"' {
			b.WriteByte(s[j])
			continue
		}
		if j+1 < len(s) && s[j+1] == '"' {
			b.WriteByte('"')
			j++
			continue
		}
		return b.String()
	}
	return "" // unterminated
}

// itemLess orders item codes part by part numerically ("1.2" < "1.10").
func itemLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for k := 0; k < len(pa) && k < len(pb); k++ {
		na, ea := strconv.Atoi(pa[k])
		nb, eb := strconv.Atoi(pb[k])
		if ea == nil && eb == nil {
			if na != nb {
				return na < nb
			}
			continue
		}
		if pa[k] != pb[k] {
			return pa[k] < pb[k]
		}
	}
	return len(pa) < len(pb)
}
