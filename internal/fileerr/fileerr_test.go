package fileerr

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestText checks the Indonesian text for errors the os package really
// returns, and that no English from Go reaches it.
func TestText(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "berkas.csv")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errMissing := os.Open(filepath.Join(dir, "tidak-ada.csv"))
	errNotDir := os.MkdirAll(filepath.Join(file, "sub"), 0o755)
	_, errIsDirWrite := os.OpenFile(dir, os.O_WRONLY, 0)
	_, errIsDirRead := os.ReadFile(dir)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"missing", errMissing, "tidak ditemukan; periksa nama dan letaknya"},
		{"not a directory", errNotDir, "bagian jalurnya adalah berkas, bukan folder"},
		{"directory opened for writing", errIsDirWrite, "sudah ada folder dengan nama itu"},
		{"directory read as a file", errIsDirRead, "itu folder, bukan berkas; beri jalur sebuah berkas"},
		{"permission", &os.PathError{Op: "open", Path: "x", Err: os.ErrPermission}, "akses ditolak; tutup berkas itu"},
		{"other", &os.PathError{Op: "read", Path: "/a/b.csv", Err: errors.New("input/output error")}, "galat sistem (input/output error)"},
		{"nil", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.err)
			if !strings.HasPrefix(got, tt.want) || (tt.want == "" && got != "") {
				t.Errorf("Text(%v) = %q, want it to start with %q", tt.err, got, tt.want)
			}
			for _, en := range []string{"no such file", "not a directory", "is a directory", "permission denied", "/a/b.csv"} {
				if strings.Contains(got, en) {
					t.Errorf("Text(%v) = %q: English or a repeated path %q leaks", tt.err, got, en)
				}
			}
		})
	}
}
