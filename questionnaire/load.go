package questionnaire

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"monev/internal/textmatch"
)

// Problem is one violation found in an instrument file.
type Problem struct {
	Line, Column int    // 1-based; 0 when unknown
	Path         string // YAML path, e.g. "$.butir[3].poin"
	Message      string // Indonesian
	Fix          string // Indonesian
}

// String renders the problem without the file name: "12:3: pesan Perbaikan: saran".
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "%d:%d: ", p.Line, p.Column)
	} else if p.Path != "" {
		fmt.Fprintf(&b, "%s: ", p.Path)
	}
	b.WriteString(p.Message)
	if p.Fix != "" {
		b.WriteString(" Perbaikan: ")
		b.WriteString(p.Fix)
	}
	return b.String()
}

// ValidationError lists every problem of an instrument at once.
type ValidationError struct {
	File     string
	Problems []Problem
}

// Error renders every problem, one a line, as "file:line:col: pesan
// Perbaikan: saran". A problem without a position shows its YAML path instead.
func (e *ValidationError) Error() string {
	file := e.File
	if file == "" {
		file = "instrumen"
	}
	if len(e.Problems) == 0 {
		return file + ": instrumen tidak sah"
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		if p.Line > 0 {
			lines[i] = file + ":" + p.String()
		} else {
			lines[i] = file + ": " + p.String()
		}
	}
	return strings.Join(lines, "\n")
}

// Parse reads and validates an instrument from YAML. name is used in messages
// (usually the file name). Every problem found (invalid YAML, unknown keys,
// wrong value types, failed checks) is returned at once in a *ValidationError,
// each with its line and column. Parse never panics.
func Parse(name string, data []byte) (in *Instrument, err error) {
	defer func() {
		// Last line of defence: a panic in the YAML library on strange input
		// must not crash the caller.
		if r := recover(); r != nil {
			in = nil
			err = &ValidationError{File: name, Problems: []Problem{{
				Line: 1, Column: 1, Path: "$",
				Message: fmt.Sprintf("Berkas YAML tidak dapat dibaca (%v).", r),
				Fix:     "periksa penulisan berkas; bandingkan dengan hasil 'monev instrument export'.",
			}}}
		}
	}()
	d := &decoder{pos: map[string]position{}, bad: map[string]bool{}, aliases: map[*ast.AliasNode]ast.Node{}}
	in = &Instrument{}
	d.decodeFile(data, in)
	if d.fatal {
		return nil, &ValidationError{File: name, Problems: d.problems}
	}
	problems := d.problems
	for _, p := range in.check() {
		if d.suppressed(p.Path) {
			continue
		}
		pos := d.locate(p.Path)
		p.Line, p.Column = pos.line, pos.col
		problems = append(problems, p)
	}
	if len(problems) > 0 {
		sortProblems(problems)
		return nil, &ValidationError{File: name, Problems: problems}
	}
	return in, nil
}

// Load reads and validates an instrument file; see Parse.
func Load(path string) (*Instrument, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("membaca instrumen: %w", err)
	}
	return Parse(path, data)
}

// sortProblems orders problems by position; problems without a position keep
// their relative order at the end.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if (a.Line == 0) != (b.Line == 0) {
			return b.Line == 0
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

type position struct{ line, col int }

// decoder turns the goccy AST into an Instrument field by field, so that it
// can report every unknown key and every badly typed value (the library's
// decoder stops at the first), and remembers the position of every path.
type decoder struct {
	problems []Problem
	fatal    bool                        // the YAML itself could not be parsed
	pos      map[string]position         // YAML path → position of its key or element
	bad      map[string]bool             // paths already reported; later checks on them are noise
	aliases  map[*ast.AliasNode]ast.Node // alias → value of the anchor it names

	visited   int  // values decoded so far, aliases expanded
	exhausted bool // maxNodes reached and reported
}

const (
	maxDepth = 32
	// maxNodes bounds the work on one file: a real instrument has a few
	// thousand values; aliases of aliases could otherwise multiply them.
	maxNodes = 50000
)

var decimalType = reflect.TypeOf(Decimal{})

func (d *decoder) add(pos position, path, msg, fix string) {
	d.problems = append(d.problems, Problem{Line: pos.line, Column: pos.col, Path: path, Message: msg, Fix: fix})
	d.bad[path] = true
}

func (d *decoder) decodeFile(data []byte, in *Instrument) {
	if pos, bad := firstInvalidUTF8(data); bad {
		// The parser would silently turn the bytes into U+FFFD; say so once.
		d.problems = append(d.problems, Problem{Line: pos.line, Column: pos.col, Path: "$",
			Message: "Berkas mengandung karakter yang bukan UTF-8.",
			Fix:     "simpan berkas dengan pengodean UTF-8 dan ketik ulang huruf yang rusak pada baris ini."})
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		d.fatal = true
		d.problems = append(d.problems, syntaxProblem(err))
		return
	}
	var docs []*ast.DocumentNode
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		d.fatal = true
		d.add(position{1, 1}, "$", "Berkas instrumen kosong.",
			"isi berkas dengan instrumen; buat contoh dengan 'monev instrument export'.")
		return
	}
	if len(docs) > 1 {
		d.add(nodePos(docs[1].Body), "$", "Berkas berisi lebih dari satu dokumen YAML (dipisah '---').",
			"simpan satu instrumen saja per berkas; hapus dokumen kedua dan seterusnya.")
	}
	ast.Walk(&anchorVisitor{names: map[string]ast.Node{}, aliases: d.aliases}, docs[0].Body)
	d.pos["$"] = nodePos(docs[0].Body)
	d.decode(docs[0].Body, reflect.ValueOf(in).Elem(), "$", 0)
	if _, ok := d.resolve(docs[0].Body, 0).(ast.MapNode); !ok {
		d.fatal = true
	}
}

// firstInvalidUTF8 finds the line and column (in characters) of the first byte
// that is not valid UTF-8.
func firstInvalidUTF8(data []byte) (position, bool) {
	line, col := 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return position{line, col}, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return position{}, false
}

// syntaxProblem turns a goccy parse error into a located Problem.
func syntaxProblem(err error) Problem {
	p := Problem{Line: 1, Column: 1, Path: "$"}
	msg := err.Error()
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			p.Line, p.Column = tk.Position.Line, tk.Position.Column
		}
	}
	// The library's English message is not shown: the explanation and the
	// problem's line and column say what and where; only the position of the
	// first of two equal keys, which the line does not give, is kept.
	p.Message = "YAML tidak sah: " + explainSyntax(msg)
	if m := firstDefinedAt.FindStringSubmatch(msg); m != nil {
		p.Message += " (pertama kali di baris " + m[1] + ")"
	}
	p.Message += "."
	p.Fix = "periksa baris ini dan baris sebelumnya: indentasi (gunakan spasi, bukan tab), titik dua setelah setiap kunci, tanda kutip yang berpasangan, dan kunci yang tidak boleh ganda."
	return p
}

// firstDefinedAt finds where goccy says a duplicate key was first written:
// `mapping key "id" already defined at [1:1]`.
var firstDefinedAt = regexp.MustCompile(`already defined at \[(\d+):\d+\]`)

// syntaxExplanations translates the YAML library's common messages (matched
// by fragment) for an analyst.
var syntaxExplanations = []struct{ fragment, text string }{
	{"already defined", "kunci yang sama ditulis dua kali"},
	{"tab character", "ada karakter tab; YAML hanya menerima spasi untuk indentasi"},
	{"'\t'", "ada karakter tab; YAML hanya menerima spasi untuk indentasi"},
	{"end character of double-quoted", "tanda kutip ganda (\") tidak ditutup"},
	{"end character of single-quoted", "tanda kutip tunggal (') tidak ditutup"},
	{"']'", "kurung siku '[' tidak ditutup atau unsur tidak dipisah koma"},
	{"'['", "kurung siku ']' tanpa pasangan '['"},
	{"'}'", "kurung kurawal '{' tidak ditutup atau pasangan tidak dipisah koma"},
	{"'{'", "kurung kurawal '}' tanpa pasangan '{'"},
	{"anchor", "anchor atau alias YAML (&nama, *nama) tidak sah"},
	{"alias", "anchor atau alias YAML (&nama, *nama) tidak sah"},
	{"mapping value is not allowed", "titik dua di tempat yang salah; indentasi tidak sejajar atau teks berisi ': ' tanpa tanda kutip"},
	{"sequence", "daftar (baris '- ') di tempat yang salah; periksa indentasi"},
	{"map key", "kunci di tempat yang salah; periksa indentasi"},
	{"key", "kunci di tempat yang salah; periksa indentasi"},
	{"value", "nilai di tempat yang salah; periksa indentasi dan titik dua"},
}

func explainSyntax(msg string) string {
	for _, e := range syntaxExplanations {
		if strings.Contains(msg, e.fragment) {
			return e.text
		}
	}
	return "susunan berkas tidak dapat dibaca"
}

func nodePos(n ast.Node) position {
	if n == nil {
		return position{}
	}
	// A block mapping's own token is the ':' of its first key; point at the key.
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0].Key != nil {
		return nodePos(m.Values[0].Key)
	}
	if m, ok := n.(*ast.MappingValueNode); ok && m.Key != nil {
		return nodePos(m.Key)
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return position{tk.Position.Line, tk.Position.Column}
	}
	return position{}
}

// anchorVisitor links every alias to the anchor of that name defined last
// before it in document order, as YAML specifies.
type anchorVisitor struct {
	names   map[string]ast.Node
	aliases map[*ast.AliasNode]ast.Node
}

func (v *anchorVisitor) Visit(n ast.Node) ast.Visitor {
	switch n := n.(type) {
	case *ast.AnchorNode:
		if n.Name != nil && n.Name.GetToken() != nil {
			v.names[n.Name.GetToken().Value] = n.Value
		}
	case *ast.AliasNode:
		if n.Value != nil && n.Value.GetToken() != nil {
			if target, ok := v.names[n.Value.GetToken().Value]; ok && target != nil {
				v.aliases[n] = target
			}
		}
	}
	return v
}

// resolve follows anchors, aliases and tags to the node holding the value.
func (d *decoder) resolve(n ast.Node, depth int) ast.Node {
	for i := 0; i < maxDepth && n != nil; i++ {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			target, ok := d.aliases[v]
			if !ok {
				return nil
			}
			n = target
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
	return nil
}

// decode fills v from node; path is the YAML path of v.
func (d *decoder) decode(node ast.Node, v reflect.Value, path string, depth int) {
	if depth > maxDepth {
		d.add(nodePos(node), path, "Struktur YAML terlalu dalam atau berulang (alias yang merujuk dirinya sendiri).",
			"tulis nilai secara langsung tanpa anchor/alias.")
		return
	}
	pos := nodePos(node)
	d.visited++
	if d.visited > maxNodes {
		if !d.exhausted {
			d.exhausted = true
			d.add(pos, path, fmt.Sprintf("Berkas terlalu besar: lebih dari %d nilai (mungkin karena alias YAML yang berulang).", maxNodes),
				"tulis instrumen tanpa alias (*nama) yang berlipat ganda; bandingkan dengan hasil 'monev instrument export'.")
		}
		return
	}
	if _, ok := node.(*ast.AliasNode); ok {
		if d.resolve(node, 0) == nil {
			d.add(pos, path, "Alias YAML merujuk anchor yang tidak ada.", "tulis nilainya secara langsung.")
			return
		}
	}
	node = d.resolve(node, depth)
	if node == nil {
		return
	}
	if _, isNull := node.(*ast.NullNode); isNull {
		return // left zero; the checks report it if it is required
	}
	switch {
	case v.Type() == decimalType:
		text, ok := scalarText(node)
		if !ok {
			d.add(pos, path, fmt.Sprintf("'%s' harus berupa angka.", lastKey(path)), "tulis angka desimal, mis. 40 atau 12.5.")
			return
		}
		dec, err := ParseDecimal(text)
		if err != nil {
			d.add(pos, path, fmt.Sprintf("'%s' harus berupa angka, bukan %q.", lastKey(path), text), "tulis angka desimal dengan titik, mis. 12.5.")
			return
		}
		v.Set(reflect.ValueOf(dec))
	case v.Kind() == reflect.Struct:
		d.decodeStruct(node, v, path, depth)
	case v.Kind() == reflect.Slice:
		seq, ok := node.(*ast.SequenceNode)
		if !ok {
			d.add(pos, path, fmt.Sprintf("'%s' harus berupa daftar.", lastKey(path)), "tulis setiap unsur pada baris sendiri diawali '- '.")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		for i, el := range seq.Values {
			ep := fmt.Sprintf("%s[%d]", path, i)
			d.pos[ep] = nodePos(el)
			d.decode(el, s.Index(i), ep, depth+1)
		}
		v.Set(s)
	case v.Kind() == reflect.String:
		text, ok := scalarText(node)
		if !ok {
			d.add(pos, path, fmt.Sprintf("'%s' harus berupa teks.", lastKey(path)), "tulis satu nilai teks, bukan daftar atau pemetaan.")
			return
		}
		v.SetString(text)
	case v.Kind() == reflect.Int || v.Kind() == reflect.Int64:
		text, _ := scalarText(node)
		in, isInt := node.(*ast.IntegerNode)
		var n int64
		var err error
		if isInt {
			switch x := in.Value.(type) {
			case int64:
				n = x
			case uint64:
				if x > math.MaxInt64 {
					err = errors.New("terlalu besar")
				}
				n = int64(x)
			case int:
				n = int64(x)
			default:
				err = errors.New("bukan bilangan bulat")
			}
		}
		if !isInt || err != nil {
			d.add(pos, path, fmt.Sprintf("'%s' harus berupa bilangan bulat, bukan %q.", lastKey(path), text), "tulis bilangan bulat tanpa tanda kutip dan tanpa koma, mis. 2026 atau 5.")
			return
		}
		v.SetInt(n)
	case v.Kind() == reflect.Bool:
		b, ok := node.(*ast.BoolNode)
		if !ok {
			text, _ := scalarText(node)
			d.add(pos, path, fmt.Sprintf("'%s' harus true atau false, bukan %q.", lastKey(path), text), "tulis true (ya) atau false (tidak).")
			return
		}
		v.SetBool(b.Value)
	default:
		d.add(pos, path, "Nilai tidak didukung.", "hapus nilai ini.")
	}
}

func (d *decoder) decodeStruct(node ast.Node, v reflect.Value, path string, depth int) {
	mn, ok := node.(ast.MapNode)
	if !ok {
		what := "unsur"
		if path == "$" {
			what = "berkas instrumen"
		}
		d.add(nodePos(node), path, fmt.Sprintf("Isi %s harus berupa pemetaan kunci: nilai.", what),
			"tulis pasangan 'kunci: nilai', satu per baris; bandingkan dengan hasil 'monev instrument export'.")
		return
	}
	fields := yamlFields(v.Type())
	seen := map[string]bool{}
	it := mn.MapRange()
	for it.Next() {
		kv := it.KeyValue()
		key := it.Key()
		kpos := nodePos(key)
		if key == nil || key.IsMergeKey() {
			d.add(kpos, path, "Kunci gabungan YAML (<<) tidak didukung.", "tulis semua kunci secara langsung.")
			continue
		}
		name, ok := scalarText(d.resolve(key, depth))
		if !ok {
			d.add(kpos, path, "Kunci harus berupa teks sederhana.", "tulis kunci sebagai teks, mis. 'kode:'.")
			continue
		}
		kp := path + "." + name
		idx, known := fields[name]
		if !known {
			msg := fmt.Sprintf("Kunci '%s' tidak dikenal di %s.", name, describe(path))
			fix := "hapus kunci ini; kunci yang dikenal: " + strings.Join(sortedKeys(fields), ", ") + "."
			if s := suggest(name, sortedKeys(fields)); s != "" {
				fix = fmt.Sprintf("mungkin maksud Anda '%s'? Ganti '%s' menjadi '%s'.", s, name, s)
				d.bad[path+"."+s] = true // its absence is the same mistake
			}
			d.add(kpos, kp, msg, fix)
			continue
		}
		if seen[name] {
			d.add(kpos, kp, fmt.Sprintf("Kunci '%s' ditulis dua kali.", name), "hapus salah satunya.")
			continue
		}
		seen[name] = true
		d.pos[kp] = kpos
		d.decode(kv.Value, v.Field(idx), kp, depth+1)
	}
}

// scalarText is the literal text of a scalar node: the unquoted value of a
// string, or the source text of a number or boolean (so "1.10" stays "1.10").
func scalarText(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value, true
	case *ast.LiteralNode:
		if n.Value == nil {
			return "", true
		}
		return n.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	}
	return "", false
}

// yamlFields maps each yaml key of struct type t to its field index.
func yamlFields(t reflect.Type) map[string]int {
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if name := yamlName(f); name != "" {
			m[name] = i
		}
	}
	return m
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// suggest returns the known key closest to name when it is close enough to
// be a typo, or "".
func suggest(name string, known []string) string {
	best, bestDist := "", 1<<30
	lname := strings.ToLower(name)
	for _, k := range known {
		dist := textmatch.Distance(lname, k)
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	limit := 2
	if len([]rune(name)) <= 3 {
		limit = 1
	}
	if bestDist <= limit || (len(lname) >= 4 && (strings.HasPrefix(best, lname) || strings.HasPrefix(lname, best))) {
		return best
	}
	return ""
}

// describe names the place of a YAML path for an analyst:
// "$.butir[1].tingkat[2]" → "tingkat ke-3 pada butir ke-2".
func describe(path string) string {
	segs := strings.Split(strings.TrimPrefix(path, "$."), ".")
	if path == "$" || len(segs) == 0 {
		return "bagian teratas berkas"
	}
	parts := make([]string, 0, len(segs))
	for i := len(segs) - 1; i >= 0; i-- {
		seg := segs[i]
		if name, idx, ok := strings.Cut(seg, "["); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
			if err == nil {
				seg = fmt.Sprintf("%s ke-%d", name, n+1)
			}
		}
		parts = append(parts, seg)
	}
	return strings.Join(parts, " pada ")
}

// lastKey is the last key of a path: "$.butir[3].poin" → "poin", "$.kategori[1]" → "kategori".
func lastKey(path string) string {
	p := path
	for strings.HasSuffix(p, "]") {
		i := strings.LastIndex(p, "[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	if i := strings.LastIndex(p, "."); i >= 0 {
		return p[i+1:]
	}
	return p
}

// parentPath drops the last segment of a path: "$.butir[3].poin" → "$.butir[3]" → "$.butir" → "$".
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndex(path, "["); i > 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndex(path, "."); i > 0 {
		return path[:i]
	}
	return "$"
}

// locate finds the position of path, or of its nearest ancestor present in the file.
func (d *decoder) locate(path string) position {
	for p := path; ; p = parentPath(p) {
		if pos, ok := d.pos[p]; ok {
			return pos
		}
		if p == "$" {
			return position{1, 1}
		}
	}
}

// suppressed reports whether a check on path only repeats a problem already reported.
func (d *decoder) suppressed(path string) bool {
	for p := path; ; p = parentPath(p) {
		if d.bad[p] && p != "$" {
			return true
		}
		if p == "$" {
			return false
		}
	}
}

// Export writes the instrument as YAML that Parse reads back to an equal
// instrument, with a header comment in Indonesian explaining every key so an
// analyst can adapt it.
func (in *Instrument) Export(w io.Writer) error {
	var b strings.Builder
	b.WriteString(exportHeader)
	b.WriteString("\n")
	fmt.Fprintf(&b, "id: %s\n", quote(in.ID))
	fmt.Fprintf(&b, "nama: %s\n", quote(in.Name))
	fmt.Fprintf(&b, "tahun: %d\n", in.Year)
	fmt.Fprintf(&b, "versi: %s\n", quote(in.Version))
	fmt.Fprintf(&b, "tanpa_tahap_lanjut: %s\n", quote(string(in.MissingStage)))
	fmt.Fprintf(&b, "tidak_mengisi: %s\n", quote(string(in.NotSubmitted)))

	b.WriteString("\ntahap:\n")
	for _, s := range in.Stages {
		fmt.Fprintf(&b, "  - id: %s\n    nama: %s\n    bobot: %s\n", quote(s.ID), quote(s.Name), decText(s.Weight))
	}
	b.WriteString("\nkualifikasi:\n")
	for _, k := range in.Bands {
		fmt.Fprintf(&b, "  - label: %s\n    min: %s\n    maks: %s\n", quote(k.Label), decText(k.Min), decText(k.Max))
	}
	b.WriteString("\nkategori:\n")
	for _, c := range in.Categories {
		fmt.Fprintf(&b, "  - %s\n", quote(c))
	}
	b.WriteString("\nindikator:\n")
	for _, ind := range in.Indicators {
		fmt.Fprintf(&b, "  - kode: %s\n    nama: %s\n    bobot: %s\n", quote(ind.Code), quote(ind.Name), decText(ind.Weight))
	}
	b.WriteString("\nbutir:\n")
	for i, it := range in.Items {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "  - kode: %s\n", quote(it.Code))
		fmt.Fprintf(&b, "    indikator: %s\n", quote(it.Indicator))
		fmt.Fprintf(&b, "    pertanyaan: %s\n", quote(it.Question))
		if it.Guidance != "" {
			fmt.Fprintf(&b, "    petunjuk: %s\n", quote(it.Guidance))
		}
		fmt.Fprintf(&b, "    poin: %s\n", decText(it.MaxPoints))
		fmt.Fprintf(&b, "    jenis: %s\n", quote(string(it.Kind)))
		fmt.Fprintf(&b, "    wajib_bukti: %t\n", it.EvidenceRequired)
		if it.Group != "" {
			fmt.Fprintf(&b, "    kelompok: %s\n", quote(it.Group))
		}
		if len(it.Levels) > 0 {
			b.WriteString("    tingkat:\n")
			for _, l := range it.Levels {
				fmt.Fprintf(&b, "      - label: %s\n        nilai: %s\n", quote(l.Label), decText(l.Fraction))
				if len(l.Synonyms) > 0 {
					qs := make([]string, len(l.Synonyms))
					for j, s := range l.Synonyms {
						qs[j] = quote(s)
					}
					fmt.Fprintf(&b, "        sinonim: [%s]\n", strings.Join(qs, ", "))
				}
			}
		}
		if len(it.Tiers) > 0 {
			b.WriteString("    ambang:\n")
			for _, t := range it.Tiers {
				fmt.Fprintf(&b, "      - {min: %d, poin: %s}\n", t.Min, decText(t.Points))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// decText writes a Decimal for YAML; a missing value stays empty (null).
func decText(d Decimal) string {
	if d.r == nil {
		return "null"
	}
	return d.String()
}

// quote writes s as a YAML double-quoted scalar.
func quote(s string) string { return strconv.Quote(s) }

const exportHeader = `# Instrumen monev keterbukaan informasi publik (format monev).
#
# Ubah berkas ini untuk menyesuaikan instrumen, lalu periksa dengan
# 'monev instrument validate <berkas>'. Setiap kesalahan dilaporkan dengan
# nomor baris dan cara memperbaikinya. Angka desimal ditulis dengan titik (12.5).
#
# Kunci tingkat teratas:
#   id, nama, tahun, versi  identitas instrumen (versi mis. "2026.1").
#   tanpa_tahap_lanjut      badan publik yang tidak ikut tahap lanjut (presentasi):
#                           saq_saja = nilai akhir = nilai SAQ; nol = tahap itu bernilai 0.
#   tidak_mengisi           badan publik yang tidak mengirim kuesioner:
#                           nol = dinilai 0 (Tidak Informatif); tidak_dinilai = dicatat terpisah.
#   tahap                   tahap penilaian (id, nama, bobot %); jumlah bobot 100;
#                           tahap dengan id "saq" wajib ada.
#   kualifikasi             predikat (label, min, maks): nilai >= min dan < maks
#                           (predikat tertinggi termasuk 100); harus menutup 0-100
#                           tanpa celah dan tanpa tumpang tindih.
#   kategori                kelompok pemeringkatan, mis. OPD, Kecamatan.
#   indikator               kode ("1", "2", ...), nama, bobot (% nilai SAQ); jumlah bobot 100.
#   butir                   pertanyaan SAQ:
#     kode                  kode bertingkat, mis. "1.2.3"; bagian pertama = kode indikator.
#     indikator             kode indikator tempat butir ini.
#     pertanyaan, petunjuk  teks pertanyaan dan data dukung yang diminta.
#     poin                  poin maksimum butir (> 0).
#     jenis                 ya_tidak: "Ya" mendapat poin penuh;
#                           tingkat: pilih satu tingkat (label, nilai 0-1 dari poin, sinonim);
#                           jumlah: isian angka, poin menurut ambang (min, poin), min naik.
#     wajib_bukti           true: jawaban tanpa tautan bukti bernilai 0.
#     kelompok              (opsional) butir dengan kelompok yang sama hanya
#                           bernilai bila semuanya terpenuhi.
#
# Nilai indikator = poin diperoleh / poin maksimum indikator x bobot indikator.
# Nilai SAQ = jumlah nilai indikator. Nilai akhir = jumlah (nilai tahap x bobot tahap / 100).
`
