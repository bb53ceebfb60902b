package sample

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"monev/questionnaire"
)

// layout is where things are on a questionnaire workbook, found the way the
// reader finds them: the Kuesioner sheet by name or by its header row, the
// columns by header text, the item rows by code.
type layout struct {
	sheet     string
	headerRow int
	col       map[string]int // header constant → 1-based column
	rows      map[string]int // item code → row
	itemRows  []int          // rows holding an item, ascending
	lastCol   int
}

// findLayout locates the questionnaire sheet, its columns and item rows.
func findLayout(f *excelize.File, inst *questionnaire.Instrument) (*layout, error) {
	sheets := f.GetSheetList()
	// The sheet named Kuesioner first, then any other.
	for i, s := range sheets {
		if s == questionnaire.SheetQuestions {
			sheets[0], sheets[i] = sheets[i], sheets[0]
		}
	}
	for _, s := range sheets {
		if l, err := sheetLayout(f, s, inst); err == nil && l != nil {
			return l, nil
		}
	}
	return nil, fmt.Errorf("sheet kuesioner (baris judul %q … %q) tidak ditemukan", questionnaire.HeaderCode, questionnaire.HeaderAnswer)
}

func sheetLayout(f *excelize.File, sheet string, inst *questionnaire.Instrument) (*layout, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	l := &layout{sheet: sheet, col: map[string]int{}, rows: map[string]int{}}
	for r, cells := range rows {
		if r >= 30 {
			break
		}
		cols := map[string]int{}
		for c, v := range cells {
			v = strings.ToLower(strings.TrimSpace(v))
			for _, h := range questionnaire.QuestionColumns {
				if _, seen := cols[h]; !seen && v != "" && strings.HasPrefix(v, strings.ToLower(h)) {
					cols[h] = c + 1
				}
			}
		}
		if cols[questionnaire.HeaderCode] > 0 && cols[questionnaire.HeaderAnswer] > 0 {
			l.headerRow, l.col, l.lastCol = r+1, cols, len(cells)
			break
		}
	}
	if l.headerRow == 0 {
		return nil, nil
	}
	codeCol := l.col[questionnaire.HeaderCode]
	for r := l.headerRow; r < len(rows); r++ {
		if codeCol-1 >= len(rows[r]) {
			continue
		}
		code := strings.TrimSpace(rows[r][codeCol-1])
		if inst.Item(code) != nil {
			if _, dup := l.rows[code]; !dup {
				l.rows[code] = r + 1
				l.itemRows = append(l.itemRows, r+1)
			}
		}
	}
	return l, nil
}

func (l *layout) cell(header, code string) (string, error) {
	c, ok := l.col[header]
	if !ok {
		return "", fmt.Errorf("kolom %q tidak ada di sheet %q", header, l.sheet)
	}
	r, ok := l.rows[code]
	if !ok {
		return "", fmt.Errorf("butir %s tidak ada di sheet %q", code, l.sheet)
	}
	return excelize.CoordinatesToCellName(c, r)
}

// labelCell returns the cell right of the first cell in column A of sheet
// whose text starts with label (case-insensitive), e.g. the value cell of
// "Nama Badan Publik" on Identitas.
func labelCell(f *excelize.File, sheet, label string) (string, error) {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return "", err
	}
	want := strings.ToLower(label)
	for r, cells := range rows {
		if len(cells) > 0 && strings.HasPrefix(strings.ToLower(strings.TrimSpace(cells[0])), want) {
			return excelize.CoordinatesToCellName(2, r+1)
		}
	}
	return "", fmt.Errorf("label %q tidak ada di sheet %q", label, sheet)
}

// fillIdentity writes the identity values beside their labels on Identitas.
func fillIdentity(f *excelize.File, id questionnaire.Identity, messy bool) error {
	vals := map[string]string{
		questionnaire.LabelUnit:     id.Unit,
		questionnaire.LabelCategory: id.Category,
		questionnaire.LabelOperator: id.Operator,
		questionnaire.LabelContact:  id.Contact,
		questionnaire.LabelDate:     id.Date,
	}
	for _, label := range questionnaire.IdentityLabels {
		cell, err := labelCell(f, questionnaire.SheetIdentity, label)
		if err != nil {
			return err
		}
		v := vals[label]
		if messy && label == questionnaire.LabelUnit {
			v += "  "
		}
		if err := f.SetCellStr(questionnaire.SheetIdentity, cell, v); err != nil {
			return err
		}
	}
	return nil
}

// setMeta overwrites the value of a key on the hidden _monev sheet and the
// matching custom document property, where present.
func setMeta(f *excelize.File, key, value string) error {
	if idx, _ := f.GetSheetIndex(questionnaire.SheetMeta); idx >= 0 {
		if cell, err := labelCell(f, questionnaire.SheetMeta, key); err == nil {
			if err := f.SetCellStr(questionnaire.SheetMeta, cell, value); err != nil {
				return err
			}
		}
	}
	props, err := f.GetCustomProps()
	if err != nil {
		return nil // no custom properties part: nothing to update
	}
	for _, p := range props {
		if p.Name == "monev_"+key {
			return f.SetCustomProps(excelize.CustomProperty{Name: p.Name, Value: value})
		}
	}
	return nil
}

// sortRows rewrites the item rows' contents in the order of their question
// text, as an operator who sorts the table by the question column does. Only
// values move; the template's per-column styles stay where they are.
func sortRows(f *excelize.File, l *layout) error {
	type rowData struct {
		question string
		cells    []any
	}
	qcol := l.col[questionnaire.HeaderQuestion]
	if qcol == 0 {
		qcol = l.col[questionnaire.HeaderCode]
	}
	var data []rowData
	for _, r := range l.itemRows {
		rd := rowData{}
		for c := 1; c <= l.lastCol; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			v, err := f.GetCellValue(l.sheet, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				return err
			}
			t, _ := f.GetCellType(l.sheet, ref)
			var val any = v
			if t == excelize.CellTypeNumber || t == excelize.CellTypeUnset && v != "" {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					val = n
				}
			}
			if v == "" {
				val = nil
			}
			rd.cells = append(rd.cells, val)
			if c == qcol {
				rd.question = v
			}
		}
		data = append(data, rd)
	}
	slices.SortStableFunc(data, func(a, b rowData) int { return strings.Compare(a.question, b.question) })
	for i, r := range l.itemRows {
		for c, v := range data[i].cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			var err error
			switch x := v.(type) {
			case string:
				err = f.SetCellStr(l.sheet, ref, x)
			default:
				err = f.SetCellValue(l.sheet, ref, x)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// addFormulaCaches gives the formula cells listed (A1 ref → cached value) a
// cached value, as Excel and LibreOffice store it; excelize writes formulas
// without one. cells are on one worksheet; every worksheet part holding a
// formula in one of those cells is patched.
func addFormulaCaches(data []byte, cells map[string]string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/") && strings.HasSuffix(zf.Name, ".xml") {
			for ref, v := range cells {
				re := regexp.MustCompile(`(<c r="` + ref + `"[^>]*>)(<f>[^<]*</f>)(<v>[^<]*</v>)?(</c>)`)
				var esc bytes.Buffer
				if err := xml.EscapeText(&esc, []byte(v)); err != nil {
					return nil, err
				}
				body = re.ReplaceAll(body, []byte("${1}${2}<v>"+strings.ReplaceAll(esc.String(), "$", "$$")+"</v>${4}"))
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
