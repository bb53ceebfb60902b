// Package fileerr says in Indonesian what went wrong when a file or folder
// could not be opened, read or written, in place of the operating system's
// English ("open x.csv: no such file or directory"), with what to do about it.
package fileerr

import (
	"errors"
	"io/fs"
	"syscall"
)

// Text describes err for a user who knows which file it is about (the caller
// puts the path in front): "tidak ditemukan; periksa nama dan letaknya".
// Errors of unknown kind keep Go's text after a general Indonesian phrase, so
// nothing is lost for whoever has to look further.
//
//	if _, err := os.Open(path); err != nil {
//		return fmt.Errorf("%s: %s", path, fileerr.Text(err))
//	}
func Text(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return "tidak ditemukan; periksa nama dan letaknya (nama yang memuat spasi ditulis di antara tanda kutip)"
	case errors.Is(err, fs.ErrPermission):
		return "akses ditolak; tutup berkas itu bila sedang dibuka di Excel atau aplikasi lain, atau periksa izin foldernya"
	case errors.Is(err, syscall.ENOTDIR):
		return "bagian jalurnya adalah berkas, bukan folder; periksa jalurnya"
	case errors.Is(err, syscall.EISDIR) && isRead(err):
		// os.ReadFile of a folder: the open succeeds, the read fails.
		return "itu folder, bukan berkas; beri jalur sebuah berkas"
	case errors.Is(err, syscall.EISDIR), errors.Is(err, fs.ErrExist):
		return "sudah ada folder dengan nama itu; pilih nama berkas lain"
	case errors.Is(err, syscall.ENOSPC):
		return "ruang disk penuh; kosongkan sebagian ruang lalu ulangi"
	case errors.Is(err, syscall.EROFS):
		return "disk atau folder itu hanya dapat dibaca; simpan di folder lain"
	}
	// Keep the operating system's own words, without the path it repeats.
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return "galat sistem (" + err.Error() + ")"
}

// isRead reports whether err is from reading an opened file (Op "read").
func isRead(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Op == "read"
}
