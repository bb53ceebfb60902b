package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"monev/questionnaire"
)

func newInstrumentCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "instrument",
		Short: "Menampilkan, mengekspor atau memeriksa instrumen penilaian",
		Long: `Menampilkan instrumen penilaian yang dipakai: id, nama, versi, sidik jari,
indikator dengan bobot dan jumlah butirnya, tahap penilaian dengan bobotnya,
dan batas kualifikasi. Tanpa --instrument yang ditampilkan adalah instrumen
bawaan yang tertanam dalam monev.

Untuk menyesuaikan instrumen (bobot, butir, tahap), ekspor dulu ke YAML,
ubah, periksa dengan "monev instrument validate", lalu pakai dengan
--instrument pada perintah lain.` +
			exitCodeHelp("instrumen ditampilkan",
				"(tidak dipakai)",
				"salah penggunaan atau berkas --instrument tidak sah"),
		Example: `  monev instrument
  monev instrument export instrumen-2026.yaml
  monev instrument validate instrumen-2026.yaml
  monev instrument --instrument instrumen-2026.yaml`,
		Args: noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			inst, err := g.loadInstrument()
			if err != nil {
				return err
			}
			writeInstrument(g.io.Out, inst)
			return nil
		},
	}
	cmd.AddCommand(newInstrumentExportCommand(g), newInstrumentValidateCommand(g))
	return cmd
}

// exportOptions are the flags of monev instrument export.
type exportOptions struct{ force bool }

// AddFlags registers the flags of monev instrument export.
func (o *exportOptions) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.force, "force", false, "timpa berkas yang sudah ada")
}

func newInstrumentExportCommand(g *globalOptions) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export BERKAS.yaml",
		Short: "Mengekspor instrumen ke berkas YAML untuk disesuaikan",
		Long: `Menulis instrumen yang dipakai (bawaan, atau yang diberikan dengan
--instrument) ke berkas YAML. Berkas itu dapat diubah lalu dipakai dengan
--instrument. Berkas yang sudah ada tidak ditimpa kecuali dengan --force.` +
			exitCodeHelp("berkas ditulis", "(tidak dipakai)",
				"salah penggunaan, berkas sudah ada, atau gagal menulis"),
		Example: `  monev instrument export instrumen-2026.yaml
  monev instrument export instrumen.yaml --force`,
		Args: exactArgs(1, "satu nama berkas tujuan"),
		RunE: func(c *cobra.Command, args []string) error {
			return runInstrumentExport(c.Context(), g, opts, args[0])
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runInstrumentExport(ctx context.Context, g *globalOptions, opts exportOptions, path string) error {
	inst, err := g.loadInstrument()
	if err != nil {
		return err
	}
	if info, err := os.Stat(path); (err == nil && info.IsDir()) || strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return fmt.Errorf("%s adalah folder; beri nama berkas di dalamnya, misalnya %s",
			path, filepath.Join(path, "instrumen.yaml"))
	}
	if _, err := os.Stat(path); err == nil && !opts.force {
		return fmt.Errorf("%s sudah ada; ulangi dengan --force untuk menimpanya", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("folder tujuan tidak dapat dibuat: %w", fileProblem(path, err))
	}
	if err := writeFileAtomic(path, inst.Export); err != nil {
		return fmt.Errorf("gagal menulis instrumen %w", fileProblem(path, err))
	}
	fmt.Fprintf(g.io.Out, "Instrumen %s versi %s ditulis ke %s\n", inst.ID, inst.Version, path)
	return nil
}

func newInstrumentValidateCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "validate BERKAS.yaml",
		Short: "Memeriksa berkas instrumen dan melaporkan setiap masalahnya",
		Long: `Memeriksa berkas instrumen YAML: penulisan YAML, bobot indikator dan bobot
tahap yang harus berjumlah 100, kode yang unik dan tertulis benar, butir yang
merujuk indikator yang ada, kualifikasi yang menutup 0–100 tanpa celah atau
tumpang tindih, dan lainnya. Setiap masalah dilaporkan sekaligus dengan
baris:kolom dan cara memperbaikinya.` +
			exitCodeHelp("instrumen sah", "instrumen tidak sah (setiap masalah dicetak ke stderr)",
				"salah penggunaan atau berkas tidak dapat dibaca"),
		Example: `  monev instrument validate instrumen-2026.yaml`,
		Args:    exactArgs(1, "satu berkas instrumen"),
		RunE: func(c *cobra.Command, args []string) error {
			inst, err := questionnaire.Load(args[0])
			if err != nil {
				var ve *questionnaire.ValidationError
				if errors.As(err, &ve) {
					printProblems(g.io.ErrOut, args[0], ve)
					return &findingsError{msg: fmt.Sprintf("%s: instrumen tidak sah: %d masalah", args[0], len(ve.Problems))}
				}
				return fileProblem(args[0], err)
			}
			fmt.Fprintf(g.io.Out, "%s: instrumen sah (%s versi %s, %d indikator, %d butir, sidik jari %s)\n",
				args[0], inst.ID, inst.Version, len(inst.Indicators), len(inst.Items), inst.Fingerprint())
			return nil
		},
	}
}

// writeInstrument prints the instrument's summary.
func writeInstrument(w io.Writer, inst *questionnaire.Instrument) {
	fmt.Fprintf(w, "Instrumen  : %s\n", inst.Name)
	fmt.Fprintf(w, "Id         : %s\n", inst.ID)
	fmt.Fprintf(w, "Tahun      : %d\n", inst.Year)
	fmt.Fprintf(w, "Versi      : %s\n", inst.Version)
	fmt.Fprintf(w, "Sidik jari : %s\n", inst.Fingerprint())
	fmt.Fprintf(w, "Kategori   : %s\n", strings.Join(inst.Categories, ", "))

	fmt.Fprintln(w, "\nIndikator:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  Kode\tNama\tBobot\tButir\t")
	total := 0
	for _, ind := range inst.Indicators {
		n := 0
		for _, it := range inst.Items {
			if it.Indicator == ind.Code {
				n++
			}
		}
		total += n
		fmt.Fprintf(tw, "  %s\t%s\t%s%%\t%d\t\n", ind.Code, ind.Name, ind.Weight.Text(), n)
	}
	fmt.Fprintf(tw, "  \tJumlah\t\t%d\t\n", total)
	tw.Flush()

	fmt.Fprintln(w, "\nTahap penilaian:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range inst.Stages {
		fmt.Fprintf(tw, "  %s\t%s\t%s%%\t\n", s.ID, s.Name, s.Weight.Text())
	}
	tw.Flush()
	switch inst.MissingStage {
	case questionnaire.MissingStageSAQOnly:
		fmt.Fprintln(w, "  Tanpa tahap lanjutan: nilai akhir = nilai SAQ saja.")
	case questionnaire.MissingStageZero:
		fmt.Fprintln(w, "  Tanpa tahap lanjutan: tahap itu dihitung 0.")
	}
	switch inst.NotSubmitted {
	case questionnaire.NotSubmittedZero:
		fmt.Fprintln(w, "  Tidak mengisi: nilai 0 dan ikut diperingkat.")
	case questionnaire.NotSubmittedUnranked:
		fmt.Fprintln(w, "  Tidak mengisi: dicatat terpisah, tidak diperingkat.")
	}

	fmt.Fprintln(w, "\nKualifikasi:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	// As the Ringkasan sheet and the README write them.
	for i := range inst.Bands {
		fmt.Fprintf(tw, "  %s\t%s\t\n", inst.Bands[i].Label, inst.BandRange(&inst.Bands[i]))
	}
	tw.Flush()
}
