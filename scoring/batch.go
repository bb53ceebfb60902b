package scoring

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"monev/internal/fileerr"
	"monev/internal/textmatch"
	"monev/questionnaire"
)

// Finding codes raised by the batch pipeline (not by the reader of one sheet).
const (
	// CodeSkippedFile: a file in a scanned folder is not an .xlsx workbook.
	CodeSkippedFile questionnaire.Code = "berkas-dilewati"
	// CodeUnreadableFolder: a folder under a scanned folder could not be listed.
	CodeUnreadableFolder questionnaire.Code = "folder-tidak-terbaca"
	// CodeUnknownUnit: the body named on the Identitas sheet is not on the roster.
	CodeUnknownUnit questionnaire.Code = "badan-tidak-dikenal"
	// CodeUnnamedUnit: the Identitas sheet names no body; the file name is used.
	CodeUnnamedUnit questionnaire.Code = "badan-tanpa-nama"
	// CodeCategoryMismatch: the sheet's category differs from the roster's; the roster's is used.
	CodeCategoryMismatch questionnaire.Code = "kategori-berbeda"
	// CodeDuplicateUnit: two different sheets claim the same body; neither is ranked.
	CodeDuplicateUnit questionnaire.Code = "badan-ganda"
	// CodeDuplicateCopy: a byte-identical copy of another sheet; scored once.
	CodeDuplicateCopy questionnaire.Code = "berkas-kembar"
	// CodeStageUnknownUnit: a later-stage score names a body that has no sheet and is not on the roster.
	CodeStageUnknownUnit questionnaire.Code = "nilai-tahap-badan-tidak-dikenal"
	// CodeStageNotSubmitted: a later-stage score for a body that sent no sheet; ignored.
	CodeStageNotSubmitted questionnaire.Code = "nilai-tahap-tanpa-kuesioner"
	// CodeStageUnknownStage: scores given for a stage the instrument does not have.
	CodeStageUnknownStage questionnaire.Code = "tahap-tidak-dikenal"
	// CodeInternal: the reader failed unexpectedly on a file; the file is not scored.
	CodeInternal questionnaire.Code = "galat-internal"
	// CodeUnreadableAttributed: a file that could not be read is taken, by its
	// template file name, as the sheet of a roster body, which is then
	// "tidak dapat dinilai" rather than "tidak mengisi".
	CodeUnreadableAttributed questionnaire.Code = "berkas-tidak-terbaca-badan"
)

// newSheetReader and scoreResponse are variables so tests can substitute
// fakes. One reader serves every file of a batch, so what depends only on the
// instrument is computed once.
var (
	newSheetReader = func(inst *questionnaire.Instrument, opt questionnaire.ReadOptions) func(path string) (*questionnaire.Response, []questionnaire.Finding) {
		return questionnaire.NewReader(inst, opt).ReadFile
	}
	scoreResponse = ScoreResponse
)

// CollectFiles expands command-line arguments into the questionnaire files to
// read. Each argument is a file or a folder; folders are walked recursively
// and only *.xlsx files (any case) are kept. Office lock files (~$…,
// .~lock.…#), hidden files and Windows' desktop.ini and Thumbs.db are
// skipped silently; any other file found in a
// folder is skipped with a warning finding (an .xls or .ods gets advice to
// save it as .xlsx). A file named explicitly is kept whatever its extension,
// so the reader can say what is wrong with it. The result is sorted and holds
// each file once, even if it was reached twice. err is set when an argument
// does not exist or cannot be read.
func CollectFiles(args []string) (files []string, skipped []questionnaire.Finding, err error) {
	seen := map[string]bool{}
	add := func(p string) {
		p = filepath.Clean(p)
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		files = append(files, p)
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s", arg, fileerr.Text(err))
		}
		if !info.IsDir() {
			if questionnaire.IsLockFile(filepath.Base(arg)) {
				skipped = append(skipped, questionnaire.Finding{
					File: arg, Code: CodeSkippedFile, Severity: questionnaire.Warning,
					Message: "berkas kunci (lock file) dari Excel/LibreOffice dilewati",
					Fix:     "tutup berkas di aplikasi lembar kerja lalu berikan berkas aslinya",
				})
				continue
			}
			add(arg)
			continue
		}
		walkErr := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == arg {
					return err
				}
				skipped = append(skipped, questionnaire.Finding{
					File: p, Code: CodeUnreadableFolder, Severity: questionnaire.Warning,
					Message: "folder tidak dapat dibaca dan dilewati: " + fileerr.Text(err),
					Fix:     "periksa izin akses folder ini",
				})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if p != arg && strings.HasPrefix(name, ".") {
					return fs.SkipDir
				}
				return nil
			}
			if questionnaire.IsLockFile(name) || strings.HasPrefix(name, ".") || systemFiles[strings.ToLower(name)] {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(name))
			switch ext {
			case ".xlsx":
				add(p)
			case ".xls", ".ods", ".xlsm", ".xlsb", ".csv":
				fix := "buka berkas ini lalu simpan ulang sebagai Excel Workbook (.xlsx)"
				if ext == ".csv" { // more often a roster or a list of stage scores
					fix = "bila ini kuesioner, buka lalu simpan ulang sebagai Excel Workbook (.xlsx); bila daftar badan atau nilai tahap, berikan dengan --units atau --stage, atau pindahkan ke luar folder kuesioner"
				}
				skipped = append(skipped, questionnaire.Finding{
					File: p, Code: CodeSkippedFile, Severity: questionnaire.Warning,
					Message: fmt.Sprintf("berkas %s bukan kuesioner .xlsx dan tidak dinilai", ext),
					Fix:     fix,
				})
			default:
				skipped = append(skipped, questionnaire.Finding{
					File: p, Code: CodeSkippedFile, Severity: questionnaire.Warning,
					Message: "berkas bukan kuesioner .xlsx dan dilewati",
					Fix:     "pindahkan berkas lain (PDF, gambar, dokumen) ke luar folder kuesioner",
				})
			}
			return nil
		})
		if walkErr != nil {
			return nil, nil, fmt.Errorf("%s: folder tidak dapat dibaca: %s", arg, fileerr.Text(walkErr))
		}
	}
	sort.Strings(files)
	// A folder given twice (or inside another) reports its skipped files once.
	seenSkip := map[string]bool{}
	kept := skipped[:0]
	for _, f := range skipped {
		key := filepath.Clean(f.File)
		if abs, err := filepath.Abs(key); err == nil {
			key = abs
		}
		if !seenSkip[key+"\x00"+string(f.Code)] {
			seenSkip[key+"\x00"+string(f.Code)] = true
			kept = append(kept, f)
		}
	}
	skipped = kept
	asSentences(skipped)
	questionnaire.SortFindings(skipped)
	return files, skipped, nil
}

// systemFiles are the files Windows keeps in folders by itself (lower case);
// a folder of questionnaires copied from Windows has them, and they are not
// worth a warning.
var systemFiles = map[string]bool{"desktop.ini": true, "thumbs.db": true, "ehthumbs.db": true}

// BatchOptions configures ScoreFiles.
type BatchOptions struct {
	// Workers bounds how many files are read at once; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Roster lists the bodies expected to send a sheet. When given, sheets are
	// matched to it by name, categories come from it, and bodies that sent
	// nothing are reported as not submitted.
	Roster []questionnaire.Unit
	// Stages holds later-stage scores (0–100): stage id → body name → score.
	// Names are matched like sheet names (see questionnaire.NormalizeUnitName).
	Stages map[string]map[string]*big.Rat
	// StageFiles names, by stage id, the file the scores came from (for findings).
	StageFiles map[string]string
	// Read bounds the reader on hostile files.
	Read questionnaire.ReadOptions
	// Progress, when set, is called after each file is read, from one goroutine at a time.
	Progress func(done, total int)
}

// fileResult is what reading one file gave.
type fileResult struct {
	file     string
	resp     *questionnaire.Response
	findings []questionnaire.Finding
}

// ScoreFiles reads the given questionnaire files in parallel, matches each
// sheet to a body, scores it, adds the roster bodies that sent nothing, and
// ranks everyone. The report does not depend on the order of files nor on
// the number of workers (only Generated differs between runs). Files not
// read because ctx was cancelled are left out; callers should check ctx.Err().
//
// Matching: the body named on a sheet's Identitas sheet is compared with the
// roster by questionnaire.NormalizeUnitName; an unknown name gets a warning (with the
// closest roster name) and is scored under the sheet's own name and category.
// Two sheets for the same body are scored once with a warning when they are
// byte-identical copies; otherwise every one of them gets an error finding,
// none is scored, and the body gets one Unscorable score (unranked) listing
// the files — unless no sheet names it and the roster does not know it
// (unnamed sheets whose file names coincide), when it has no score at all.
//
// A file that cannot be read at all names no body; when its file name is the
// template file name of exactly one roster body (a copy suffix such as " (1)"
// or "-revisi" allowed) and that body has no readable sheet, the body gets an
// Unscorable score with UnscorableUnreadable (unranked; ask for a resend)
// instead of NotSubmitted, and the file a warning saying so.
func ScoreFiles(ctx context.Context, inst *questionnaire.Instrument, files []string, opt BatchOptions) *Report {
	results := readAll(ctx, inst, files, opt)
	// Work in file-name order so nothing depends on the order given.
	slices.SortStableFunc(results, func(a, b fileResult) int { return strings.Compare(a.file, b.file) })

	var findings []questionnaire.Finding
	roster := newRosterIndex(inst, opt.Roster)

	type claim struct {
		res  *fileResult
		unit questionnaire.Unit
		// known: the body is named on the sheet or is on the roster, not
		// just a file name standing in for a blank name.
		known bool
	}
	claims := map[string][]claim{}
	for i := range results {
		r := &results[i]
		findings = append(findings, r.findings...)
		if r.resp == nil {
			continue
		}
		u, fs := resolveUnit(inst, roster, r)
		findings = append(findings, fs...)
		key := questionnaire.NormalizeUnitName(u.Name)
		known := questionnaire.NormalizeUnitName(r.resp.Identity.Unit) != "" || roster.byKey[key] != nil
		claims[key] = append(claims[key], claim{res: r, unit: u, known: known})
	}

	stages, stageFindings := normalizeStages(inst, roster, opt)
	findings = append(findings, stageFindings...)

	var scores []Score
	submitted := map[string]bool{}
	for _, key := range sortedKeys(claims) {
		cs := claims[key]
		submitted[key] = true
		if len(cs) > 1 {
			var paths []string
			for _, c := range cs {
				paths = append(paths, c.res.file)
			}
			if !identicalFiles(paths) {
				for i, c := range cs {
					var others []string
					for j, o := range cs {
						if j != i {
							others = append(others, o.res.file)
						}
					}
					findings = append(findings, questionnaire.Finding{
						File: c.res.file, Sheet: questionnaire.SheetIdentity,
						Code: CodeDuplicateUnit, Severity: questionnaire.Error,
						Message: fmt.Sprintf("badan publik %q juga dikirim dalam berkas lain yang isinya berbeda: %s; tidak ada yang diperingkat",
							c.unit.Name, strings.Join(others, ", ")),
						Fix: "tentukan berkas yang benar untuk badan ini dan pindahkan yang lain ke luar folder, atau perbaiki nama badan publik di lembar Identitas",
					})
				}
				// The body is listed, unranked, so that it is counted; sheets
				// that only share a file name (no body named) are not a body.
				if i := slices.IndexFunc(cs, func(c claim) bool { return c.known }); i >= 0 {
					scores = append(scores, UnscorableScore(inst, cs[i].unit, paths))
				}
				continue
			}
			for _, c := range cs[1:] {
				findings = append(findings, questionnaire.Finding{
					File: c.res.file, Code: CodeDuplicateCopy, Severity: questionnaire.Warning,
					Message: fmt.Sprintf("berkas ini salinan persis dari %s (badan publik %q); dinilai sekali saja", cs[0].res.file, c.unit.Name),
					Fix:     "hapus salinan yang tidak perlu dari folder",
				})
			}
		}
		c := cs[0]
		var st map[string]*big.Rat
		for id, m := range stages {
			if v, ok := m[key]; ok {
				if st == nil {
					st = map[string]*big.Rat{}
				}
				st[id] = new(big.Rat).Set(v.score)
			}
		}
		sc := scoreResponse(inst, c.res.resp, c.unit, st)
		sc.Unit = c.unit
		if sc.File == "" {
			sc.File = c.res.file
		}
		scores = append(scores, sc)
	}
	unreadable := unreadableByUnit(roster, results)
	for _, u := range roster.units {
		key := questionnaire.NormalizeUnitName(u.Name)
		if submitted[key] {
			continue
		}
		if files := unreadable[key]; len(files) > 0 {
			// It sent something, which could not be read: ask for a resend.
			submitted[key] = true
			scores = append(scores, UnreadableScore(inst, u, files))
			for _, f := range files {
				findings = append(findings, questionnaire.Finding{
					File: f, Code: CodeUnreadableAttributed, Severity: questionnaire.Warning,
					Message: fmt.Sprintf("menurut nama berkasnya, ini kuesioner %q yang tidak dapat dinilai; badan itu dicatat tidak dapat dinilai, bukan tidak mengisi", u.Name),
					Fix:     "minta badan publik ini mengirim ulang kuesionernya sebagai .xlsx dari templat instrumen yang dipakai",
				})
			}
			continue
		}
		sc := NotSubmittedScore(inst, u)
		sc.Unit = u
		scores = append(scores, sc)
	}

	// Stage scores for bodies nobody knows about.
	for _, id := range sortedKeys(stages) {
		for _, key := range sortedKeys(stages[id]) {
			name := stages[id][key].name
			file := opt.StageFiles[id]
			switch {
			case submitted[key]:
			case roster.byKey[key] != nil:
				findings = append(findings, questionnaire.Finding{
					File: file, Code: CodeStageNotSubmitted, Severity: questionnaire.Warning,
					Message: fmt.Sprintf("nilai tahap %s untuk %q diabaikan: badan ini tidak mengirim kuesioner", id, name),
					Fix:     "pastikan kuesioner badan ini ada di folder yang dinilai",
				})
			default:
				msg := fmt.Sprintf("nilai tahap %s untuk %q diabaikan: tidak ada kuesioner maupun daftar badan dengan nama itu", id, name)
				if s := suggest(key, scoredNames(scores)); s != "" {
					msg += fmt.Sprintf("; mungkin maksudnya %q?", s)
				}
				findings = append(findings, questionnaire.Finding{
					File: file, Code: CodeStageUnknownUnit, Severity: questionnaire.Warning,
					Message: msg,
					Fix:     "tulis nama badan publik persis seperti di kuesioner atau daftar badan",
				})
			}
		}
	}

	// One spelling per category, the one Rank files it under ("desa" and
	// "Desa " on two sheets are one category), so that every reader of the
	// report groups bodies alike.
	spellings := make([]string, len(scores))
	for i := range scores {
		spellings[i] = scores[i].Unit.Category
	}
	names := categoryNames(inst.Categories, spellings)
	for i := range scores {
		scores[i].Unit.Category = names[scores[i].Unit.Category]
	}

	sort.SliceStable(scores, func(i, j int) bool {
		a, b := questionnaire.NormalizeUnitName(scores[i].Unit.Name), questionnaire.NormalizeUnitName(scores[j].Unit.Name)
		if a != b {
			return a < b
		}
		return scores[i].File < scores[j].File
	})
	asSentences(findings)
	questionnaire.SortFindings(findings)
	rep := &Report{
		Generated:  time.Now(),
		Instrument: inst,
		Scores:     scores,
		Findings:   findings,
	}
	rep.Ranking = Rank(inst, rep.Scores)
	return rep
}

// readAll reads every file through a bounded pool; results keep the input order.
func readAll(ctx context.Context, inst *questionnaire.Instrument, files []string, opt BatchOptions) []fileResult {
	results := make([]fileResult, len(files))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > len(files) {
		workers = len(files)
	}
	read := newSheetReader(inst, opt.Read)
	jobs := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = readOne(files[i], read)
				done <- struct{}{}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range files {
			// select picks at random when a worker is waiting too, so a
			// cancelled context is looked at first.
			if ctx.Err() != nil {
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()
	n := 0
	for range done {
		n++
		if opt.Progress != nil {
			opt.Progress(n, len(files))
		}
	}
	var finished []fileResult
	for i, r := range results {
		if r.file == "" { // not read: cancelled
			continue
		}
		finished = append(finished, results[i])
	}
	return finished
}

// readOne reads one file, turning a reader panic into a finding so one bad
// file never stops the batch.
func readOne(file string, read func(string) (*questionnaire.Response, []questionnaire.Finding)) (res fileResult) {
	res.file = file
	defer func() {
		if p := recover(); p != nil {
			res.resp = nil
			res.findings = []questionnaire.Finding{{
				File: file, Code: CodeInternal, Severity: questionnaire.Error,
				Message: fmt.Sprintf("berkas tidak dapat diproses karena galat internal monev: %v", p),
				Fix:     "laporkan berkas ini ke pengelola monev; sementara itu isi ulang kuesioner dari templat baru",
			}}
		}
	}()
	res.resp, res.findings = read(file)
	for i := range res.findings {
		if res.findings[i].File == "" {
			res.findings[i].File = file
		}
	}
	return res
}

// SheetUnit is the body a sheet says it is for, as scored without a roster:
// the name on its Identitas sheet with runs of spaces collapsed, or the file
// name without extension when the sheet names no body (named is then false);
// the category in the instrument's spelling (see CanonicalCategory).
//
//	u, named := scoring.SheetUnit(inst, resp, "masuk/SAQ-Dinas-Sosial.xlsx")
func SheetUnit(inst *questionnaire.Instrument, resp *questionnaire.Response, file string) (u questionnaire.Unit, named bool) {
	u.Category = CanonicalCategory(inst, resp.Identity.Category)
	u.Name = collapseSpaces(resp.Identity.Unit)
	if questionnaire.NormalizeUnitName(u.Name) == "" {
		u.Name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		return u, false
	}
	return u, true
}

// resolveUnit decides which body a sheet is for, and its category.
func resolveUnit(inst *questionnaire.Instrument, roster *rosterIndex, r *fileResult) (questionnaire.Unit, []questionnaire.Finding) {
	var fs []questionnaire.Finding
	su, named := SheetUnit(inst, r.resp, r.file)
	name, category := su.Name, su.Category
	if !named {
		fs = append(fs, questionnaire.Finding{
			File: r.file, Sheet: questionnaire.SheetIdentity, Code: CodeUnnamedUnit, Severity: questionnaire.Warning,
			Message: fmt.Sprintf("nama badan publik kosong; dinilai dengan nama berkas %q", name),
			Fix:     "isi nama badan publik di lembar Identitas",
		})
	}
	if roster.empty() {
		return questionnaire.Unit{Name: name, Category: category}, fs
	}
	if u := roster.match(name); u != nil {
		if category != "" && category != u.Category {
			fs = append(fs, questionnaire.Finding{
				File: r.file, Sheet: questionnaire.SheetIdentity, Code: CodeCategoryMismatch, Severity: questionnaire.Warning,
				Message: fmt.Sprintf("kategori di lembar Identitas (%s) berbeda dari daftar badan (%s); dipakai kategori dari daftar", category, u.Category),
				Fix:     "samakan kategori di lembar Identitas dengan daftar badan",
			})
		}
		return *u, fs
	}
	msg := fmt.Sprintf("badan publik %q tidak ada dalam daftar badan; dinilai dengan nama dan kategori dari lembar Identitas", name)
	if s := suggest(questionnaire.NormalizeUnitName(name), roster.names()); s != "" {
		msg += fmt.Sprintf("; mungkin maksudnya %q?", s)
	}
	fs = append(fs, questionnaire.Finding{
		File: r.file, Sheet: questionnaire.SheetIdentity, Code: CodeUnknownUnit, Severity: questionnaire.Warning,
		Message: msg,
		Fix:     "tulis nama badan publik persis seperti di daftar badan, atau tambahkan badan ini ke daftar",
	})
	return questionnaire.Unit{Name: name, Category: category}, fs
}

// CanonicalCategory returns the instrument's spelling of a category typed on
// a sheet ("opd " → "OPD"); an unknown category is returned trimmed.
func CanonicalCategory(inst *questionnaire.Instrument, c string) string {
	c = collapseSpaces(c)
	for _, k := range inst.Categories {
		if strings.EqualFold(k, c) {
			return k
		}
	}
	return c
}

func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// rosterIndex finds roster bodies by normalised name, and by the name
// without a leading "kecamatan" when that is unambiguous. Categories are in
// the instrument's spelling (a roster may say "opd").
type rosterIndex struct {
	units []questionnaire.Unit
	byKey map[string]*questionnaire.Unit
	byAlt map[string][]*questionnaire.Unit
	// byFile: lower-case template file name without extension → bodies;
	// built on first use by matchFileName.
	byFile map[string][]*questionnaire.Unit
}

func newRosterIndex(inst *questionnaire.Instrument, units []questionnaire.Unit) *rosterIndex {
	ri := &rosterIndex{byKey: map[string]*questionnaire.Unit{}, byAlt: map[string][]*questionnaire.Unit{}}
	seen := map[string]bool{}
	for _, u := range units {
		k := questionnaire.NormalizeUnitName(u.Name)
		if k == "" || seen[k] {
			continue // the roster reader reports duplicates; keep the first
		}
		seen[k] = true
		u.Category = CanonicalCategory(inst, u.Category)
		ri.units = append(ri.units, u)
	}
	for i := range ri.units {
		u := &ri.units[i]
		k := questionnaire.NormalizeUnitName(u.Name)
		ri.byKey[k] = u
		alt := strings.TrimPrefix(k, "kecamatan ")
		ri.byAlt[alt] = append(ri.byAlt[alt], u)
	}
	return ri
}

func (ri *rosterIndex) empty() bool { return len(ri.units) == 0 }

func (ri *rosterIndex) match(name string) *questionnaire.Unit {
	k := questionnaire.NormalizeUnitName(name)
	if u := ri.byKey[k]; u != nil {
		return u
	}
	if us := ri.byAlt[strings.TrimPrefix(k, "kecamatan ")]; len(us) == 1 {
		return us[0]
	}
	return nil
}

// unreadableByUnit attributes the files that gave no Response to roster
// bodies by file name (see rosterIndex.matchFileName): normalised roster name
// → those files, in the order of results.
func unreadableByUnit(roster *rosterIndex, results []fileResult) map[string][]string {
	out := map[string][]string{}
	for _, r := range results {
		if r.resp != nil {
			continue
		}
		if u := roster.matchFileName(r.file); u != nil {
			k := questionnaire.NormalizeUnitName(u.Name)
			out[k] = append(out[k], r.file)
		}
	}
	return out
}

// copySuffix is what saving or sending a file again appends to its name:
// " (1)", "-revisi", "_rev", "-2".
var copySuffix = regexp.MustCompile(`(?i)(\s*\(\d+\)|[-_ ](revisi|rev|\d+))$`)

// matchFileName returns the roster body whose blank questionnaire has the
// file's name (questionnaire.TemplateFileName, ignoring case and extension),
// else, trimming one copy suffix at a time (see copySuffix), the first name
// that matches; nil when no name matches or the first that does matches more
// than one body.
func (ri *rosterIndex) matchFileName(file string) *questionnaire.Unit {
	if ri.empty() {
		return nil
	}
	if ri.byFile == nil {
		ri.byFile = map[string][]*questionnaire.Unit{}
		for i := range ri.units {
			u := &ri.units[i]
			k := strings.ToLower(strings.TrimSuffix(questionnaire.TemplateFileName(*u), ".xlsx"))
			ri.byFile[k] = append(ri.byFile[k], u)
		}
	}
	base := filepath.Base(file)
	stem := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base))))
	for {
		if us := ri.byFile[stem]; len(us) > 0 {
			if len(us) == 1 {
				return us[0]
			}
			return nil
		}
		trimmed := copySuffix.ReplaceAllString(stem, "")
		if trimmed == stem || trimmed == "" {
			return nil
		}
		stem = trimmed
	}
}

func (ri *rosterIndex) names() []string {
	var ns []string
	for _, u := range ri.units {
		ns = append(ns, u.Name)
	}
	return ns
}

func scoredNames(scores []Score) []string {
	var ns []string
	for _, s := range scores {
		ns = append(ns, s.Unit.Name)
	}
	return ns
}

// suggest returns the candidate closest to key (already normalised) when it
// is close enough to be a likely typo, else "".
func suggest(key string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := textmatch.Distance(key, questionnaire.NormalizeUnitName(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := len([]rune(key)) / 3
	if limit < 2 {
		limit = 2
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// identicalFiles reports whether all files have the same bytes.
// A file that cannot be read counts as different.
func identicalFiles(paths []string) bool {
	h0, err := fileHash(paths[0])
	if err != nil {
		return false
	}
	for _, p := range paths[1:] {
		h, err := fileHash(p)
		if err != nil || !bytes.Equal(h, h0) {
			return false
		}
	}
	return true
}

func fileHash(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// stageScore is a later-stage score with the name as written.
type stageScore struct {
	name  string
	score *big.Rat
}

// normalizeStages keys the stage scores by normalised body name, the roster's
// name when the roster knows the body (so "Sakra" finds "Kecamatan Sakra").
func normalizeStages(inst *questionnaire.Instrument, roster *rosterIndex, opt BatchOptions) (map[string]map[string]stageScore, []questionnaire.Finding) {
	var fs []questionnaire.Finding
	out := map[string]map[string]stageScore{}
	for _, id := range sortedKeys(opt.Stages) {
		if inst.Stage(id) == nil || id == questionnaire.SAQStage {
			fs = append(fs, questionnaire.Finding{
				File: opt.StageFiles[id], Code: CodeStageUnknownStage, Severity: questionnaire.Warning,
				Message: fmt.Sprintf("tahap %q tidak ada di instrumen (atau nilainya diambil dari kuesioner); nilainya diabaikan", id),
				Fix:     "gunakan salah satu id tahap lanjutan dari instrumen (lihat: monev instrument)",
			})
			continue
		}
		m := map[string]stageScore{}
		for _, name := range sortedKeys(opt.Stages[id]) {
			k := questionnaire.NormalizeUnitName(name)
			if u := roster.match(name); u != nil {
				k = questionnaire.NormalizeUnitName(u.Name)
			}
			if _, dup := m[k]; dup || k == "" {
				continue // ReadStageScores reports these
			}
			m[k] = stageScore{name: name, score: opt.Stages[id][name]}
		}
		out[id] = m
	}
	return out, fs
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// asSentences writes every finding's message and fix as a sentence, as the
// questionnaire's findings are: a capital first letter and a closing full
// stop ("badan publik … berbeda" → "Badan publik … berbeda."). Text that
// already is a sentence is left as it is.
func asSentences(fs []questionnaire.Finding) {
	for i := range fs {
		fs[i].Message = asSentence(fs[i].Message)
		fs[i].Fix = asSentence(fs[i].Fix)
	}
}

func asSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = capitalize(s)
	if last, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".?!", last) {
		s += "."
	}
	return s
}
