package main

import (
	"io"
	"os"
)

// ioStreams is where a command reads and writes; tests replace it with buffers.
type ioStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrIsTerminal says whether ErrOut is a terminal, where progress is shown.
	ErrIsTerminal bool
}

// systemIO returns the process's standard streams.
func systemIO() *ioStreams {
	return &ioStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrIsTerminal: isTerminal(os.Stderr)}
}

// isTerminal reports whether f is a character device (a console), without a
// dependency on a terminal library.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
