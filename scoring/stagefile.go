package scoring

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"monev/internal/fileerr"
	"monev/questionnaire"
)

// Finding codes of a later-stage score file.
const (
	// CodeStageNotNumber: the score cell is not a number.
	CodeStageNotNumber questionnaire.Code = "nilai-tahap-bukan-angka"
	// CodeStageOutOfRange: the score is below 0 or above 100.
	CodeStageOutOfRange questionnaire.Code = "nilai-tahap-di-luar-rentang"
	// CodeStageDuplicate: the same body is listed twice.
	CodeStageDuplicate questionnaire.Code = "nilai-tahap-ganda"
	// CodeStageEmpty: a body is listed without a score; it is treated as not having taken part.
	CodeStageEmpty questionnaire.Code = "nilai-tahap-kosong"
	// CodeStageNoName: a score is given without a body name.
	CodeStageNoName questionnaire.Code = "nilai-tahap-tanpa-nama"
)

// stageMaxRows bounds the rows read from a stage score file.
const stageMaxRows = 100000

var decimalPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// ReadStageScores reads the scores of one later stage (e.g. presentasi) from a
// .csv (separated by ',' or ';', optionally with a byte-order mark) or an
// .xlsx file (first sheet). The first non-empty row is the header; it must
// have a name column ("nama", "nama badan publik" or "badan publik") and a
// score column ("nilai…" or "skor…"), in any case and order. Scores run from
// 0 to 100 with '.' or ',' as decimal mark and are kept exact.
//
// The map is keyed by the body name as written (trimmed); ScoreFiles matches
// it with questionnaire.NormalizeUnitName. Rows that are wrong (not a number, out of range,
// a body listed twice, a score with no name) become error findings located by
// line (CSV: "baris 7: …" in the message) or cell (xlsx); a listed body
// with an empty score is a warning and left out. err is set when the file
// cannot be read or has no usable header.
func ReadStageScores(path string) (map[string]*big.Rat, []questionnaire.Finding, error) {
	var rows [][]string
	var sheet string
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		rows, err = readCSVRows(path)
	case ".xlsx":
		rows, sheet, err = readXLSXRows(path)
	default:
		return nil, nil, fmt.Errorf("%s: nilai tahap harus berupa berkas .csv atau .xlsx", path)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}

	header := -1
	for i, r := range rows {
		if !blankRow(r) {
			header = i
			break
		}
	}
	if header < 0 {
		return nil, nil, fmt.Errorf("%s: berkas kosong; baris pertama harus berjudul kolom nama dan nilai", path)
	}
	nameCol, scoreCol := -1, -1
	for j, h := range rows[header] {
		h = strings.ToLower(collapseSpaces(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case nameCol < 0 && (h == "nama" || h == "badan publik" || h == "nama badan publik" || h == "nama badan"):
			nameCol = j
		case scoreCol < 0 && (strings.HasPrefix(h, "nilai") || strings.HasPrefix(h, "skor")):
			scoreCol = j
		}
	}
	if nameCol < 0 || scoreCol < 0 {
		return nil, nil, fmt.Errorf("%s: baris judul (baris %d) harus memuat kolom \"nama\" dan \"nilai\"; ditemukan: %s",
			path, header+1, strings.Join(rows[header], ", "))
	}

	scores := map[string]*big.Rat{}
	firstRow := map[string]int{}
	var fs []questionnaire.Finding
	hundred := big.NewRat(100, 1)
	for i := header + 1; i < len(rows); i++ {
		r := rows[i]
		if blankRow(r) {
			continue
		}
		name := collapseSpaces(cellAt(r, nameCol))
		raw := strings.TrimSpace(cellAt(r, scoreCol))
		// at locates a finding: a cell on an .xlsx sheet, a line in a CSV
		// (the line goes in front of the message).
		at := func(col int) questionnaire.Finding {
			if sheet == "" {
				return questionnaire.Finding{File: path}
			}
			cell, _ := excelize.CoordinatesToCellName(col+1, i+1)
			return questionnaire.Finding{File: path, Sheet: sheet, Cell: cell}
		}
		where := ""
		if sheet == "" {
			where = fmt.Sprintf("baris %d: ", i+1)
		}
		if questionnaire.NormalizeUnitName(name) == "" {
			f := at(nameCol)
			f.Code, f.Severity = CodeStageNoName, questionnaire.Error
			f.Message = fmt.Sprintf("%snilai %q tanpa nama badan publik", where, raw)
			f.Fix = "isi nama badan publik atau hapus baris ini"
			fs = append(fs, f)
			continue
		}
		if raw == "" {
			f := at(scoreCol)
			f.Code, f.Severity = CodeStageEmpty, questionnaire.Warning
			f.Message = where + fmt.Sprintf("nilai %q kosong; dianggap tidak mengikuti tahap ini", name)
			f.Fix = "isi nilainya (0–100) bila badan ini mengikuti tahap ini"
			fs = append(fs, f)
			continue
		}
		v, ok := parseStageScore(raw)
		if !ok {
			f := at(scoreCol)
			f.Code, f.Severity = CodeStageNotNumber, questionnaire.Error
			f.Message = where + fmt.Sprintf("nilai %q untuk %q bukan angka", raw, name)
			f.Fix = "tulis angka 0–100, misalnya 85 atau 85,5"
			fs = append(fs, f)
			continue
		}
		if v.Sign() < 0 || v.Cmp(hundred) > 0 {
			f := at(scoreCol)
			f.Code, f.Severity = CodeStageOutOfRange, questionnaire.Error
			f.Message = where + fmt.Sprintf("nilai %s untuk %q di luar rentang 0–100", raw, name)
			f.Fix = "tulis nilai antara 0 dan 100"
			fs = append(fs, f)
			continue
		}
		key := questionnaire.NormalizeUnitName(name)
		if prev, dup := firstRow[key]; dup {
			f := at(nameCol)
			f.Code, f.Severity = CodeStageDuplicate, questionnaire.Error
			f.Message = where + fmt.Sprintf("%q sudah tercantum di baris %d", name, prev+1)
			f.Fix = "sisakan satu baris untuk setiap badan publik"
			fs = append(fs, f)
			continue
		}
		firstRow[key] = i
		scores[name] = v
	}
	questionnaire.SortFindings(fs)
	asSentences(fs)
	return scores, fs, nil
}

// parseStageScore reads "85", "85.5" or "85,5" exactly.
func parseStageScore(s string) (*big.Rat, bool) {
	t := strings.ReplaceAll(s, ",", ".")
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	if !decimalPattern.MatchString(t) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return nil, false
	}
	if neg {
		r.Neg(r)
	}
	return r, true
}

func readCSVRows(path string) ([][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errors.New(fileerr.Text(err))
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var rows [][]string
	for len(rows) < stageMaxRows {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			where := ""
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				where = fmt.Sprintf(" di baris %d", pe.Line)
			}
			return nil, fmt.Errorf("CSV rusak%s; buka di Excel atau LibreOffice lalu simpan ulang sebagai CSV", where)
		}
		// csv skips empty lines; keep line numbers right.
		line, _ := cr.FieldPos(0)
		for len(rows) < line-1 {
			rows = append(rows, nil)
		}
		rows = append(rows, rec)
	}
	return rows, nil
}

// damagedStageSheet says that the first sheet of a stage .xlsx could not be
// read to the end (excelize's English reason is not shown).
const damagedStageSheet = "lembar pertama rusak dan tidak dapat dibaca; buka di Excel atau LibreOffice lalu simpan ulang sebagai Excel Workbook (.xlsx) atau CSV"

func readXLSXRows(path string) ([][]string, string, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, "", errors.New(fileerr.Text(err))
		}
		return nil, "", errors.New("bukan berkas .xlsx yang dapat dibaca; buka di Excel atau LibreOffice lalu simpan ulang sebagai Excel Workbook (.xlsx) atau CSV")
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, "", errors.New(damagedStageSheet)
	}
	defer it.Close()
	var rows [][]string
	for it.Next() && len(rows) < stageMaxRows {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, "", errors.New(damagedStageSheet)
		}
		rows = append(rows, cols)
	}
	if err := it.Error(); err != nil {
		return nil, "", errors.New(damagedStageSheet)
	}
	// Numbers typed in a spreadsheet come back as binary floats ("85.549999999999997");
	// the shortest text that reads back to the same float is what was typed.
	for _, r := range rows {
		for j, c := range r {
			if v, err := strconv.ParseFloat(c, 64); err == nil && strings.ContainsAny(c, ".eE") {
				r[j] = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
	}
	return rows, sheet, nil
}

func blankRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func cellAt(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}
