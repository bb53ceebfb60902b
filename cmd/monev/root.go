package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"monev/internal/atomicfile"
	"monev/internal/fileerr"
	"monev/questionnaire"
)

// globalOptions are the flags every command accepts.
type globalOptions struct {
	io             *ioStreams
	instrumentPath string
}

// AddFlags registers the global flags.
func (g *globalOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&g.instrumentPath, "instrument", "", "`BERKAS` instrumen YAML yang dipakai (bawaan: instrumen tertanam)")
}

// loadInstrument returns the instrument given by --instrument, or the default one.
func (g *globalOptions) loadInstrument() (*questionnaire.Instrument, error) {
	if g.instrumentPath == "" {
		return questionnaire.Default(), nil
	}
	inst, err := questionnaire.Load(g.instrumentPath)
	if err != nil {
		var ve *questionnaire.ValidationError
		if errors.As(err, &ve) {
			printProblems(g.io.ErrOut, g.instrumentPath, ve)
			return nil, fmt.Errorf("%s: instrumen tidak sah (%d masalah); periksa dengan 'monev instrument validate %s'",
				g.instrumentPath, len(ve.Problems), g.instrumentPath)
		}
		return nil, fileProblem(g.instrumentPath, err)
	}
	return inst, nil
}

// readRoster reads the roster given by --units. Its errors already name the
// file (and line); an error opening it is said in Indonesian.
func readRoster(path string) ([]questionnaire.Unit, error) {
	units, err := questionnaire.ReadRoster(path)
	if err != nil {
		var re *questionnaire.RosterError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, fileProblem(path, err)
	}
	return units, nil
}

// fileProblem is the error for a file that could not be opened, read or
// written: its path, then what went wrong in Indonesian with what to do
// (see fileerr.Text), never Go's English "open …: no such file or directory".
// An error that is not about the file system is kept as it is, after the path.
func fileProblem(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	if errors.As(err, &pe) || errors.As(err, &le) {
		return fmt.Errorf("%s: %s", path, fileerr.Text(err))
	}
	return fmt.Errorf("%s: %v", path, err)
}

// run executes monev with args and returns the process exit code.
func run(ctx context.Context, args []string, ios *ioStreams) int {
	root := newRootCommand(ios)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return exitCode(err, ios.ErrOut)
}

func newRootCommand(ios *ioStreams) *cobra.Command {
	g := &globalOptions{io: ios}
	root := &cobra.Command{
		Use:   "monev",
		Short: "Penilaian monev keterbukaan informasi publik",
		Long: `monev menilai monitoring dan evaluasi (monev) keterbukaan informasi publik
badan publik di kabupaten: membuat kuesioner SAQ kosong (.xlsx) untuk setiap
OPD dan kecamatan, memeriksa kuesioner yang sudah diisi, lalu menilai dan
memeringkat semua kuesioner dalam satu folder ke dalam buku kerja peringkat.

Alur kerja:
  1. monev template   kuesioner kosong untuk dikirim ke badan publik
  2. monev check      operator memeriksa isiannya sebelum dikirim
  3. monev score      analis menilai dan memeringkat semua kuesioner
  4. monev instrument melihat, mengekspor atau memeriksa instrumen penilaian` +
			exitCodeHelp(
				"selesai tanpa galat",
				"selesai, tetapi ada galat pada kuesioner atau instrumen (sudah dilaporkan)",
				"salah penggunaan, berkas tidak dapat dibaca, atau tidak ada yang ditulis"),
		Example: `  monev template --units daftar-badan.csv -o kuesioner/
  monev check "SAQ-Dinas-Pertanian.xlsx"
  monev score masuk/ --units daftar-badan.csv -o peringkat.xlsx`,
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	g.AddFlags(root.PersistentFlags())
	root.SetVersionTemplate("monev {{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "tampilkan versi monev")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: translateFlagError(err), command: c.CommandPath()}
	})

	root.AddCommand(
		newTemplateCommand(g),
		newCheckCommand(g),
		newScoreCommand(g),
		newInstrumentCommand(g),
	)
	localize(root)
	return root
}

// localize puts Indonesian on everything cobra adds by itself: the usage
// template, the help and completion commands and the -h flag.
func localize(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.SetUsageTemplate(usageTemplate)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch c.Name() {
		case "help":
			if c.Parent() == root {
				c.Use = "help [perintah]"
				c.Short = "Bantuan tentang perintah apa pun"
				c.Long = "Menampilkan bantuan untuk perintah apa pun, misalnya: monev help score."
				// cobra's own says "Unknown help topic" and exits 0.
				c.Run = nil
				c.RunE = func(c *cobra.Command, args []string) error {
					cmd, _, err := c.Root().Find(args)
					if err != nil {
						return err // unknown command: exitCode says it in Indonesian
					}
					cmd.InitDefaultHelpFlag()
					return cmd.Help()
				}
			}
		case "completion":
			c.Short = "Membuat skrip pelengkapan otomatis untuk shell"
			c.Long = "Membuat skrip pelengkapan otomatis (tab completion) monev untuk shell yang dipilih.\nLihat bantuan tiap subperintah untuk cara memasangnya."
		case "bash", "zsh", "fish", "powershell":
			if c.Parent() != nil && c.Parent().Name() == "completion" {
				c.Short = "Membuat skrip pelengkapan otomatis untuk " + c.Name()
				c.Long = "Membuat skrip pelengkapan otomatis monev untuk " + c.Name() +
					".\nMuat skrip ini dari berkas konfigurasi shell Anda; lihat dokumentasi " + c.Name() +
					" tentang pelengkapan.\nBuka shell baru agar pelengkapan berlaku."
				if f := c.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = "tanpa keterangan pada pelengkapan"
				}
			}
		}
		// cobra's own "[flags]" in the usage line, in Indonesian.
		c.DisableFlagsInUseLine = true
		if c.Runnable() && !strings.Contains(c.Use, "[opsi]") {
			c.Use += " [opsi]"
		}
		if c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, "bantuan untuk "+c.Name())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// usageTemplate is cobra's default usage template with Indonesian headings.
const usageTemplate = `Penggunaan:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [perintah]{{end}}{{if gt (len .Aliases) 0}}

Nama lain:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Contoh:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}

Perintah yang tersedia:{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Opsi:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Opsi global:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

Gunakan "{{.CommandPath}} [perintah] --help" untuk keterangan tentang suatu perintah.{{end}}
`

// exactArgs is cobra.ExactArgs with an Indonesian message.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef(c.CommandPath(), "%s memerlukan %s (diberikan %d argumen)", c.CommandPath(), what, len(args))
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs with an Indonesian message.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef(c.CommandPath(), "%s memerlukan %s", c.CommandPath(), what)
		}
		return nil
	}
}

// noArgs is cobra.NoArgs with an Indonesian message.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef(c.CommandPath(), "%s tidak menerima argumen %q", c.CommandPath(), args[0])
	}
	return nil
}

// printProblems lists an instrument's problems, one per line with line:column and fix.
func printProblems(w io.Writer, file string, ve *questionnaire.ValidationError) {
	if ve.File != "" {
		file = ve.File
	}
	for _, p := range ve.Problems {
		loc := file
		if p.Line > 0 {
			loc += fmt.Sprintf(":%d", p.Line)
			if p.Column > 0 {
				loc += fmt.Sprintf(":%d", p.Column)
			}
		}
		line := loc + ": " + p.Message
		if p.Path != "" {
			line += " (" + p.Path + ")"
		}
		fmt.Fprintln(w, line)
		if p.Fix != "" {
			fmt.Fprintln(w, "    Perbaikan: "+p.Fix)
		}
	}
}

// writeFileAtomic writes a file through a temporary file in the same folder
// renamed into place, so a reader never sees half a file and a failed write
// leaves any old file untouched.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	return atomicfile.WriteFile(path, 0o644, write)
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
