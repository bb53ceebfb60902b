package questionnaire

import (
	"bytes"
	"unicode/utf8"
)

// checkSheet scans a worksheet part and reports whether its XML is whole.
//
// It first runs scanSheetFast, a byte scanner about 15 times cheaper than
// encoding/xml that accepts only plain, well-formed XML of the kind
// spreadsheet programs write and is stricter than encoding/xml in every
// respect it checks. Whatever it does not accept (damage, or merely
// something unusual such as a DOCTYPE or another encoding) goes to
// scanSheet, the encoding/xml pass with the decoder excelize itself uses,
// which gives the verdict. So the fast path decides only the cases where
// both agree; FuzzScanSheet checks that.
func checkSheet(data []byte, maxRows int, cellBudget int64) (sheetScan, error) {
	if sc, ok := scanSheetFast(data, maxRows, cellBudget); ok {
		return sc, nil
	}
	return scanSheet(data, maxRows, cellBudget)
}

// fastScanner is the state of scanSheetFast.
type fastScanner struct {
	data       []byte
	i          int
	maxRows    int
	cellBudget int64
	sc         sheetScan

	stack           [][]byte
	sawRoot         bool
	sawSheetDataEnd bool
	inRow, inV      bool
	rowMaxCol, col  int
	cellRef         []byte
	cellNumeric     bool
	rowNumbered     bool // the current row had a usable r attribute
	done            bool // stopped early (too large)
}

// scanSheetFast is the fast path of checkSheet; ok=false means "not sure".
func scanSheetFast(data []byte, maxRows int, cellBudget int64) (sheetScan, bool) {
	s := &fastScanner{data: data, maxRows: maxRows, cellBudget: cellBudget}
	if !s.run() {
		return sheetScan{}, false
	}
	return s.sc, true
}

func (s *fastScanner) run() bool {
	d := s.data
	if len(d) >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF {
		return false // BOM: leave it to encoding/xml
	}
	first := true
	for s.i < len(d) && !s.done {
		if d[s.i] != '<' {
			if !s.text() {
				return false
			}
			first = false
			continue
		}
		if s.i+1 >= len(d) {
			return false
		}
		var ok bool
		switch d[s.i+1] {
		case '?':
			ok = first && s.declaration()
		case '!':
			ok = s.comment()
		case '/':
			ok = s.endTag()
		default:
			ok = s.startTag()
		}
		if !ok {
			return false
		}
		first = false
	}
	if s.done {
		return true
	}
	return len(s.stack) == 0 && s.sawRoot && s.sawSheetDataEnd
}

// text scans character data up to the next '<'.
func (s *fastScanner) text() bool {
	d := s.data
	start := s.i
	for s.i < len(d) && d[s.i] != '<' {
		c := d[s.i]
		switch {
		case c == '&':
			if s.inV && s.cellNumeric || !s.entity() {
				return false // in a number: let encoding/xml decode it
			}
			continue
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' {
				return false
			}
		case c >= 0x80:
			if !s.utf8Char() {
				return false
			}
			continue
		case c == '>':
			if s.i-start >= 2 && d[s.i-1] == ']' && d[s.i-2] == ']' {
				return false // "]]>" is not allowed in text
			}
		}
		s.i++
	}
	t := d[start:s.i]
	if len(s.stack) == 0 {
		// Outside the root only white space.
		for _, c := range t {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
		}
	}
	if s.inV && s.cellNumeric && len(s.cellRef) > 0 && bytes.IndexByte(t, '.') >= 0 {
		if s.sc.numeric == nil {
			s.sc.numeric = make(map[string]bool)
		}
		s.sc.numeric[string(s.cellRef)] = true
	}
	return true
}

// utf8Char checks one multi-byte character against the XML character range.
func (s *fastScanner) utf8Char() bool {
	r, n := utf8.DecodeRune(s.data[s.i:])
	if r == utf8.RuneError && n <= 1 {
		return false
	}
	if !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
		return false
	}
	s.i += n
	return true
}

// entity checks one predefined or numeric character reference.
func (s *fastScanner) entity() bool {
	d := s.data[s.i:]
	end := bytes.IndexByte(d[:min(len(d), 12)], ';')
	if end < 2 {
		return false
	}
	name := d[1:end]
	switch string(name) {
	case "lt", "gt", "amp", "apos", "quot":
		s.i += end + 1
		return true
	}
	if name[0] != '#' || len(name) < 2 {
		return false
	}
	var r int
	if name[1] == 'x' {
		if len(name) < 3 {
			return false
		}
		for _, c := range name[2:] {
			switch {
			case c >= '0' && c <= '9':
				r = r*16 + int(c-'0')
			case c >= 'a' && c <= 'f':
				r = r*16 + int(c-'a'+10)
			case c >= 'A' && c <= 'F':
				r = r*16 + int(c-'A'+10)
			default:
				return false
			}
		}
	} else {
		for _, c := range name[1:] {
			if c < '0' || c > '9' {
				return false
			}
			r = r*10 + int(c-'0')
		}
	}
	if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
		return false
	}
	s.i += end + 1
	return true
}

// declaration accepts only `<?xml version="1.0" …?>` in UTF-8 at the start.
func (s *fastScanner) declaration() bool {
	d := s.data[s.i:]
	end := bytes.Index(d, []byte("?>"))
	if end < 0 || !bytes.HasPrefix(d, []byte("<?xml ")) {
		return false
	}
	decl := d[:end]
	for _, c := range decl {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x80 {
			return false
		}
	}
	if !bytes.Contains(decl, []byte(`version="1.0"`)) {
		return false
	}
	if i := bytes.Index(decl, []byte("encoding=")); i >= 0 {
		enc := bytes.ToLower(decl[i+len("encoding="):])
		if !bytes.HasPrefix(enc, []byte(`"utf-8"`)) {
			return false
		}
	}
	s.i += end + 2
	return true
}

// comment accepts `<!-- … -->` without "--" inside, outside the root too.
func (s *fastScanner) comment() bool {
	d := s.data[s.i:]
	if !bytes.HasPrefix(d, []byte("<!--")) {
		return false // CDATA, DOCTYPE: leave to encoding/xml
	}
	end := bytes.Index(d[4:], []byte("--"))
	if end < 0 || 4+end+2 >= len(d) || d[4+end+2] != '>' {
		return false
	}
	body := d[4 : 4+end]
	for j := 0; j < len(body); j++ {
		if c := body[j]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x80 {
			return false
		}
	}
	s.i += 4 + end + 3
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// name reads an ASCII XML name with at most one colon, not at either end.
func (s *fastScanner) name() ([]byte, bool) {
	d := s.data
	start := s.i
	if s.i >= len(d) {
		return nil, false
	}
	if c := d[s.i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
		return nil, false
	}
	colons := 0
	for s.i < len(d) {
		c := d[s.i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' {
			s.i++
			continue
		}
		if c == ':' {
			colons++
			s.i++
			continue
		}
		break
	}
	n := d[start:s.i]
	if colons > 1 || n[len(n)-1] == ':' {
		return nil, false
	}
	return n, true
}

func localName(n []byte) []byte {
	if i := bytes.IndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

func (s *fastScanner) startTag() bool {
	d := s.data
	s.i++ // '<'
	n, ok := s.name()
	if !ok {
		return false
	}
	if len(s.stack) == 0 {
		if s.sawRoot {
			return false
		}
		s.sawRoot = true
	}
	s.stack = append(s.stack, n)
	local := localName(n)
	isRow := string(local) == "row" && len(s.stack) == 3 && !s.inRow
	isCell := string(local) == "c" && s.inRow
	isMerge := string(local) == "mergeCell"
	isLink := string(local) == "hyperlink"
	if isRow {
		s.inRow, s.rowMaxCol, s.col = true, 0, 0
		s.sc.rows++
		s.rowNumbered = false
		if s.sc.rows > s.maxRows {
			s.sc.tooLarge, s.done = true, true
			return true
		}
	}
	if isCell {
		s.col++
		s.cellRef, s.cellNumeric = nil, true
	}
	if string(local) == "v" {
		s.inV = s.inRow
	}
	var link sheetLink
	for {
		sp := s.i
		for s.i < len(d) && isSpace(d[s.i]) {
			s.i++
		}
		if s.i >= len(d) {
			return false
		}
		if d[s.i] == '>' {
			s.i++
			break
		}
		if d[s.i] == '/' {
			if s.i+1 >= len(d) || d[s.i+1] != '>' {
				return false
			}
			s.i += 2
			if isRow && !s.rowNumbered {
				s.sc.lastRow++
			}
			if isCell && s.col > s.rowMaxCol {
				s.rowMaxCol = s.col
			}
			if isLink {
				s.sc.links = append(s.sc.links, link)
				isLink = false
			}
			return s.closeElement(n)
		}
		if sp == s.i {
			return false // attributes must be separated by white space
		}
		an, ok := s.name()
		if !ok {
			return false
		}
		for s.i < len(d) && isSpace(d[s.i]) {
			s.i++
		}
		if s.i >= len(d) || d[s.i] != '=' {
			return false
		}
		s.i++
		for s.i < len(d) && isSpace(d[s.i]) {
			s.i++
		}
		if s.i >= len(d) || d[s.i] != '"' && d[s.i] != '\'' {
			return false
		}
		q := d[s.i]
		s.i++
		vs := s.i
		plain := true
		for s.i < len(d) && d[s.i] != q {
			c := d[s.i]
			switch {
			case c == '<':
				return false
			case c == '&':
				plain = false
				if !s.entity() {
					return false
				}
				continue
			case c < 0x20:
				if c != '\t' && c != '\n' && c != '\r' {
					return false
				}
			case c >= 0x80:
				if !s.utf8Char() {
					return false
				}
				continue
			}
			s.i++
		}
		if s.i >= len(d) {
			return false
		}
		v := d[vs:s.i]
		s.i++ // closing quote
		al := localName(an)
		hasPrefix := len(al) != len(an)
		interesting := isRow && string(al) == "r" ||
			isCell && (string(al) == "r" || string(al) == "t") ||
			isMerge && string(al) == "ref" ||
			isLink && (string(al) == "ref" || string(al) == "id" && hasPrefix || string(al) == "location")
		if !interesting {
			continue
		}
		if !plain {
			return false // an entity in a value we use: let encoding/xml decode it
		}
		switch {
		case isRow:
			s.rowNumbered = rowNumber(string(v), &s.sc.lastRow)
		case isCell && string(al) == "r":
			s.cellRef = v
			if c := columnOf(string(v)); c > 0 {
				s.col = c
			}
		case isCell && string(al) == "t":
			s.cellNumeric = len(v) == 0 || string(v) == "n"
		case isMerge:
			if r, ok := parseRange(string(v)); ok {
				s.sc.merges = append(s.sc.merges, r)
			}
		case string(al) == "ref":
			link.ref = string(v)
		case string(al) == "location":
			link.location = string(v)
		default:
			link.rid = string(v)
		}
	}
	if isRow && !s.rowNumbered {
		s.sc.lastRow++
	}
	if isCell && s.col > s.rowMaxCol {
		s.rowMaxCol = s.col
	}
	if isLink {
		s.sc.links = append(s.sc.links, link)
	}
	return true
}

func (s *fastScanner) endTag() bool {
	d := s.data
	s.i += 2 // "</"
	n, ok := s.name()
	if !ok {
		return false
	}
	for s.i < len(d) && isSpace(d[s.i]) {
		s.i++
	}
	if s.i >= len(d) || d[s.i] != '>' {
		return false
	}
	s.i++
	if len(s.stack) == 0 || !bytes.Equal(s.stack[len(s.stack)-1], n) {
		return false
	}
	return s.closeElement(n)
}

// closeElement pops n (already checked to be the top) and updates the row
// and cell state.
func (s *fastScanner) closeElement(n []byte) bool {
	local := localName(n)
	s.stack = s.stack[:len(s.stack)-1]
	switch string(local) {
	case "row":
		if s.inRow && len(s.stack) == 2 {
			s.inRow = false
			s.sc.paddedCells += int64(s.rowMaxCol)
			if s.sc.paddedCells > s.cellBudget {
				s.sc.tooLarge, s.done = true, true
			}
		}
	case "v":
		s.inV = false
	case "sheetData":
		s.sawSheetDataEnd = true
	}
	return true
}
