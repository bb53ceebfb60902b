package questionnaire

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

var writeSeeds = flag.Bool("writeseeds", false, "write the fuzz seed corpus under testdata/fuzz")

// fuzzItems are the items FuzzNormalizeAnswer picks from.
func fuzzItems() []Item { return testInstrument().Items }

func FuzzNormalizeAnswer(f *testing.F) {
	for _, s := range normalizeSeeds() {
		f.Add(s.kind, s.raw)
	}
	items := fuzzItems()
	f.Fuzz(func(t *testing.T, k int, raw string) {
		it := &items[((k%len(items))+len(items))%len(items)]
		v, err := NormalizeAnswer(it, raw)
		if err != nil {
			if v != "" {
				t.Fatalf("value %q with error %v", v, err)
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if (v == "") != (answerKey(raw) == "") {
			t.Fatalf("NormalizeAnswer(%q) = %q: blank only for blank input", raw, v)
		}
		if v == "" {
			return
		}
		switch it.Kind {
		case KindYesNo:
			if v != Yes && v != No {
				t.Fatalf("yes/no value %q", v)
			}
		case KindLevel:
			found := false
			for _, l := range it.Levels {
				found = found || l.Label == v
			}
			if !found {
				t.Fatalf("level value %q is not a label", v)
			}
		case KindCount:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 || strconv.FormatInt(n, 10) != v {
				t.Fatalf("count value %q", v)
			}
		}
		if again, err := NormalizeAnswer(it, v); err != nil || again != v {
			t.Fatalf("not idempotent: %q → %q → %q (%v)", raw, v, again, err)
		}
	})
}

type normalizeSeed struct {
	kind int
	raw  string
}

func normalizeSeeds() []normalizeSeed {
	return []normalizeSeed{
		{0, "Ya"}, {0, " tidak "}, {0, "✓"}, {0, "Tidak Ada"}, {0, "x"},
		{3, "sebagian  besar"}, {3, "LENGKAP."}, {3, "cukup"},
		{5, "12"}, {5, "1.234"}, {5, "12,0"}, {5, "-3"}, {5, "2,5"}, {5, "99999999999999999999"}, {5, "1 234 567"},
	}
}

// FuzzScanSheet checks the fast worksheet scanner against encoding/xml:
// whatever the fast path accepts, encoding/xml must accept with the same
// findings.
func FuzzScanSheet(f *testing.F) {
	for _, s := range scanSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := scanSheetFast(data, 50, 50*64)
		if !ok {
			return
		}
		slow, err := scanSheet(data, 50, 50*64)
		if err != nil {
			t.Fatalf("fast scan accepted what encoding/xml rejects: %v\n%q", err, data)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("scans differ:\nfast %+v\nslow %+v", fast, slow)
		}
	})
}

func scanSeeds(t testing.TB) [][]byte {
	good := standardData(t)
	part := sheetPart(t, good, SheetQuestions)
	var sheet []byte
	rezip(t, good, func(name string, b []byte) []byte {
		if name == part {
			sheet = b
		}
		return b
	})
	return [][]byte{
		sheet,
		[]byte(`<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c><v>1.5</v></c></row><row/></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells><hyperlinks><hyperlink ref="G6" r:id="rId1"/></hyperlinks></worksheet>`),
		[]byte(`<?xml version="1.0" encoding="UTF-8"?><x:worksheet><x:sheetData><x:row><x:c r="A1" t="str"><x:v>a&amp;b</x:v></x:c></x:row></x:sheetData></x:worksheet>`),
		[]byte(`<worksheet><!-- c --><sheetData><row r="1"><c r="XFD1"/></row></sheetData></worksheet>`),
	}
}

func FuzzReadFile(f *testing.F) {
	for _, s := range readSeeds(f) {
		f.Add(s)
	}
	inst := testInstrument()
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		resp, fs := ReadFile(p, inst, ReadOptions{MaxRows: 200})
		if (resp == nil) != hasFileLevel(fs) {
			t.Fatalf("response nil = %v but findings %v", resp == nil, fs)
		}
		sorted := append([]Finding(nil), fs...)
		SortFindings(sorted)
		if !reflect.DeepEqual(sorted, fs) {
			t.Fatal("findings not sorted")
		}
		for _, fd := range fs {
			if fd.Message == "" || fd.Fix == "" || fd.File != p || fd.Severity == 0 {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(after, data) {
			t.Fatal("input changed")
		}
	})
}

func readSeeds(t testing.TB) [][]byte {
	good := standardData(t)
	return [][]byte{
		good,
		good[:len(good)/2],
		oleFile("Workbook"),
		oleFile("EncryptedPackage"),
		[]byte("PK\x03\x04"),
		{},
	}
}

// TestWriteFuzzSeeds writes the seed corpus (run with -writeseeds).
func TestWriteFuzzSeeds(t *testing.T) {
	if !*writeSeeds {
		t.Skip("run with -writeseeds to rewrite testdata/fuzz")
	}
	write := func(fuzz string, n int, body string) {
		dir := filepath.Join("testdata", "fuzz", fuzz)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed%02d", n)), []byte("go test fuzz v1\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range normalizeSeeds() {
		write("FuzzNormalizeAnswer", i, fmt.Sprintf("int(%d)\nstring(%q)\n", s.kind, s.raw))
	}
	for i, s := range scanSeeds(t) {
		write("FuzzScanSheet", i, fmt.Sprintf("[]byte(%q)\n", s))
	}
	for i, s := range readSeeds(t) {
		write("FuzzReadFile", i, fmt.Sprintf("[]byte(%q)\n", s))
	}
}

// TestFastScanMatches: on real sheets the fast path is taken and agrees
// with encoding/xml.
func TestFastScanMatches(t *testing.T) {
	for i, s := range scanSeeds(t) {
		fast, ok := scanSheetFast(s, 5000, 5000*64)
		if !ok {
			t.Errorf("seed %d: fast path not taken", i)
			continue
		}
		slow, err := scanSheet(s, 5000, 5000*64)
		if err != nil || !reflect.DeepEqual(fast, slow) {
			t.Errorf("seed %d: fast %+v, slow %+v (%v)", i, fast, slow, err)
		}
	}
}
