package questionnaire

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"monev/internal/fileerr"
)

// Limits on a roster file: a kabupaten has well under a thousand bodies.
const (
	maxRosterBytes = 8 << 20  // a .csv larger than this is not a roster
	maxRosterUnzip = 64 << 20 // UnzipSizeLimit for an .xlsx roster
	maxRosterRows  = 20_000   // rows scanned in an .xlsx roster
	maxRosterCols  = 64       // cells looked at in one row
)

// Header texts accepted for the two roster columns, compared after
// lower-casing and collapsing spaces.
var (
	rosterNameHeaders     = []string{"nama", "nama badan publik", "badan publik", "unit", "nama unit", "nama opd", "opd/kecamatan"}
	rosterCategoryHeaders = []string{"kategori", "kategori badan publik", "jenis"}
)

// RosterError is a problem in a roster file, located by line (the row number
// for .xlsx; 0 when it concerns the whole file). Its message is Indonesian.
type RosterError struct {
	File string
	Line int
	Msg  string
}

func (e *RosterError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: baris %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// damagedRosterSheet says that a roster sheet could not be read to the end
// (excelize's English reason is not shown).
func damagedRosterSheet(sheet string) string {
	return "lembar " + sheet + " rusak dan tidak dapat dibaca; buka di Excel atau LibreOffice lalu simpan ulang sebagai Excel Workbook (.xlsx) atau CSV"
}

// ReadRoster reads a list of units from a .csv or .xlsx file. The header is
// the first row with a name column ("nama", "nama badan publik", "badan
// publik" or "unit") and a "kategori" column, matched case-insensitively, in
// any order, among other columns; up to 5 rows (a title) may stand above it. A .csv may use a
// comma or a semicolon (Indonesian Excel exports ';'), may start with a UTF-8
// BOM and may end its lines with CRLF; of an .xlsx the first sheet is read.
// Values are trimmed and inner runs of spaces collapsed; blank rows are
// skipped. A missing column, a blank name or category, or a name that occurs
// twice (ignoring case) is a *RosterError naming the line. Units come back in
// file order.
func ReadRoster(path string) ([]Unit, error) {
	var (
		rows []rosterRow
		err  error
	)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		rows, err = readRosterCSV(path)
	case ".xlsx", ".xlsm":
		rows, err = readRosterXLSX(path)
	default:
		return nil, &RosterError{File: path, Msg: "format daftar badan publik tidak dikenal; gunakan berkas .csv atau .xlsx dengan kolom nama dan kategori"}
	}
	if err != nil {
		return nil, err
	}
	return unitsFromRows(path, rows)
}

// rosterRow is one row of a roster file with its line number.
type rosterRow struct {
	line   int
	fields []string
}

func readRosterCSV(path string) ([]rosterRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRosterBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxRosterBytes {
		return nil, &RosterError{File: path, Msg: fmt.Sprintf("berkas terlalu besar untuk daftar badan publik (lebih dari %d MB)", maxRosterBytes>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = csvSeparator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows []rosterRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &RosterError{File: path, Line: pe.Line, Msg: "baris CSV tidak dapat dibaca; buka di Excel atau LibreOffice lalu simpan ulang sebagai CSV"}
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, rosterRow{line: line, fields: rec})
	}
	return rows, nil
}

// csvSeparator guesses the separator from the first line that has one: a
// semicolon when it has more semicolons than commas (a name such as
// "Dinas Pekerjaan Umum, ..." is quoted in a comma file), otherwise a comma;
// a tab when it has tabs and neither.
func csvSeparator(data []byte) rune {
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		semi, comma, tab := bytes.Count(line, []byte(";")), bytes.Count(line, []byte(",")), bytes.Count(line, []byte("\t"))
		if semi+comma+tab == 0 {
			continue // a title line without separators says nothing
		}
		switch {
		case semi > comma:
			return ';'
		case comma == 0 && tab > 0:
			return '\t'
		default:
			return ','
		}
	}
	return ','
}

func readRosterXLSX(path string) ([]rosterRow, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxRosterUnzip, UnzipXMLSizeLimit: maxRosterUnzip})
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, &RosterError{File: path, Msg: fileerr.Text(err)}
		}
		return nil, &RosterError{File: path, Msg: "bukan buku kerja .xlsx yang utuh; simpan ulang sebagai Excel Workbook (.xlsx) atau CSV"}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &RosterError{File: path, Msg: "berkas .xlsx tidak memiliki lembar"}
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, &RosterError{File: path, Msg: damagedRosterSheet(sheets[0])}
	}
	defer it.Close()
	var rows []rosterRow
	for line := 1; it.Next(); line++ {
		if line > maxRosterRows {
			return nil, &RosterError{File: path, Line: line, Msg: fmt.Sprintf("terlalu banyak baris (lebih dari %d)", maxRosterRows)}
		}
		cols, err := it.Columns()
		if err != nil {
			return nil, &RosterError{File: path, Line: line, Msg: damagedRosterSheet(sheets[0])}
		}
		if len(cols) > maxRosterCols {
			cols = cols[:maxRosterCols]
		}
		rows = append(rows, rosterRow{line: line, fields: cols})
	}
	if err := it.Error(); err != nil {
		return nil, &RosterError{File: path, Msg: damagedRosterSheet(sheets[0])}
	}
	return rows, nil
}

// maxTitleRows is how many non-blank rows may stand above the header (a
// title such as "Daftar PPID Pembantu", a date line, …).
const maxTitleRows = 5

// unitsFromRows finds the header, then turns every non-blank row below it
// into a Unit.
func unitsFromRows(path string, rows []rosterRow) ([]Unit, error) {
	first, h, nameCol, catCol, seenRows := -1, -1, -1, -1, 0
	for i, row := range rows {
		if blankRow(row.fields) {
			continue
		}
		if first < 0 {
			first = i
		}
		if n, c := headerColumns(row.fields); n >= 0 && c >= 0 {
			h, nameCol, catCol = i, n, c
			break
		}
		if seenRows++; seenRows > maxTitleRows {
			break
		}
	}
	if first < 0 {
		return nil, &RosterError{File: path, Msg: "daftar badan publik kosong; baris pertama harus berisi judul kolom nama dan kategori"}
	}
	if h < 0 {
		// Report against the first row, the most likely header.
		header := rows[first]
		n, c := headerColumns(header.fields)
		var missing []string
		if n < 0 {
			missing = append(missing, `"nama"`)
		}
		if c < 0 {
			missing = append(missing, `"kategori"`)
		}
		return nil, &RosterError{File: path, Line: header.line, Msg: fmt.Sprintf(
			"kolom %s tidak ditemukan pada baris judul (%s); baris judul harus memuat kolom nama dan kategori",
			strings.Join(missing, " dan "), strings.Join(cleanAll(header.fields), " | "))}
	}
	header := rows[h]
	var units []Unit
	seen := map[string]int{} // folded name → line
	for _, row := range rows[h+1:] {
		if blankRow(row.fields) {
			continue
		}
		name, cat := field(row.fields, nameCol), field(row.fields, catCol)
		if name == "" {
			return nil, &RosterError{File: path, Line: row.line, Msg: "nama badan publik kosong; isi kolom nama atau hapus baris ini"}
		}
		if cat == "" {
			return nil, &RosterError{File: path, Line: row.line, Msg: fmt.Sprintf("kategori %q kosong; isi kolom kategori (mis. OPD atau Kecamatan)", name)}
		}
		key := strings.ToLower(name)
		if prev, ok := seen[key]; ok {
			return nil, &RosterError{File: path, Line: row.line, Msg: fmt.Sprintf("nama %q sudah ada di baris %d; setiap badan publik hanya boleh tercantum sekali", name, prev)}
		}
		seen[key] = row.line
		units = append(units, Unit{Name: name, Category: cat})
	}
	if len(units) == 0 {
		return nil, &RosterError{File: path, Line: header.line, Msg: "daftar badan publik tidak berisi satu pun baris di bawah judul kolom"}
	}
	return units, nil
}

func cleanAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if c := cleanCell(s); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func field(fields []string, i int) string {
	if i < len(fields) {
		return cleanCell(fields[i])
	}
	return ""
}

func blankRow(fields []string) bool {
	for _, f := range fields {
		if cleanCell(f) != "" {
			return false
		}
	}
	return true
}

// headerColumns returns the indexes of the name and category columns in a
// header row, -1 for a column not found.
func headerColumns(fields []string) (nameCol, catCol int) {
	nameCol, catCol = -1, -1
	for i, v := range fields {
		key := answerKey(v)
		if nameCol < 0 && slices.Contains(rosterNameHeaders, key) {
			nameCol = i
		}
		if catCol < 0 && slices.Contains(rosterCategoryHeaders, key) {
			catCol = i
		}
	}
	return nameCol, catCol
}
