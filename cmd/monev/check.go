package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"monev/questionnaire"
	"monev/scoring"
)

// checkOptions are the flags of monev check.
type checkOptions struct {
	json  bool
	fixes int
}

// AddFlags registers the flags of monev check.
func (o *checkOptions) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "keluaran JSON untuk program lain")
	fs.IntVar(&o.fixes, "perbaikan", 10, "`N` butir teratas yang disarankan untuk diperbaiki (0: semua)")
}

func newCheckCommand(g *globalOptions) *cobra.Command {
	var opts checkOptions
	cmd := &cobra.Command{
		Use:   "check BERKAS.xlsx",
		Short: "Memeriksa satu kuesioner yang sudah diisi dan menghitung nilainya",
		Long: `Memeriksa satu kuesioner yang sudah diisi, untuk operator PPID Pembantu
sebelum mengirimkannya. Dicetak: identitas yang terbaca, temuan (galat lalu
peringatan, masing-masing dengan selnya dan cara memperbaikinya), nilai SAQ
dan kualifikasinya, nilai setiap indikator terhadap bobotnya, butir yang
sebaiknya diperbaiki lebih dulu beserta tambahan nilai masing-masing, dan
tambahan nilai yang diperlukan untuk naik ke kualifikasi berikutnya.
Berkas tidak pernah diubah.

Keluaran --json adalah satu objek JSON yang stabil:
  berkas, dapat_dinilai (bool), identitas {nama, kategori, operator, kontak,
  tanggal}, instrumen {id, versi, sidik_jari}, temuan [{berkas, lembar, sel,
  butir, kode, tingkat ("galat"|"peringatan"), pesan, perbaikan}], dan bila
  dapat dinilai: nilai_saq, kualifikasi, indikator [{kode, nama, bobot,
  nilai}], perbaikan [{butir, pertanyaan, alasan (kode tetap, misalnya
  "tanpa-bukti"), penjelasan (alasan dalam kata-kata), saran, tambahan}],
  kualifikasi_berikutnya, tambahan_ke_berikutnya.
  Setiap angka ditulis sebagai teks dengan titik desimal dan dua angka di
  belakang koma ("89.99", untuk program), dan sekali lagi dalam gaya
  Indonesia pada kunci berakhiran _teks ("89,99", untuk dibaca orang).` +
			exitCodeHelp("kuesioner dapat dinilai tanpa galat (mungkin ada peringatan)",
				"ada galat: butir yang bergalat tidak mendapat nilai sampai diperbaiki",
				"salah penggunaan, atau berkas tidak dapat dinilai sama sekali (bukan .xlsx, rusak,\n     tanpa lembar Kuesioner, atau dibuat dari instrumen dengan pertanyaan lain);\n     temuannya tetap dicetak"),
		Example: `  monev check SAQ-Dinas-Pertanian.xlsx
  monev check SAQ-Kecamatan-Sakra.xlsx --json > hasil.json
  monev check kuesioner.xlsx --instrument instrumen-2026.yaml`,
		Args: exactArgs(1, "tepat satu berkas .xlsx"),
		RunE: func(c *cobra.Command, args []string) error {
			return runCheck(c.Context(), g, opts, args[0])
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runCheck(ctx context.Context, g *globalOptions, opts checkOptions, file string) error {
	if opts.fixes < 0 {
		return usagef("monev check", "--perbaikan tidak boleh negatif; 0 menampilkan semua butir")
	}
	info, err := os.Stat(file)
	if err != nil {
		return fileProblem(file, err)
	}
	if info.IsDir() {
		return usagef("monev check", "%s adalah folder; monev check memeriksa satu berkas (untuk satu folder: monev score)", file)
	}
	if questionnaire.IsLockFile(file) {
		return usagef("monev check", "%s adalah berkas kunci sementara yang dibuat Excel/LibreOffice selama kuesioner dibuka, bukan kuesionernya; "+
			"tutup kuesioner di Excel lalu periksa berkas aslinya di folder yang sama (nama tanpa %q di depan)",
			file, lockPrefix(filepath.Base(file)))
	}
	inst, err := g.loadInstrument()
	if err != nil {
		return err
	}
	resp, findings := questionnaire.ReadFile(file, inst, questionnaire.ReadOptions{})
	for i := range findings {
		if findings[i].File == "" {
			findings[i].File = file
		}
	}
	questionnaire.SortFindings(findings)
	// Errors first, then warnings, each in sheet order.
	var ordered []questionnaire.Finding
	for _, sev := range []questionnaire.Severity{questionnaire.Error, questionnaire.Warning} {
		for _, f := range findings {
			if f.Severity == sev {
				ordered = append(ordered, f)
			}
		}
	}
	findings = ordered

	var sc *scoring.Score
	if resp != nil {
		u, _ := scoring.SheetUnit(inst, resp, file)
		s := scoring.ScoreResponse(inst, resp, u, nil)
		sc = &s
	}

	if opts.json {
		if err := writeCheckJSON(g.io.Out, file, inst, resp, sc, findings, opts.fixes); err != nil {
			return err
		}
	} else {
		writeCheckText(g.io.Out, file, inst, resp, sc, findings, opts.fixes)
	}
	switch {
	case resp == nil:
		return fmt.Errorf("%s tidak dapat dinilai; lihat temuan di atas", file)
	case questionnaire.HasErrors(findings):
		return &findingsError{}
	}
	return nil
}

// lockPrefix is the part of a lock file's name that the office suite put in
// front of the questionnaire's name.
func lockPrefix(base string) string {
	if strings.HasPrefix(base, ".~lock.") {
		return ".~lock."
	}
	return "~$"
}

// fixText is why an item lost points and what to do, "dijawab Tidak: penuhi
// syaratnya, lalu jawab Ya dengan tautan bukti" (see scoring.Explain, Advice).
func fixText(fx scoring.Fix) string {
	why, what := scoring.Explain(fx.Item, fx.Reason), scoring.Advice(fx.Item, fx.Reason)
	if why == "" || what == "" {
		return why + what
	}
	return why + ": " + what
}

// ratText is a score rounded once, in Indonesian style: "89,99" (see
// scoring.Figure.String); ratMachine is the same figure for programs: "89.99".
func ratText(r *big.Rat) string { return scoring.Round(r).String() }

func ratMachine(r *big.Rat) string { return strings.Replace(ratText(r), ",", ".", 1) }

func bandLabel(b *questionnaire.Band) string {
	if b == nil {
		return "-"
	}
	return b.Label
}

func writeCheckText(w io.Writer, file string, inst *questionnaire.Instrument, resp *questionnaire.Response, sc *scoring.Score, findings []questionnaire.Finding, maxFixes int) {
	fmt.Fprintf(w, "Berkas       : %s\n", file)
	if resp != nil {
		id := resp.Identity
		fmt.Fprintf(w, "Badan publik : %s\n", orDash(id.Unit))
		fmt.Fprintf(w, "Kategori     : %s\n", orDash(id.Category))
		fmt.Fprintf(w, "Operator     : %s (%s)\n", orDash(id.Operator), orDash(id.Contact))
		fmt.Fprintf(w, "Instrumen    : %s versi %s\n", orDash(resp.InstrumentID), orDash(resp.InstrumentVersion))
	}

	nErr, nWarn := 0, 0
	for _, f := range findings {
		if f.Severity == questionnaire.Error {
			nErr++
		} else {
			nWarn++
		}
	}
	fmt.Fprintf(w, "\nTemuan: %d galat, %d peringatan\n", nErr, nWarn)
	for _, f := range findings {
		loc := f.Sheet
		if f.Cell != "" {
			loc += "!" + f.Cell
		}
		if loc == "" {
			loc = "berkas"
		}
		fmt.Fprintf(w, "  %-10s %-14s %s [%s]\n", strings.ToUpper(f.Severity.String()), loc, f.Message, f.Code)
		if f.Fix != "" {
			fmt.Fprintf(w, "  %-10s %-14s Perbaikan: %s\n", "", "", f.Fix)
		}
	}
	if sc == nil {
		fmt.Fprintln(w, "\nBerkas ini tidak dapat dinilai.")
		return
	}

	fmt.Fprintf(w, "\nNilai SAQ: %s (%s)\n", ratText(sc.SAQ), bandLabel(sc.Band))
	if nErr > 0 {
		fmt.Fprintln(w, "Butir yang bergalat belum mendapat nilai; nilai naik setelah galat diperbaiki.")
	}
	fmt.Fprintln(w, "\nNilai per indikator:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, is := range sc.Indicators {
		if is.Indicator == nil {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%6s / %s\n", is.Indicator.Code, is.Indicator.Name, ratText(is.Score),
			is.Indicator.Weight.Text())
	}
	tw.Flush()

	fixes := topFixes(sc.Fixes, maxFixes)
	if len(fixes) > 0 {
		fmt.Fprintln(w, "\nPerbaiki lebih dulu (tambahan nilai SAQ bila butir dijawab penuh):")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, fx := range fixes {
			// The question, and under it why the item lost points and what to do.
			fmt.Fprintf(tw, "  %s\t%6s\t%s\n", fx.Item.Code, "+"+ratText(fx.Gain), shorten(fx.Item.Question, 70))
			fmt.Fprintf(tw, "\t\t%s\n", fixText(fx))
		}
		tw.Flush()
		if rest := len(sc.Fixes) - len(fixes); rest > 0 {
			fmt.Fprintf(w, "  … dan %d butir lain (tampilkan semua dengan --perbaikan 0)\n", rest)
		}
	}
	if sc.NextBand != nil && sc.NextBandGain != nil {
		fmt.Fprintf(w, "\nUntuk naik ke %s (mulai %s) diperlukan tambahan %s poin.\n",
			sc.NextBand.Label, sc.NextBand.Min.Text(), ratText(sc.NextBandGain))
	} else if sc.Band != nil {
		fmt.Fprintln(w, "\nSudah pada kualifikasi tertinggi.")
	}
}

func topFixes(fixes []scoring.Fix, n int) []scoring.Fix {
	var out []scoring.Fix
	for _, f := range fixes {
		if f.Item == nil || f.Gain == nil || f.Gain.Sign() <= 0 {
			continue
		}
		out = append(out, f)
		if n > 0 && len(out) == n {
			break
		}
	}
	return out
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// The JSON form of monev check; field names are part of the documented interface.
type checkJSON struct {
	File          string             `json:"berkas"`
	Scorable      bool               `json:"dapat_dinilai"`
	Identity      *identityJSON      `json:"identitas,omitempty"`
	Instrument    *instrumentRefJSON `json:"instrumen,omitempty"`
	Findings      []findingJSON      `json:"temuan"`
	SAQ           string             `json:"nilai_saq,omitempty"`
	SAQText       string             `json:"nilai_saq_teks,omitempty"`
	Qualification string             `json:"kualifikasi,omitempty"`
	Indicators    []indicatorJSON    `json:"indikator,omitempty"`
	Fixes         []fixJSON          `json:"perbaikan,omitempty"`
	NextBand      string             `json:"kualifikasi_berikutnya,omitempty"`
	NextGain      string             `json:"tambahan_ke_berikutnya,omitempty"`
	NextGainText  string             `json:"tambahan_ke_berikutnya_teks,omitempty"`
}

type identityJSON struct {
	Unit     string `json:"nama"`
	Category string `json:"kategori"`
	Operator string `json:"operator"`
	Contact  string `json:"kontak"`
	Date     string `json:"tanggal"`
}

type instrumentRefJSON struct {
	ID          string `json:"id"`
	Version     string `json:"versi"`
	Fingerprint string `json:"sidik_jari"`
}

type findingJSON struct {
	File     string `json:"berkas"`
	Sheet    string `json:"lembar"`
	Cell     string `json:"sel"`
	Item     string `json:"butir"`
	Code     string `json:"kode"`
	Severity string `json:"tingkat"`
	Message  string `json:"pesan"`
	Fix      string `json:"perbaikan"`
}

type indicatorJSON struct {
	Code      string `json:"kode"`
	Name      string `json:"nama"`
	Weight    string `json:"bobot"`
	Score     string `json:"nilai"`
	ScoreText string `json:"nilai_teks"`
}

type fixJSON struct {
	Item     string `json:"butir"`
	Question string `json:"pertanyaan"`
	Reason   string `json:"alasan"`
	Explain  string `json:"penjelasan"`
	Advice   string `json:"saran"`
	Gain     string `json:"tambahan"`
	GainText string `json:"tambahan_teks"`
}

func writeCheckJSON(w io.Writer, file string, inst *questionnaire.Instrument, resp *questionnaire.Response, sc *scoring.Score, findings []questionnaire.Finding, maxFixes int) error {
	out := checkJSON{File: file, Scorable: resp != nil, Findings: []findingJSON{}}
	for _, f := range findings {
		out.Findings = append(out.Findings, findingJSON{
			File: f.File, Sheet: f.Sheet, Cell: f.Cell, Item: f.Item, Code: string(f.Code),
			Severity: f.Severity.String(), Message: f.Message, Fix: f.Fix,
		})
	}
	if resp != nil {
		id := resp.Identity
		out.Identity = &identityJSON{Unit: id.Unit, Category: id.Category, Operator: id.Operator, Contact: id.Contact, Date: id.Date}
		out.Instrument = &instrumentRefJSON{ID: resp.InstrumentID, Version: resp.InstrumentVersion, Fingerprint: resp.Fingerprint}
	}
	if sc != nil {
		out.SAQ, out.SAQText = ratMachine(sc.SAQ), ratText(sc.SAQ)
		out.Qualification = bandLabel(sc.Band)
		out.Indicators = []indicatorJSON{}
		for _, is := range sc.Indicators {
			if is.Indicator == nil {
				continue
			}
			out.Indicators = append(out.Indicators, indicatorJSON{
				Code: is.Indicator.Code, Name: is.Indicator.Name, Weight: is.Indicator.Weight.String(),
				Score: ratMachine(is.Score), ScoreText: ratText(is.Score),
			})
		}
		out.Fixes = []fixJSON{}
		for _, fx := range topFixes(sc.Fixes, maxFixes) {
			out.Fixes = append(out.Fixes, fixJSON{
				Item: fx.Item.Code, Question: fx.Item.Question, Reason: string(fx.Reason),
				Explain: scoring.Explain(fx.Item, fx.Reason), Advice: scoring.Advice(fx.Item, fx.Reason),
				Gain: ratMachine(fx.Gain), GainText: ratText(fx.Gain),
			})
		}
		if sc.NextBand != nil && sc.NextBandGain != nil {
			out.NextBand = sc.NextBand.Label
			out.NextGain, out.NextGainText = ratMachine(sc.NextBandGain), ratText(sc.NextBandGain)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
