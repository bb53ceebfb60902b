package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"monev/questionnaire"
	"monev/scoring"
)

// scoreOptions are the flags of monev score.
type scoreOptions struct {
	output  string
	roster  string
	stages  []string // "presentasi=FILE"
	workers int
}

// AddFlags registers the flags of monev score.
func (o *scoreOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.output, "output", "o", "", "`BERKAS` buku kerja peringkat yang ditulis (.xlsx), wajib")
	fs.StringVar(&o.roster, "units", "", "`DAFTAR` badan publik (.csv/.xlsx); yang tidak mengirim kuesioner dicatat \"tidak mengisi\"")
	fs.StringArrayVar(&o.stages, "stage", nil, "nilai tahap lanjutan `TAHAP=BERKAS` (.csv/.xlsx, kolom nama dan nilai); boleh diulang")
	fs.IntVar(&o.workers, "workers", 0, "`N` berkas yang dibaca bersamaan (0: sebanyak inti prosesor)")
}

func newScoreCommand(g *globalOptions) *cobra.Command {
	var opts scoreOptions
	cmd := &cobra.Command{
		Use:   "score FOLDER|BERKAS... -o PERINGKAT.xlsx",
		Short: "Menilai dan memeringkat semua kuesioner dalam folder",
		Long: `Menilai semua kuesioner yang sudah diisi lalu menulis buku kerja peringkat.

Setiap argumen adalah berkas atau folder; folder ditelusuri sampai ke
subfoldernya dan setiap berkas .xlsx dibaca (berkas kunci Excel/LibreOffice
dilewati, berkas lain seperti .xls atau .pdf dilewati dengan peringatan;
berkas --units dan --stage boleh berada di folder itu dan tidak dibaca
sebagai kuesioner).
Kuesioner dicocokkan dengan badan publiknya lewat nama di lembar Identitas.
Dua kuesioner untuk badan yang sama: bila isinya persis sama dinilai sekali;
bila berbeda keduanya dilaporkan sebagai galat dan badan itu dicatat "tidak
dapat dinilai" (tidak diperingkat, tetapi tetap dihitung). Begitu pula badan
di daftar yang berkasnya tidak terbaca (rusak, .xls lama, instrumen lain)
bila nama berkasnya sama dengan nama templatnya: minta kirim ulang.

  --units DAFTAR          daftar badan publik (kolom nama, kategori): kategori
                          diambil dari daftar dan badan yang tidak mengirim
                          kuesioner dicatat "tidak mengisi".
  --stage TAHAP=BERKAS    nilai tahap lanjutan (misalnya presentasi) per badan
                          publik, 0–100, dari .csv atau .xlsx dengan kolom
                          nama dan nilai. Nilai akhir memakai bobot tahap
                          dari instrumen.

Ringkasan (jumlah per kualifikasi per kategori dan berkas yang bergalat)
dicetak ke keluaran standar; kemajuan pembacaan ditampilkan di stderr bila
stderr adalah terminal. Buku kerja ditulis utuh atau tidak sama sekali, dan
tidak pernah menimpa salah satu berkas masukan. Isinya tidak bergantung pada
urutan berkas atau --workers; bila SOURCE_DATE_EPOCH diisi (detik sejak
1970), waktu penilaian di buku kerja memakai nilai itu sehingga dua kali
penilaian atas berkas yang sama menghasilkan isi yang sama persis.` +
			exitCodeHelp("semua kuesioner dinilai tanpa galat dan peringkat ditulis",
				"peringkat ditulis, tetapi sebagian berkas bergalat (didaftar di ringkasan dan lembar Temuan)",
				"tidak ada yang ditulis: salah penggunaan, tidak ada kuesioner, instrumen/daftar/nilai tahap tidak sah, atau gagal menulis"),
		Example: `  monev score masuk/ -o peringkat.xlsx
  monev score masuk/ --units daftar-badan.csv -o peringkat.xlsx
  monev score masuk/opd masuk/kecamatan --stage presentasi=presentasi.csv -o peringkat-2026.xlsx`,
		Args: minArgs(1, "setidaknya satu folder atau berkas kuesioner"),
		RunE: func(c *cobra.Command, args []string) error {
			return runScore(c.Context(), g, opts, args)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runScore(ctx context.Context, g *globalOptions, opts scoreOptions, args []string) error {
	const cmdPath = "monev score"
	out, errOut := g.io.Out, g.io.ErrOut
	if opts.output == "" {
		return usagef(cmdPath, "beri nama buku kerja peringkat dengan -o, misalnya -o peringkat.xlsx")
	}
	if !strings.EqualFold(filepath.Ext(opts.output), ".xlsx") {
		return usagef(cmdPath, "-o %s: buku kerja peringkat harus berakhiran .xlsx", opts.output)
	}
	if opts.workers < 0 {
		return usagef(cmdPath, "--workers tidak boleh negatif")
	}
	inst, err := g.loadInstrument()
	if err != nil {
		return err
	}

	// Stage ids and files first: a typo there is a usage error.
	stageFiles := map[string]string{}
	for _, s := range opts.stages {
		id, file, ok := strings.Cut(s, "=")
		id = strings.TrimSpace(id)
		if !ok || id == "" || file == "" {
			return usagef(cmdPath, "--stage %q: tulis TAHAP=BERKAS, misalnya --stage presentasi=presentasi.csv", s)
		}
		st := inst.Stage(id)
		if st == nil || id == questionnaire.SAQStage {
			return usagef(cmdPath, "--stage: tahap %q tidak dikenal; tahap lanjutan instrumen ini: %s", id, laterStages(inst))
		}
		if _, dup := stageFiles[id]; dup {
			return usagef(cmdPath, "--stage %s diberikan dua kali", id)
		}
		stageFiles[id] = file
	}

	files, skipped, err := scoring.CollectFiles(args)
	if err != nil {
		return err
	}
	// The roster, stage and instrument files often sit in the scanned
	// folder: they are neither questionnaires nor skipped files.
	own := ownInputs(opts.roster, stageFiles, g.instrumentPath)
	files = slices.DeleteFunc(files, own.has)
	skipped = slices.DeleteFunc(skipped, func(f questionnaire.Finding) bool { return own.has(f.File) })
	if len(files) == 0 {
		for _, f := range skipped {
			fmt.Fprintln(errOut, f.String())
		}
		return fmt.Errorf("tidak ada berkas .xlsx di %s; beri folder yang berisi kuesioner .xlsx yang sudah diisi", strings.Join(args, ", "))
	}
	if err := checkNotInput(opts.output, files, opts.roster, stageFiles, g.instrumentPath); err != nil {
		return err
	}
	warnIfInsideScan(errOut, opts.output, args)

	bopt := scoring.BatchOptions{Workers: opts.workers, StageFiles: stageFiles}
	if opts.roster != "" {
		bopt.Roster, err = readRoster(opts.roster)
		if err != nil {
			return err
		}
	}
	var stageWarnings []questionnaire.Finding
	for _, id := range slices.Sorted(maps.Keys(stageFiles)) {
		scores, fs, err := scoring.ReadStageScores(stageFiles[id])
		if err != nil {
			return err
		}
		if questionnaire.HasErrors(fs) {
			for _, f := range fs {
				fmt.Fprintln(errOut, f.String())
			}
			return fmt.Errorf("%s: nilai tahap %s bergalat; perbaiki dulu, peringkat tidak ditulis", stageFiles[id], id)
		}
		stageWarnings = append(stageWarnings, fs...)
		if bopt.Stages == nil {
			bopt.Stages = map[string]map[string]*big.Rat{}
		}
		bopt.Stages[id] = scores
	}

	// Before the long part: a workbook that cannot be written is said now.
	if err := prepareOutput(opts.output); err != nil {
		return err
	}
	if g.io.ErrIsTerminal {
		bopt.Progress = func(done, total int) {
			fmt.Fprintf(errOut, "\rMembaca kuesioner: %d/%d", done, total)
			if done == total {
				fmt.Fprintln(errOut)
			}
		}
	}
	setScoreMemoryLimit()
	rep := scoring.ScoreFiles(ctx, inst, files, bopt)
	if ctx.Err() != nil {
		return fmt.Errorf("dibatalkan; peringkat tidak ditulis")
	}
	if t, ok := sourceDateEpoch(); ok {
		rep.Generated = t
	}
	rep.Findings = append(rep.Findings, skipped...)
	rep.Findings = append(rep.Findings, stageWarnings...)
	questionnaire.SortFindings(rep.Findings)

	if err := writeFileAtomic(opts.output, func(w io.Writer) error { return scoring.WriteWorkbook(w, rep) }); err != nil {
		return fmt.Errorf("gagal menulis buku kerja peringkat %w", fileProblem(opts.output, err))
	}
	errFiles := writeScoreSummary(out, inst, rep, len(files))
	fmt.Fprintf(out, "\nPeringkat ditulis ke %s\n", opts.output)
	if errFiles > 0 {
		return &findingsError{msg: fmt.Sprintf("%d berkas bergalat; lihat lembar Temuan di %s", errFiles, opts.output)}
	}
	return nil
}

// scoreMemoryLimit is the soft memory limit of monev score when GOMEMLIMIT
// is not set.
const scoreMemoryLimit = 160 << 20

// setScoreMemoryLimit gives the garbage collector a soft limit of 160 MiB
// unless the user set GOMEMLIMIT. With GOGC=100 alone the heap may grow to
// twice the live data before a collection: at 1,000 sheets the live heap
// after a collection stays under about 80 MB, yet the process peaks near
// 200 MB RSS, too close to the 256 MB budget of issue 4 once batches grow
// (measured at 1,000 sheets: 160 MiB brings the peak to ~173 MB RSS at the
// same speed; 192 MiB left it at ~200 MB).
// The limit makes the collector run earlier only when memory approaches it;
// being soft, it never makes a larger batch fail.
func setScoreMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(scoreMemoryLimit)
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (the reproducible-builds
// convention: seconds since 1970), which fixes the time written in the
// workbook so that two runs give identical content.
func sourceDateEpoch() (time.Time, bool) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(n, 0).UTC(), true
}

func laterStages(inst *questionnaire.Instrument) string {
	var ids []string
	for _, s := range inst.Stages {
		if s.ID != questionnaire.SAQStage {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) == 0 {
		return "(tidak ada)"
	}
	return strings.Join(ids, ", ")
}

// prepareOutput makes sure the workbook can be put at output before any sheet
// is read: output is not a folder, and its folder exists (it is created).
func prepareOutput(output string) error {
	if info, err := os.Stat(output); err == nil && info.IsDir() {
		return fmt.Errorf("-o %s adalah folder; beri nama berkas di dalamnya, misalnya -o %s",
			output, filepath.Join(output, "peringkat.xlsx"))
	}
	if err := os.MkdirAll(filepath.Dir(output), 0o755); err != nil {
		return fmt.Errorf("folder tujuan tidak dapat dibuat: %w", fileProblem(output, err))
	}
	return nil
}

// checkNotInput refuses an output path that is one of the inputs.
func checkNotInput(output string, files []string, roster string, stageFiles map[string]string, instrument string) error {
	inputs := append([]string{}, files...)
	for _, p := range []string{roster, instrument} {
		if p != "" {
			inputs = append(inputs, p)
		}
	}
	for _, p := range stageFiles {
		inputs = append(inputs, p)
	}
	outAbs, err := filepath.Abs(output)
	if err != nil {
		return err
	}
	outInfo, statErr := os.Stat(output)
	for _, in := range inputs {
		inAbs, _ := filepath.Abs(in)
		same := inAbs == outAbs
		if !same && statErr == nil {
			if inInfo, err := os.Stat(in); err == nil && os.SameFile(inInfo, outInfo) {
				same = true
			}
		}
		if same {
			return fmt.Errorf("-o %s adalah salah satu berkas masukan (%s) dan tidak akan ditimpa; simpan peringkat di luar folder kuesioner", output, in)
		}
	}
	return nil
}

// pathSet holds absolute paths.
type pathSet map[string]bool

// ownInputs is the set of the roster, stage and instrument files given on
// the command line.
func ownInputs(roster string, stageFiles map[string]string, instrument string) pathSet {
	own := pathSet{}
	for _, p := range append([]string{roster, instrument}, sortedValues(stageFiles)...) {
		if p == "" {
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			own[abs] = true
		}
	}
	return own
}

// has reports whether path names one of the files in s.
func (s pathSet) has(path string) bool {
	abs, err := filepath.Abs(path)
	return err == nil && s[abs]
}

func sortedValues(m map[string]string) []string {
	var vs []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		vs = append(vs, m[k])
	}
	return vs
}

// warnIfInsideScan warns when the new workbook would be picked up by the next run over the same folders.
func warnIfInsideScan(w io.Writer, output string, args []string) {
	outAbs, err := filepath.Abs(output)
	if err != nil {
		return
	}
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil || !info.IsDir() {
			continue
		}
		dirAbs, _ := filepath.Abs(a)
		if rel, err := filepath.Rel(dirAbs, outAbs); err == nil && !strings.HasPrefix(rel, "..") {
			fmt.Fprintf(w, "peringatan: %s berada di dalam folder %s yang dipindai; penilaian berikutnya atas folder itu akan menolak menimpanya. Sebaiknya simpan peringkat di luar folder kuesioner.\n", output, a)
			return
		}
	}
}

// writeScoreSummary prints counts per qualification per category and the
// files with errors; it returns how many files had errors.
//
// Every body is counted once: ranked ones in their qualification column,
// Unscorable ones (two different sheets, or only unreadable files named like
// their template) under "Tidak dapat dinilai", and bodies that sent nothing
// (or only unreadable files not named like their template: the two cannot be
// told apart) under "(tidak mengisi)" — which, when the instrument ranks them
// with 0, also sit in the lowest qualification's column.
func writeScoreSummary(w io.Writer, inst *questionnaire.Instrument, rep *scoring.Report, nFiles int) int {
	ranked := map[*scoring.Score]bool{}
	for _, e := range rep.Ranking.Overall {
		ranked[e.Score] = true
	}
	t := scoring.CountScores(rep.Scores)
	notSubmittedRanked := 0
	for i := range rep.Scores {
		if s := &rep.Scores[i]; s.Status == scoring.NotSubmitted && ranked[s] {
			notSubmittedRanked++
		}
	}
	fmt.Fprintf(w, "%d berkas dibaca, %d badan publik dinilai", nFiles, t.Scored)
	if t.Unscorable > 0 {
		fmt.Fprintf(w, ", %d tidak dapat dinilai (%s)", t.Unscorable, t.UnscorableWhy())
	}
	if t.NotSubmitted > 0 {
		fmt.Fprintf(w, ", %d tidak mengisi (tanpa kuesioner yang terbaca)", t.NotSubmitted)
	}
	if t.Unscorable+t.NotSubmitted > 0 {
		fmt.Fprintf(w, "; jumlah %d badan publik", len(rep.Scores))
	}
	fmt.Fprintln(w, ".")

	// Bands from the top down.
	bands := append([]questionnaire.Band{}, inst.Bands...)
	sort.SliceStable(bands, func(i, j int) bool { return bands[i].Min.Cmp(bands[j].Min) > 0 })
	cats := categoryOrder(inst, rep.Scores)
	if len(rep.Scores) > 0 {
		fmt.Fprintln(w, "\nKualifikasi per kategori:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		header := "Kategori\t"
		for _, b := range bands {
			header += b.Label + "\t"
		}
		header += "Tidak dapat dinilai\t(tidak mengisi)\tJumlah\t"
		fmt.Fprintln(tw, header)
		unscorableCol, notSubmittedCol, totalCol := len(bands), len(bands)+1, len(bands)+2
		totals := make([]int, len(bands)+3)
		for _, c := range cats {
			counts := make([]int, len(bands)+3)
			for i := range rep.Scores {
				s := &rep.Scores[i]
				if s.Unit.Category != c {
					continue
				}
				if ranked[s] && s.Band != nil {
					for k, b := range bands {
						if s.Band.Label == b.Label {
							counts[k]++
						}
					}
				}
				switch s.Status {
				case scoring.Unscorable:
					counts[unscorableCol]++
				case scoring.NotSubmitted:
					counts[notSubmittedCol]++
				}
				counts[totalCol]++
			}
			line := orDash(c) + "\t"
			for i, n := range counts {
				line += fmt.Sprintf("%d\t", n)
				totals[i] += n
			}
			fmt.Fprintln(tw, line)
		}
		line := "Semua\t"
		for _, n := range totals {
			line += fmt.Sprintf("%d\t", n)
		}
		fmt.Fprintln(tw, line)
		tw.Flush()
		if notSubmittedRanked > 0 {
			fmt.Fprintln(w, "(tidak mengisi): dinilai 0 dan sudah terhitung di kolom kualifikasinya.")
		}
	}

	// Files with errors, each with its number of errors and the first one.
	type fileErrors struct {
		n     int
		first questionnaire.Finding
	}
	byFile := map[string]*fileErrors{}
	var order []string
	nWarn := 0
	for _, f := range rep.Findings {
		if f.Severity != questionnaire.Error {
			nWarn++
			continue
		}
		fe := byFile[f.File]
		if fe == nil {
			fe = &fileErrors{first: f}
			byFile[f.File] = fe
			order = append(order, f.File)
		}
		fe.n++
	}
	if len(order) > 0 {
		fmt.Fprintf(w, "\nBerkas dengan galat (%d):\n", len(order))
		for _, file := range order {
			fe := byFile[file]
			fmt.Fprintf(w, "  %s: %d galat, antara lain: %s [%s]\n", orDash(file), fe.n, fe.first.Message, fe.first.Code)
		}
	}
	// A name not on the roster is only a warning, yet it moves a body to
	// "tidak mengisi": worth seeing without opening Temuan.
	var unknown []questionnaire.Finding
	for _, f := range rep.Findings {
		if f.Code == scoring.CodeUnknownUnit {
			unknown = append(unknown, f)
		}
	}
	if len(unknown) > 0 {
		fmt.Fprintf(w, "\nNama badan publik yang tidak ada di daftar (%d):\n", len(unknown))
		for _, f := range unknown {
			fmt.Fprintf(w, "  %s: %s\n", f.File, f.Message)
		}
	}
	if nWarn > 0 {
		fmt.Fprintf(w, "\n%d peringatan; semuanya ada di lembar Temuan.\n", nWarn)
	}
	return len(order)
}

// categoryOrder lists the categories present: the instrument's order, then others by name.
func categoryOrder(inst *questionnaire.Instrument, scores []scoring.Score) []string {
	present := map[string]bool{}
	for _, s := range scores {
		present[s.Unit.Category] = true
	}
	var out []string
	for _, c := range inst.Categories {
		if present[c] {
			out = append(out, c)
			delete(present, c)
		}
	}
	return append(out, slices.Sorted(maps.Keys(present))...)
}
