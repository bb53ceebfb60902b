// Package atomicfile writes files so that a reader sees either the old
// content or the complete new content, never a half-written file: the data
// goes to a temporary file in the target directory, is flushed to disk, and
// only then renamed over the target.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// File is a file being written atomically. Write to it, then call Commit to
// put it in place or Abort to throw it away. Abort after Commit does nothing,
// so `defer f.Abort()` is the usual pattern.
type File struct {
	path string // target
	perm fs.FileMode
	tmp  *os.File
	buf  *bufio.Writer
	done bool
}

// Create starts writing path. The temporary file is created beside path
// (same directory, so the final rename stays on one file system) and is
// named ".<base>.<random>.tmp" so that it is easy to recognise if a crash
// leaves it behind. perm is the mode of the finished file.
//
//	f, err := atomicfile.Create("out/peringkat.xlsx", 0o644)
//	if err != nil { return err }
//	defer f.Abort()
//	if err := wb.Write(f); err != nil { return err }
//	return f.Commit()
func Create(path string, perm fs.FileMode) (*File, error) {
	dir, base := filepath.Split(path)
	if base == "" {
		return nil, fmt.Errorf("atomicfile: %q is not a file path", path)
	}
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &File{path: path, perm: perm, tmp: tmp, buf: bufio.NewWriterSize(tmp, 64<<10)}, nil
}

// Write writes p to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, os.ErrClosed
	}
	return f.buf.Write(p)
}

// Name returns the target path.
func (f *File) Name() string { return f.path }

// Commit flushes and syncs the temporary file, gives it its mode and renames
// it over the target. On any error the temporary file is removed and the
// target is left as it was.
func (f *File) Commit() error {
	if f.done {
		return os.ErrClosed
	}
	f.done = true
	err := f.buf.Flush()
	if err == nil {
		err = f.tmp.Sync()
	}
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.tmp.Name(), f.perm)
	}
	if err == nil {
		err = os.Rename(f.tmp.Name(), f.path)
	}
	if err != nil {
		_ = os.Remove(f.tmp.Name())
		return err
	}
	syncDir(filepath.Dir(f.path))
	return nil
}

// Abort removes the temporary file. It does nothing after Commit or a
// previous Abort.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	err := f.tmp.Close()
	if rerr := os.Remove(f.tmp.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
		err = rerr
	}
	return err
}

// WriteFile writes path atomically with the content produced by write. If
// write fails, the target is left untouched and write's error is returned.
func WriteFile(path string, perm fs.FileMode, write func(w io.Writer) error) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		_ = f.Abort()
		return err
	}
	return f.Commit()
}

// syncDir makes the rename durable where the platform allows it; failure
// is not an error (the data itself is already synced).
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
