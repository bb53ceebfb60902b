package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// entries lists the names in dir, sorted (os.ReadDir sorts).
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFile(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name     string
		existing string // "" = no file before
		write    func(io.Writer) error
		wantErr  error
		want     string // content after
	}{
		{"new file", "", func(w io.Writer) error { _, err := io.WriteString(w, "baru"); return err }, nil, "baru"},
		{"replaces", "lama", func(w io.Writer) error { _, err := io.WriteString(w, "baru"); return err }, nil, "baru"},
		{"failed write keeps old", "lama", func(w io.Writer) error { _, _ = io.WriteString(w, "setengah"); return boom }, boom, "lama"},
		{"empty content", "lama", func(io.Writer) error { return nil }, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "hasil.xlsx")
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := WriteFile(path, 0o644, tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got, rerr := os.ReadFile(path)
			if rerr != nil && !(tt.existing == "" && tt.wantErr != nil) {
				t.Fatal(rerr)
			}
			if string(got) != tt.want {
				t.Errorf("content = %q, want %q", got, tt.want)
			}
			// No temporary file may be left behind either way.
			if names := entries(t, dir); len(names) != 1 || names[0] != "hasil.xlsx" {
				t.Errorf("dir holds %v, want only hasil.xlsx", names)
			}
			if runtime.GOOS != "windows" {
				fi, _ := os.Stat(path)
				if fi.Mode().Perm() != 0o644 && tt.wantErr == nil {
					t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
				}
			}
		})
	}
}

func TestTargetUntouchedUntilCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("lama"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(make([]byte, 200<<10)); err != nil { // more than the buffer
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "lama" {
		t.Fatalf("target changed before Commit: %d bytes", len(got))
	}
	if n := len(entries(t, dir)); n != 2 {
		t.Fatalf("expected target + temp file, got %d entries", n)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); len(got) != 200<<10 {
		t.Fatalf("after Commit: %d bytes, want %d", len(got), 200<<10)
	}
	if err := f.Abort(); err != nil {
		t.Errorf("Abort after Commit = %v, want nil", err)
	}
	if err := f.Commit(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("second Commit = %v, want os.ErrClosed", err)
	}
	if _, err := f.Write([]byte("x")); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Write after Commit = %v, want os.ErrClosed", err)
	}
}

func TestAbortRemovesTemp(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "b.txt"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("data")); err != nil {
		t.Fatal(err)
	}
	if err := f.Abort(); err != nil {
		t.Fatal(err)
	}
	if names := entries(t, dir); len(names) != 0 {
		t.Errorf("dir holds %v after Abort, want nothing", names)
	}
}

func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(filepath.Join(dir, "tidak-ada", "c.txt"), 0o644); err == nil {
		t.Error("Create in a missing directory: want error")
	}
	if _, err := Create(dir+string(filepath.Separator), 0o644); err == nil {
		t.Error("Create of a directory path: want error")
	}
	// Renaming over a directory fails; the temp file must be cleaned up.
	target := filepath.Join(dir, "sub")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(target, 0o644, func(w io.Writer) error { return nil }); err == nil {
		t.Error("WriteFile over a non-empty directory: want error")
	}
	if names := entries(t, dir); len(names) != 1 || names[0] != "sub" {
		t.Errorf("dir holds %v, want only sub", names)
	}
}
