package questionnaire

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// standardData is the bytes of a correctly filled workbook.
func standardData(t testing.TB) []byte {
	return standardBook(testInstrument()).build(t)
}

// oleFile builds a minimal OLE compound file: the 512-byte header and one
// directory sector holding a root entry and the named streams.
func oleFile(streams ...string) []byte {
	b := make([]byte, 512, 1024)
	copy(b, oleMagic)
	b[0x1A], b[0x1C], b[0x1E] = 0x3E, 0xFE, 0x09 // minor version, byte order FFFE, sector shift 9
	entry := func(name string, typ byte) []byte {
		e := make([]byte, 128)
		for i, c := range name {
			e[2*i] = byte(c)
		}
		n := 2*len(name) + 2
		e[64], e[65], e[66] = byte(n), byte(n>>8), typ
		return e
	}
	b = append(b, entry("Root Entry", 5)...)
	for _, s := range streams {
		b = append(b, entry(s, 2)...)
	}
	for len(b)%512 != 0 {
		b = append(b, 0)
	}
	return b
}

// zipWith returns a copy of a zip with an extra raw entry whose header
// declares size bytes but which holds body (deflated).
func zipWith(t testing.TB, data []byte, name string, body []byte, declared uint64, replace bool) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if replace && f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write(body)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// bigSheet is worksheet XML with n rows, each holding cells at the given columns.
func bigSheet(n int, cols ...string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	var num []byte
	for r := 1; r <= n; r++ {
		num = strconv.AppendInt(num[:0], int64(r), 10)
		b.WriteString(`<row r="`)
		b.Write(num)
		b.WriteString(`">`)
		for _, c := range cols {
			b.WriteString(`<c r="` + c)
			b.Write(num)
			b.WriteString(`"><v>1</v></c>`)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

func TestReadFileUnusable(t *testing.T) {
	good := standardData(t)
	questions := sheetPart(t, good, SheetQuestions)
	editPart := func(part string, edit func([]byte) []byte) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			return rezip(t, good, func(name string, b []byte) []byte {
				if name == part {
					return edit(b)
				}
				return b
			})
		}
	}
	tests := []struct {
		name string
		file string
		data func(t *testing.T) []byte
		code Code
	}{
		{"empty", "kosong.xlsx", func(*testing.T) []byte { return nil }, CodeFileEmpty},
		{"random bytes", "acak.xlsx", func(*testing.T) []byte {
			r := rand.New(rand.NewPCG(1, 2))
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			b[0] = 'x'
			return b
		}, CodeNotXLSX},
		{"text file", "catatan.xlsx", func(*testing.T) []byte { return []byte("Nama Badan Publik;Jawaban\n") }, CodeNotXLSX},
		{"zip that is no workbook", "arsip.xlsx", func(t *testing.T) []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create("foto.jpg")
			w.Write([]byte("bukan lembar kerja"))
			zw.Close()
			return b.Bytes()
		}, CodeNotXLSX},
		{"truncated zip", "terpotong.xlsx", func(*testing.T) []byte { return good[:len(good)/2] }, CodeDamaged},
		{"zip cut before the directory end", "terpotong2.xlsx", func(*testing.T) []byte { return good[:len(good)-10] }, CodeDamaged},
		{"old xls", "lama.xls", func(*testing.T) []byte { return oleFile("Workbook", "\x05SummaryInformation") }, CodeOldXLS},
		{"old xls renamed", "lama.xlsx", func(*testing.T) []byte { return oleFile("Workbook") }, CodeOldXLS},
		{"password-protected (crafted)", "sandi.xlsx", func(*testing.T) []byte {
			return oleFile("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage")
		}, CodeEncrypted},
		{"password-protected (excelize)", "sandi2.xlsx", func(t *testing.T) []byte {
			f, err := excelize.OpenReader(bytes.NewReader(good))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := f.Write(&b, excelize.Options{Password: "rahasia"}); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b.Bytes(), oleMagic) {
				t.Fatal("excelize did not write an OLE file")
			}
			return b.Bytes()
		}, CodeEncrypted},
		{"zip bomb in a worksheet", "bom.xlsx", func(t *testing.T) []byte {
			return zipWith(t, good, questions, []byte("<worksheet/>"), 3<<30, true)
		}, CodeTooLarge},
		{"zip bomb in styles", "bom2.xlsx", func(t *testing.T) []byte {
			return zipWith(t, good, "xl/styles.xml", []byte("<styleSheet/>"), 3<<30, true)
		}, CodeTooLarge},
		{"styles too large, under the zip limit", "gaya.xlsx", func(t *testing.T) []byte {
			body := append([]byte("<styleSheet>"), bytes.Repeat([]byte(" "), 20<<20)...)
			body = append(body, "</styleSheet>"...)
			return zipWith(t, good, "xl/styles.xml", body, uint64(len(body)), true)
		}, CodeTooLarge},
		{"entry holding more than it declares", "bohong.xlsx", func(t *testing.T) []byte {
			body := append(bigSheet(200, "A"), bytes.Repeat([]byte(" "), 4<<20)...)
			return zipWith(t, good, questions, body, 1000, true)
		}, CodeDamaged},
		{"sheet cut in half", "separuh.xlsx", editPart(questions, func(b []byte) []byte { return b[:len(b)/2] }), CodeDamaged},
		{"sheet cut before the end tag", "ujung.xlsx", editPart(questions, func(b []byte) []byte {
			return b[:bytes.LastIndex(b, []byte("</worksheet>"))]
		}), CodeDamaged},
		{"sheet garbled in the middle", "acak-tengah.xlsx", editPart(questions, func(b []byte) []byte {
			b = bytes.Clone(b)
			copy(b[len(b)/2:], "#@!<<&&>>\x00\x01garbage")
			return b
		}), CodeDamaged},
		{"sheet zeroed tail", "nol.xlsx", editPart(questions, func(b []byte) []byte {
			b = bytes.Clone(b)
			for i := len(b) * 2 / 3; i < len(b); i++ {
				b[i] = 0
			}
			return b
		}), CodeDamaged},
		{"shared strings cut", "sst.xlsx", editPart("xl/sharedStrings.xml", func(b []byte) []byte { return b[:len(b)/2] }), CodeDamaged},
		{"identity sheet cut", "identitas.xlsx", editPart(sheetPart(t, good, SheetIdentity), func(b []byte) []byte { return b[:len(b)-30] }), CodeDamaged},
		{"workbook part cut", "wb.xlsx", editPart("xl/workbook.xml", func(b []byte) []byte { return b[:len(b)/2] }), CodeDamaged},
		{"compressed stream damaged", "crc.xlsx", func(t *testing.T) []byte {
			// Flip a byte inside the sheet entry's deflate data: the zip directory
			// stays intact; excelize would keep whatever inflates.
			zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
			for _, f := range zr.File {
				if f.Name == questions {
					off, err := f.DataOffset()
					if err != nil {
						t.Fatal(err)
					}
					b := bytes.Clone(good)
					b[off+int64(f.CompressedSize64)/2] ^= 0x55
					return b
				}
			}
			t.Fatal("no sheet entry")
			return nil
		}, CodeDamaged},
		{"million rows", "sejuta.xlsx", func(t *testing.T) []byte {
			s := bigSheet(1_000_000, "A")
			return zipWith(t, good, questions, s, uint64(len(s)), true)
		}, CodeSheetTooLarge},
		{"wide rows", "lebar.xlsx", func(t *testing.T) []byte {
			s := bigSheet(2000, "A", "XFD")
			return zipWith(t, good, questions, s, uint64(len(s)), true)
		}, CodeSheetTooLarge},
	}
	inst := testInstrument()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data(t)
			p := writeTempBytes(t, tc.file, data)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			resp, fs := ReadFile(p, inst, ReadOptions{})
			d := time.Since(start)
			runtime.ReadMemStats(&after)
			// Memory stays bounded: at most the unzip limit (64 MB) plus
			// copies of the file, whatever the file declares or holds.
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d KB file: %v, %d MB allocated", len(data)>>10, d.Round(time.Millisecond), alloc>>20)
			limit := 3 * time.Second // typically under 0.1 s
			if raceEnabled {
				limit = 20 * time.Second
			}
			if d > limit {
				t.Errorf("took %v", d)
			}
			if alloc > 3*DefaultUnzipSizeLimit {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			if resp != nil {
				t.Errorf("got a Response for an unusable file")
			}
			if len(fs) != 1 || fs[0].Code != tc.code || fs[0].Severity != Error || fs[0].File != p {
				t.Fatalf("findings = %v, want one %s", fs, tc.code)
			}
			if fs[0].Message == "" || fs[0].Fix == "" {
				t.Errorf("finding lacks message or fix: %+v", fs[0])
			}
			onDisk, err := os.ReadFile(p)
			if err != nil || !bytes.Equal(onDisk, data) {
				t.Errorf("input file changed")
			}
		})
	}
}

func TestReadFileMissing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tidak-ada.xlsx")
	resp, fs := ReadFile(p, testInstrument(), ReadOptions{})
	if resp != nil || len(fs) != 1 || fs[0].Code != CodeFileUnreadable {
		t.Fatalf("resp %v findings %v", resp, fs)
	}
	resp, fs = ReadFile(t.TempDir(), testInstrument(), ReadOptions{})
	if resp != nil || len(fs) != 1 || fs[0].Code != CodeFileUnreadable {
		t.Fatalf("directory: resp %v findings %v", resp, fs)
	}
}

// TestReadFileFewWideRows: a handful of stray cells far to the right is no
// reason to reject a sheet; they are simply not read.
func TestReadFileFewWideRows(t *testing.T) {
	inst := testInstrument()
	b := standardBook(inst)
	b.edit = func(f *excelize.File, sheet string) {
		for _, ref := range []string{"XFD1", "XFD6", "ZZ13"} {
			if err := f.SetCellValue(sheet, ref, "x"); err != nil {
				t.Fatal(err)
			}
		}
	}
	resp, fs := readBook(t, b)
	if resp == nil || len(fs) != 0 {
		t.Fatalf("findings: %v", fs)
	}
	if !reflect.DeepEqual(resp.Answers, standardAnswers()) {
		t.Errorf("answers: %+v", resp.Answers)
	}
}

// TestReadFileFlippedBytes flips each byte of the questionnaire sheet XML in
// turn (to 0xFF, which is never valid UTF-8 or markup) and requires either a
// "berkas-rusak" finding or exactly the undamaged result: never a silently
// shortened sheet.
func TestReadFileFlippedBytes(t *testing.T) {
	inst := testInstrument()
	good := standardData(t)
	part := sheetPart(t, good, SheetQuestions)
	wantResp, wantFs := ReadFile(writeTempBytes(t, "baik.xlsx", good), inst, ReadOptions{})
	var raw []byte
	rezip(t, good, func(name string, b []byte) []byte {
		if name == part {
			raw = b
		}
		return b
	})
	step := 13 // every byte with -flipall
	if *flipAll {
		step = 1
	}
	dir := t.TempDir()
	damaged, same := 0, 0
	for i := 0; i < len(raw); i += step {
		data := rezip(t, good, func(name string, b []byte) []byte {
			if name != part {
				return b
			}
			b = bytes.Clone(b)
			b[i] = 0xFF
			return b
		})
		p := filepath.Join(dir, "x.xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		resp, fs := ReadFile(p, inst, ReadOptions{})
		switch {
		case resp == nil && len(fs) == 1 && fs[0].Code == CodeDamaged:
			damaged++
		case resp != nil && reflect.DeepEqual(resp.Answers, wantResp.Answers) && reflect.DeepEqual(resp.Identity, wantResp.Identity) && len(fs) == len(wantFs):
			same++
		default:
			t.Fatalf("byte %d (%q) flipped: neither damaged nor unchanged; findings %v", i, contextAt(raw, i), fs)
		}
	}
	t.Logf("%d flips: %d reported damaged, %d harmless", damaged+same, damaged, same)
	if damaged == 0 {
		t.Error("no flip detected")
	}
}

var flipAll = flag.Bool("flipall", false, "TestReadFileFlippedBytes: flip every byte, not every 13th")

func contextAt(b []byte, i int) string {
	lo, hi := max(0, i-20), min(len(b), i+20)
	return string(b[lo:i]) + "▶" + string(b[i:hi])
}

// TestReadFileCutEverywhere cuts the sheet XML at many points: each must be
// reported as damaged.
func TestReadFileCutEverywhere(t *testing.T) {
	inst := testInstrument()
	good := standardData(t)
	part := sheetPart(t, good, SheetQuestions)
	var raw []byte
	rezip(t, good, func(name string, b []byte) []byte {
		if name == part {
			raw = b
		}
		return b
	})
	dir := t.TempDir()
	end := bytes.LastIndex(raw, []byte("</worksheet>"))
	for i := 0; i < end; i += 29 {
		data := rezip(t, good, func(name string, b []byte) []byte {
			if name == part {
				return b[:i]
			}
			return b
		})
		p := filepath.Join(dir, "x.xlsx")
		os.WriteFile(p, data, 0o644)
		resp, fs := ReadFile(p, inst, ReadOptions{})
		if resp != nil || len(fs) != 1 || fs[0].Code != CodeDamaged {
			t.Fatalf("cut at %d of %d: findings %v", i, len(raw), fs)
		}
	}
}

func TestOLEHasStream(t *testing.T) {
	if !oleHasStream(oleFile("EncryptionInfo", "EncryptedPackage"), "EncryptedPackage") {
		t.Error("EncryptedPackage not found")
	}
	if oleHasStream(oleFile("Workbook"), "EncryptedPackage") {
		t.Error("EncryptedPackage found in a plain .xls")
	}
	if oleHasStream(oleMagic, "EncryptedPackage") || oleHasStream(nil, "x") {
		t.Error("found in a header-only file")
	}
}
