package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func testIO(terminal bool) (*ioStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &ioStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ErrIsTerminal: terminal}, &out, &errOut
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		want       int
		wantStderr string
	}{
		{"nil", nil, exitOK, ""},
		{"findings, already reported", &findingsError{}, exitFindings, ""},
		{"findings with a message", &findingsError{msg: "3 berkas bergalat"}, exitFindings, "monev: 3 berkas bergalat\n"},
		{"wrapped findings", errors.Join(errors.New("x"), &findingsError{}), exitFindings, ""},
		{"usage", usagef("monev score", "beri -o"), exitFailure, "monev: beri -o\nLihat 'monev score --help'.\n"},
		{"other", errors.New("a.xlsx: berkas tidak ditemukan"), exitFailure, "monev: a.xlsx: berkas tidak ditemukan\n"},
		{"cobra unknown command", errors.New("unknown command \"scor\" for \"monev\"\n\nDid you mean this?\n\tscore\n"), exitFailure,
			"monev: perintah tidak dikenal: \"scor\"\nMungkin maksudnya:\n\tscore\nLihat 'monev --help'.\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if got := exitCode(tt.err, &buf); got != tt.want {
			t.Errorf("%s: exitCode = %d, want %d", tt.name, got, tt.want)
		}
		if buf.String() != tt.wantStderr {
			t.Errorf("%s: stderr = %q, want %q", tt.name, buf.String(), tt.wantStderr)
		}
	}
}

// The errors pflag really returns, in Indonesian, with no English left
// (pflag says "flag needs an argument: 'o' in -o").
func TestTranslateFlagError(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--foo"}, "opsi tidak dikenal: --foo"},
		{[]string{"-x"}, "opsi pendek tidak dikenal: -x"},
		{[]string{"-fx"}, "opsi pendek tidak dikenal: -x"},
		{[]string{"--output"}, "opsi --output memerlukan nilai"},
		{[]string{"-o"}, "opsi -o memerlukan nilai"},
		{[]string{"--workers", "banyak"}, `nilai "banyak" tidak sah untuk opsi --workers`},
		{[]string{"---x"}, "penulisan opsi salah: ---x"},
	}
	for _, tt := range tests {
		fs := pflag.NewFlagSet("score", pflag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.StringP("output", "o", "", "")
		fs.BoolP("force", "f", false, "")
		fs.Int("workers", 0, "")
		err := fs.Parse(tt.args)
		if err == nil {
			t.Fatalf("%q: no parse error", tt.args)
		}
		if got := translateFlagError(err); got != tt.want {
			t.Errorf("%q: translateFlagError(%q) = %q, want %q", tt.args, err, got, tt.want)
		}
	}
}

// monev help with an unknown topic is a usage error in Indonesian, not
// cobra's "Unknown help topic" with exit 0.
func TestHelpUnknownTopic(t *testing.T) {
	ios, out, errOut := testIO(false)
	code := run(context.Background(), []string{"help", "scor"}, ios)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	want := "monev: perintah tidak dikenal: \"scor\"\nMungkin maksudnya:\n\tscore\nLihat 'monev --help'.\n"
	if errOut.String() != want || out.Len() != 0 {
		t.Errorf("stdout %q, stderr %q; want nothing and %q", out, errOut, want)
	}
	ios, out, _ = testIO(false)
	if code := run(context.Background(), []string{"help", "instrument", "export"}, ios); code != exitOK || !strings.Contains(out.String(), "monev instrument export BERKAS.yaml") {
		t.Errorf("help instrument export: exit %d, stdout:\n%s", code, out)
	}
}

// Every command's help is Indonesian, has examples (except help/completion)
// and ends with an exit-code section; no English cobra heading is left.
func TestHelpEverywhere(t *testing.T) {
	ios, _, _ := testIO(false)
	root := newRootCommand(ios)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		path := strings.Fields(c.CommandPath())[1:]
		ios, out, _ := testIO(false)
		code := run(context.Background(), append(path, "--help"), ios)
		help := out.String()
		if code != exitOK {
			t.Errorf("%s --help: exit %d", c.CommandPath(), code)
		}
		for _, en := range []string{"Usage:", "Flags:", "Available Commands:", "Global Flags:", "Examples:", "help for ", "[flags]", "[command]"} {
			if strings.Contains(help, en) {
				t.Errorf("%s --help still says %q", c.CommandPath(), en)
			}
		}
		if !strings.Contains(help, "Penggunaan:") || !strings.Contains(help, "bantuan untuk") {
			t.Errorf("%s --help: no Indonesian usage section:\n%s", c.CommandPath(), help)
		}
		mine := !strings.HasPrefix(c.CommandPath(), "monev completion") && c.Name() != "help"
		if mine {
			if !strings.Contains(help, "Contoh:") {
				t.Errorf("%s --help has no examples", c.CommandPath())
			}
			if !strings.Contains(c.Long, "KODE KELUAR\n  0  ") {
				t.Errorf("%s: Long does not end with a KODE KELUAR section", c.CommandPath())
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func TestCheckNotInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "masuk", "a.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	os.WriteFile(in, []byte("x"), 0o644)
	link := filepath.Join(dir, "tautan.xlsx")
	if err := os.Symlink(in, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	tests := []struct {
		output string
		refuse bool
	}{
		{in, true},
		{filepath.Join(dir, "masuk", ".", "a.xlsx"), true}, // same path spelled differently
		{link, true},                             // same file through a link
		{filepath.Join(dir, "daftar.csv"), true}, // the roster
		{filepath.Join(dir, "peringkat.xlsx"), false},
	}
	for _, tt := range tests {
		err := checkNotInput(tt.output, []string{in}, filepath.Join(dir, "daftar.csv"), map[string]string{}, "")
		if (err != nil) != tt.refuse {
			t.Errorf("checkNotInput(%s) = %v, refuse want %v", tt.output, err, tt.refuse)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "peringkat.xlsx")
	os.WriteFile(p, []byte("lama"), 0o644)
	// A failed write leaves the old file and no temporary file behind.
	err := writeFileAtomic(p, func(w io.Writer) error {
		w.Write([]byte("setengah"))
		return errors.New("gagal")
	})
	if err == nil {
		t.Fatal("want the write error")
	}
	if b, _ := os.ReadFile(p); string(b) != "lama" {
		t.Errorf("after a failed write the file holds %q, want the old content", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the old file", len(entries))
	}
	// A good write replaces it.
	if err := writeFileAtomic(p, func(w io.Writer) error { _, err := w.Write([]byte("baru")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "baru" {
		t.Errorf("file holds %q, want %q", b, "baru")
	}
}

// Progress goes to stderr only when stderr is a terminal, and never to stdout.
func TestScoreProgressOnTerminal(t *testing.T) {
	dir := t.TempDir()
	ios, _, errOut := testIO(false)
	if code := run(context.Background(), []string{"template", "--unit", "Dinas Sosial", "--category", "OPD", "-o", filepath.Join(dir, "masuk")}, ios); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, errOut)
	}
	for _, terminal := range []bool{true, false} {
		ios, out, errOut := testIO(terminal)
		// A blank template has unanswered items (errors): exit 1, ranking written.
		code := run(context.Background(), []string{"score", filepath.Join(dir, "masuk"), "-o", filepath.Join(dir, "p.xlsx")}, ios)
		if code != exitFindings {
			t.Errorf("terminal=%v: exit %d, want %d; stderr:\n%s", terminal, code, exitFindings, errOut)
		}
		shown := strings.Contains(errOut.String(), "\rMembaca kuesioner: 1/1\n")
		if shown != terminal {
			t.Errorf("terminal=%v: progress shown = %v; stderr:\n%q", terminal, shown, errOut)
		}
		if strings.Contains(out.String(), "Membaca") {
			t.Errorf("progress leaked to stdout")
		}
	}
}

// monev score caps the heap softly at 160 MiB, unless GOMEMLIMIT says otherwise.
func TestScoreMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	setScoreMemoryLimit()
	if got := debug.SetMemoryLimit(-1); got != 160<<20 {
		t.Errorf("without GOMEMLIMIT: limit %d, want %d (160 MiB)", got, 160<<20)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB") // read by the runtime at start; here only its presence matters
	setScoreMemoryLimit()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set: limit %d, want it left alone", got)
	}
}
