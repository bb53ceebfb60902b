package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// Exit codes, the same for every command.
const (
	exitOK       = 0 // done, no errors
	exitFindings = 1 // done, but problems were found (and reported)
	exitFailure  = 2 // usage error, unreadable input, nothing written
)

// exitCodeHelp is the KODE KELUAR section shared by the help texts.
func exitCodeHelp(ok, findings, failure string) string {
	return "\n\nKODE KELUAR\n" +
		"  0  " + ok + "\n" +
		"  1  " + findings + "\n" +
		"  2  " + failure
}

// findingsError: the command did its work but found problems, which it
// already reported. Exit code 1.
type findingsError struct{ msg string }

func (e *findingsError) Error() string { return e.msg }

// usageError: the command line is wrong. Exit code 2, with a hint to --help.
type usageError struct {
	msg     string
	command string // e.g. "monev score"
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), command: cmd}
}

// exitCode maps an error to the process exit code and prints it on stderr.
// This is the only place where errors become exit codes.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var fe *findingsError
	if errors.As(err, &fe) {
		if fe.msg != "" {
			fmt.Fprintln(stderr, "monev: "+fe.msg)
		}
		return exitFindings
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "monev: "+ue.msg)
		cmd := ue.command
		if cmd == "" {
			cmd = "monev"
		}
		fmt.Fprintf(stderr, "Lihat '%s --help'.\n", cmd)
		return exitFailure
	}
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "unknown command "); ok {
		// cobra: unknown command "x" for "monev"\n\nDid you mean this?\n\ty\n
		name, _, _ := strings.Cut(rest, " for ")
		msg = "perintah tidak dikenal: " + name
		if _, sugg, ok := strings.Cut(err.Error(), "Did you mean this?\n"); ok {
			msg += "\nMungkin maksudnya:\n" + strings.TrimRight(sugg, "\n")
		}
		fmt.Fprintln(stderr, "monev: "+msg)
		fmt.Fprintln(stderr, "Lihat 'monev --help'.")
		return exitFailure
	}
	fmt.Fprintln(stderr, "monev: "+msg)
	return exitFailure
}

// translateFlagError turns pflag's English messages into Indonesian, from
// its typed errors rather than its wording.
func translateFlagError(err error) string {
	var (
		unknown  *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &unknown):
		if unknown.GetSpecifiedShortnames() != "" {
			return "opsi pendek tidak dikenal: -" + unknown.GetSpecifiedName()
		}
		return "opsi tidak dikenal: --" + unknown.GetSpecifiedName()
	case errors.As(err, &required):
		if required.GetSpecifiedShortnames() != "" {
			return fmt.Sprintf("opsi -%s memerlukan nilai", required.GetSpecifiedName())
		}
		return fmt.Sprintf("opsi --%s memerlukan nilai", required.GetSpecifiedName())
	case errors.As(err, &invalid):
		return fmt.Sprintf("nilai %q tidak sah untuk opsi --%s", invalid.GetValue(), invalid.GetFlag().Name)
	case errors.As(err, &syntax):
		return "penulisan opsi salah: " + syntax.GetSpecifiedFlag()
	}
	return err.Error()
}
