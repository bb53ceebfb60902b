package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"monev/questionnaire"
	"monev/scoring"
)

// templateOptions are the flags of monev template.
type templateOptions struct {
	unit     string
	category string
	roster   string
	outDir   string
	force    bool
}

// AddFlags registers the flags of monev template.
func (o *templateOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.unit, "unit", "", "`NAMA` satu badan publik, misalnya \"Dinas Pertanian\"")
	fs.StringVar(&o.category, "category", "", "`KATEGORI` badan publik itu, misalnya OPD atau Kecamatan")
	fs.StringVar(&o.roster, "units", "", "`DAFTAR` badan publik (.csv atau .xlsx, kolom nama dan kategori)")
	fs.StringVarP(&o.outDir, "output", "o", ".", "`FOLDER` tujuan kuesioner")
	fs.BoolVar(&o.force, "force", false, "timpa kuesioner yang sudah ada")
}

func newTemplateCommand(g *globalOptions) *cobra.Command {
	var opts templateOptions
	cmd := &cobra.Command{
		Use:   "template (--unit NAMA --category KATEGORI | --units DAFTAR) [-o FOLDER]",
		Short: "Membuat kuesioner SAQ kosong (.xlsx) untuk badan publik",
		Long: `Membuat kuesioner SAQ kosong, satu berkas .xlsx untuk setiap badan publik,
siap dikirim ke operator PPID Pembantu. Setiap berkas sudah memuat nama dan
kategori badan publik serta id, versi dan sidik jari pertanyaan instrumen,
sehingga monev tahu dari instrumen mana kuesioner itu dibuat.

Untuk satu badan publik, beri --unit dan --category. Untuk banyak sekaligus,
beri --units dengan daftar badan publik: berkas .csv atau .xlsx dengan kolom
"nama" dan "kategori". Jalur setiap berkas yang ditulis dicetak satu per baris.
Kuesioner yang sudah ada tidak ditimpa kecuali dengan --force.` +
			exitCodeHelp("semua kuesioner ditulis",
				"(tidak dipakai)",
				"salah penggunaan, daftar tidak terbaca, kategori tidak dikenal, berkas sudah ada, atau gagal menulis"),
		Example: `  monev template --unit "Dinas Pertanian" --category OPD -o kuesioner/
  monev template --unit "Kecamatan Sakra Timur" --category Kecamatan
  monev template --units daftar-badan.csv -o kuesioner/`,
		Args: noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return runTemplate(c.Context(), g, opts)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runTemplate(ctx context.Context, g *globalOptions, opts templateOptions) error {
	const cmdPath = "monev template"
	switch {
	case opts.unit == "" && opts.roster == "":
		return usagef(cmdPath, "beri --unit NAMA --category KATEGORI, atau --units DAFTAR")
	case opts.unit != "" && opts.roster != "":
		return usagef(cmdPath, "pilih salah satu: --unit atau --units, tidak keduanya")
	case opts.unit != "" && opts.category == "":
		return usagef(cmdPath, "--unit memerlukan --category")
	case opts.roster != "" && opts.category != "":
		return usagef(cmdPath, "--category hanya dipakai dengan --unit; kategori diambil dari daftar")
	}
	inst, err := g.loadInstrument()
	if err != nil {
		return err
	}

	var units []questionnaire.Unit
	if opts.unit != "" {
		name := strings.Join(strings.Fields(opts.unit), " ")
		units = []questionnaire.Unit{{Name: name, Category: opts.category}}
	} else {
		units, err = readRoster(opts.roster)
		if err != nil {
			return err
		}
		if len(units) == 0 {
			return fmt.Errorf("%s: daftar badan publik kosong", opts.roster)
		}
	}
	for i, u := range units {
		c := scoring.CanonicalCategory(inst, u.Category)
		if !slices.Contains(inst.Categories, c) {
			where := "--category"
			if opts.roster != "" {
				where = opts.roster + ": " + u.Name
			}
			return usagef(cmdPath, "%s: kategori %q tidak dikenal; pilih salah satu: %s",
				where, u.Category, strings.Join(inst.Categories, ", "))
		}
		units[i].Category = c
	}

	// Check every target before writing anything.
	paths := make([]string, len(units))
	seen := map[string]string{}
	for i, u := range units {
		p := filepath.Join(opts.outDir, questionnaire.TemplateFileName(u))
		key := strings.ToLower(p) // Windows and macOS file names ignore case
		if other, dup := seen[key]; dup {
			return fmt.Errorf("%q dan %q akan ditulis ke berkas yang sama %s; bedakan namanya di daftar", other, u.Name, p)
		}
		seen[key] = u.Name
		if _, err := os.Stat(p); err == nil && !opts.force {
			return fmt.Errorf("%s sudah ada; hapus dulu atau ulangi dengan --force untuk menimpanya", p)
		}
		paths[i] = p
	}
	if err := os.MkdirAll(opts.outDir, 0o755); err != nil {
		return fmt.Errorf("folder tujuan tidak dapat dibuat: %w", fileProblem(opts.outDir, err))
	}
	for i, u := range units {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("dibatalkan")
		}
		err := writeFileAtomic(paths[i], func(w io.Writer) error { return questionnaire.WriteTemplate(w, inst, u) })
		if err != nil {
			return fmt.Errorf("gagal menulis kuesioner %w", fileProblem(paths[i], err))
		}
		fmt.Fprintln(g.io.Out, paths[i])
	}
	return nil
}
