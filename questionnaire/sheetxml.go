package questionnaire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// sheetScan is what one pass of encoding/xml over a worksheet part learns.
// The pass exists because excelize stops silently at the first XML error and
// returns only the rows before it; tokenising the part with the same decoder
// (strict, same charset handling) proves that excelize will see all of it.
// The same pass collects what would otherwise cost a second full unmarshal
// of the sheet in excelize (merged cells, hyperlinks).
type sheetScan struct {
	rows        int   // <row> elements in sheetData
	lastRow     int   // number of the last row, as excelize's Rows counts it
	paddedCells int64 // Σ over rows of the highest column: what excelize's Rows allocates
	tooLarge    bool  // stopped early: more rows or padded cells than allowed
	merges      []cellRange
	links       []sheetLink
	numeric     map[string]bool // numeric cells whose value holds a '.', by A1 ref
}

type cellRange struct{ col1, row1, col2, row2 int }

type sheetLink struct {
	ref      string // A1 cell or range
	rid      string // relationship id of an external target
	location string // in-workbook target
}

var errDamaged = errors.New("worksheet XML damaged")

// scanSheet tokenises a worksheet part. It returns errDamaged (wrapped) when
// the XML is not well formed or ends early.
func scanSheet(data []byte, maxRows int, cellBudget int64) (sheetScan, error) {
	var sc sheetScan
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	var stack []xml.Name
	var (
		sawRoot, sawSheetDataEnd bool
		inRow, inV               bool
		rowMaxCol, col           int
		cellRef                  string
		cellNumeric              bool
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return sc, errors.Join(errDamaged, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				if sawRoot {
					return sc, errors.Join(errDamaged, errors.New("second root element"))
				}
				sawRoot = true
			}
			stack = append(stack, t.Name)
			switch t.Name.Local {
			case "row":
				if inRow || len(stack) != 3 {
					continue
				}
				inRow, rowMaxCol, col = true, 0, 0
				sc.rows++
				if sc.rows > maxRows {
					sc.tooLarge = true
					return sc, nil
				}
				numbered := false
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						numbered = rowNumber(a.Value, &sc.lastRow)
					}
				}
				if !numbered {
					sc.lastRow++
				}
			case "c":
				if !inRow {
					continue
				}
				col++
				cellRef, cellNumeric = "", true
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						cellRef = a.Value
						if c := columnOf(a.Value); c > 0 {
							col = c
						}
					case "t":
						cellNumeric = a.Value == "n" || a.Value == ""
					}
				}
				if col > rowMaxCol {
					rowMaxCol = col
				}
			case "v":
				inV = inRow
			case "mergeCell":
				for _, a := range t.Attr {
					if a.Name.Local == "ref" {
						if r, ok := parseRange(a.Value); ok {
							sc.merges = append(sc.merges, r)
						}
					}
				}
			case "hyperlink":
				var l sheetLink
				for _, a := range t.Attr {
					switch {
					case a.Name.Local == "ref":
						l.ref = a.Value
					case a.Name.Local == "id" && a.Name.Space != "":
						l.rid = a.Value
					case a.Name.Local == "location":
						l.location = a.Value
					}
				}
				sc.links = append(sc.links, l)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return sc, errors.Join(errDamaged, errors.New("unexpected end element"))
			}
			top := stack[len(stack)-1]
			if top != t.Name {
				return sc, errors.Join(errDamaged, errors.New("element <"+top.Local+"> closed by </"+t.Name.Local+">"))
			}
			stack = stack[:len(stack)-1]
			switch t.Name.Local {
			case "row":
				if inRow && len(stack) == 2 {
					inRow = false
					sc.paddedCells += int64(rowMaxCol)
					if sc.paddedCells > cellBudget {
						sc.tooLarge = true
						return sc, nil
					}
				}
			case "v":
				inV = false
			case "sheetData":
				sawSheetDataEnd = true
			}
		case xml.CharData:
			if inV && cellNumeric && cellRef != "" && bytes.IndexByte(t, '.') >= 0 {
				if sc.numeric == nil {
					sc.numeric = make(map[string]bool)
				}
				sc.numeric[cellRef] = true
			}
		}
	}
	if len(stack) != 0 || !sawRoot {
		return sc, errors.Join(errDamaged, errors.New("unexpected end of part"))
	}
	if !sawSheetDataEnd {
		return sc, errors.Join(errDamaged, errors.New("no sheetData"))
	}
	return sc, nil
}

// rowNumber applies a row's r attribute the way excelize's Rows does: a
// non-zero integer sets the row number; anything else means "next row"
// (reported as numbered=false).
func rowNumber(v string, last *int) (numbered bool) {
	n, err := strconv.Atoi(v)
	if err != nil || n == 0 {
		return false
	}
	*last = n
	return true
}

// columnOf returns the 1-based column of an A1 reference, 0 if malformed.
func columnOf(ref string) int {
	col := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a'+1)
		case c == '$':
		default:
			return col
		}
		if col > 1<<20 {
			return 0
		}
	}
	return col
}

// splitRef splits "B12" into column 2 and row 12; ok=false if malformed.
func splitRef(ref string) (col, row int, ok bool) {
	ref = strings.ReplaceAll(ref, "$", "")
	i := 0
	for i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z') {
		i++
	}
	if i == 0 || i == len(ref) || i > 3 {
		return 0, 0, false
	}
	col = columnOf(ref[:i])
	for _, c := range []byte(ref[i:]) {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > 1<<21 {
			return 0, 0, false
		}
	}
	return col, row, col > 0 && row > 0
}

func parseRange(s string) (cellRange, bool) {
	a, b, found := strings.Cut(s, ":")
	c1, r1, ok1 := splitRef(a)
	if !ok1 {
		return cellRange{}, false
	}
	if !found {
		return cellRange{c1, r1, c1, r1}, true
	}
	c2, r2, ok2 := splitRef(b)
	if !ok2 {
		return cellRange{}, false
	}
	return cellRange{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}

func (r cellRange) contains(col, row int) bool {
	return col >= r.col1 && col <= r.col2 && row >= r.row1 && row <= r.row2
}

// relationships reads a .rels part: id → target (with mode).
type relationship struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr"`
}

func parseRels(data []byte) ([]relationship, error) {
	var rels struct {
		Relationship []relationship `xml:"Relationship"`
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	err := d.Decode(&rels)
	return rels.Relationship, err
}

// workbookSheet is one sheet listed in xl/workbook.xml with its part path.
type workbookSheet struct {
	name string
	part string
}

func parseWorkbookSheets(workbook []byte, rels []relationship, dir string) ([]workbookSheet, error) {
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	d := xml.NewDecoder(bytes.NewReader(workbook))
	d.CharsetReader = charset.NewReaderLabel
	if err := d.Decode(&wb); err != nil {
		return nil, err
	}
	var out []workbookSheet
	for _, s := range wb.Sheets {
		rid := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				rid = a.Value
			}
		}
		for _, r := range rels {
			if r.ID == rid {
				out = append(out, workbookSheet{name: s.Name, part: resolvePart(dir, r.Target)})
			}
		}
	}
	return out, nil
}

// resolvePart resolves a relationship target against the directory of its source part.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	parts := strings.Split(dir, "/")
	if dir == "" {
		parts = nil
	}
	for _, p := range strings.Split(target, "/") {
		switch p {
		case "", ".":
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		default:
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "/")
}
