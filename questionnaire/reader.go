package questionnaire

// STUB: replaced by the reader work (issue 3).

// ReadOptions bounds what the reader does with hostile files.
type ReadOptions struct {
	MaxRows        int   // rows scanned on a sheet before giving up; 0 = default
	UnzipSizeLimit int64 // bytes; 0 = default
}

// ReadFile reads one filled questionnaire. It never modifies the file and
// never panics. The Response is nil when the file cannot be scored at all;
// the findings then say why.
func ReadFile(path string, inst *Instrument, opt ReadOptions) (*Response, []Finding) {
	return nil, nil
}

// IsLockFile reports whether a file name is an office lock file (Excel's
// "~$…", LibreOffice's ".~lock.…#") that must be skipped.
func IsLockFile(name string) bool { return false }
