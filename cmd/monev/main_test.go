package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"monev/questionnaire"
)

// TestMain lets the test binary act as the monev command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"monev": func() {
			os.Exit(run(context.Background(), os.Args[1:], systemIO()))
		},
	})
}

// TestScripts runs the end-to-end scenarios in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fillsheet": cmdFillSheet,
			"exitcode":  cmdExitCode,
			"samecells": cmdSameCells,
			"csv2xlsx":  cmdCSVToXLSX,
		},
		// Scripts may set TZ etc.; keep the environment small and predictable.
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANG", "C")
			return nil
		},
	})
}

// cmdExitCode runs a program and checks its exit status exactly; stdout
// and stderr are kept for the next stdout/stderr commands:
//
//	exitcode N PROGRAM [ARGS]...
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROGRAM [ARGS]...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdSameCells compares two workbooks cell by cell (values as text, every
// sheet, in order), not byte by byte:
//
//	samecells A.xlsx B.xlsx
func cmdSameCells(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: samecells A.xlsx B.xlsx")
	}
	dump := func(path string) []string {
		f, err := excelize.OpenFile(ts.MkAbs(path))
		ts.Check(err)
		defer f.Close()
		var lines []string
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
			ts.Check(err)
			for i, r := range rows {
				lines = append(lines, fmt.Sprintf("%s!%d: %q", sh, i+1, r))
			}
		}
		return lines
	}
	a, b := dump(args[0]), dump(args[1])
	diff := ""
	for i := 0; i < len(a) || i < len(b); i++ {
		var la, lb string
		if i < len(a) {
			la = a[i]
		}
		if i < len(b) {
			lb = b[i]
		}
		if la != lb {
			diff = fmt.Sprintf("first difference:\n  %s: %s\n  %s: %s", args[0], la, args[1], lb)
			break
		}
	}
	if len(a) == 0 {
		ts.Fatalf("%s has no cells", args[0])
	}
	switch {
	case diff != "" && !neg:
		ts.Fatalf("%s", diff)
	case diff == "" && neg:
		ts.Fatalf("%s and %s have the same cells", args[0], args[1])
	}
}

// cmdCSVToXLSX writes the rows of a CSV file (',' or, when the first line
// has one, ';') as text cells on the first sheet of a new workbook:
//
//	csv2xlsx IN.csv OUT.xlsx
func cmdCSVToXLSX(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: csv2xlsx IN.csv OUT.xlsx")
	}
	data := ts.ReadFile(args[0])
	r := csv.NewReader(strings.NewReader(data))
	if first, _, _ := strings.Cut(data, "\n"); strings.Contains(first, ";") {
		r.Comma = ';'
	}
	rows, err := r.ReadAll()
	ts.Check(err)
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		ts.Check(f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &cells))
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[1])))
}

// cmdFillSheet fills a blank template like an operator would:
//
//	fillsheet TEMPLATE [-o OUT] [-unit NAME] [-category C] [-pct N] [-noevidence] [CODE=ANSWER]...
//
// TEMPLATE may be a glob matching exactly one file; the filled workbook is
// saved to OUT (default: over TEMPLATE).
// -pct N answers the first N% of the items (in sheet order) with their best
// answer (Ya, the top level, the top tier's count) and the rest with their
// worst (Tidak, the lowest level, 0); default 100. Evidence links are filled
// for every item unless -noevidence. CODE=ANSWER then overrides single
// answers as typed (CODE= leaves it blank); @N=ANSWER overrides the N-th item
// in sheet order. -unit and -category overwrite the
// Identitas sheet.
func cmdFillSheet(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("fillsheet does not support !")
	}
	fs := flag.NewFlagSet("fillsheet", flag.ContinueOnError)
	unit := fs.String("unit", "\x00", "")
	category := fs.String("category", "\x00", "")
	pct := fs.Int("pct", 100, "")
	noEvidence := fs.Bool("noevidence", false, "")
	out := fs.String("o", "", "")
	if len(args) == 0 {
		ts.Fatalf("usage: fillsheet FILE [flags] [CODE=ANSWER]...")
	}
	matches, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	if len(matches) != 1 {
		ts.Fatalf("fillsheet: %s matches %d files, want 1", args[0], len(matches))
	}
	file := matches[0]
	ts.Check(fs.Parse(args[1:]))
	overrides := map[string]string{}
	for _, a := range fs.Args() {
		code, ans, ok := strings.Cut(a, "=")
		if !ok {
			ts.Fatalf("bad override %q, want CODE=ANSWER", a)
		}
		overrides[code] = ans
	}

	inst := questionnaire.Default()
	f, err := excelize.OpenFile(file)
	ts.Check(err)
	defer f.Close()

	// Identitas: labels in column A, values in column B. The operator's
	// details are always filled, as an operator would.
	identity := map[string]string{
		questionnaire.LabelOperator: "Baiq Nurul Aini",
		questionnaire.LabelContact:  "0812-3456-7890",
		questionnaire.LabelDate:     "2026-03-02",
	}
	if *unit != "\x00" {
		identity[questionnaire.LabelUnit] = *unit
	}
	if *category != "\x00" {
		identity[questionnaire.LabelCategory] = *category
	}
	idRows, err := f.GetRows(questionnaire.SheetIdentity)
	ts.Check(err)
	for i, r := range idRows {
		if len(r) == 0 {
			continue
		}
		if v, ok := identity[strings.TrimSpace(r[0])]; ok {
			ts.Check(f.SetCellStr(questionnaire.SheetIdentity, fmt.Sprintf("B%d", i+1), v))
		}
	}

	// Kuesioner: find the header row and the code/answer/evidence columns.
	rows, err := f.GetRows(questionnaire.SheetQuestions)
	ts.Check(err)
	header, codeCol, ansCol, evCol := -1, -1, -1, -1
	for i, r := range rows {
		for j, c := range r {
			c = strings.TrimSpace(c)
			switch {
			case strings.EqualFold(c, questionnaire.HeaderCode):
				codeCol = j
			case strings.HasPrefix(strings.ToLower(c), strings.ToLower(questionnaire.HeaderAnswer)):
				ansCol = j
			case strings.HasPrefix(strings.ToLower(c), strings.ToLower(questionnaire.HeaderEvidence)):
				evCol = j
			}
		}
		if codeCol >= 0 && ansCol >= 0 {
			header = i
			break
		}
		codeCol, ansCol, evCol = -1, -1, -1
	}
	if header < 0 {
		ts.Fatalf("%s: no header row with %q and %q", file, questionnaire.HeaderCode, questionnaire.HeaderAnswer)
	}
	var itemRows []int
	for i := header + 1; i < len(rows); i++ {
		if codeCol < len(rows[i]) && inst.Item(strings.TrimSpace(rows[i][codeCol])) != nil {
			itemRows = append(itemRows, i)
		}
	}
	n := len(itemRows)
	for k, i := range itemRows {
		code := strings.TrimSpace(rows[i][codeCol])
		it := inst.Item(code)
		ans := answerFor(it, k*100 < *pct*n)
		for _, key := range []string{code, fmt.Sprintf("@%d", k+1)} {
			if o, ok := overrides[key]; ok {
				ans = o
				delete(overrides, key)
			}
		}
		ansCell, _ := excelize.CoordinatesToCellName(ansCol+1, i+1)
		ts.Check(f.SetCellStr(questionnaire.SheetQuestions, ansCell, ans))
		if evCol >= 0 && !*noEvidence {
			evCell, _ := excelize.CoordinatesToCellName(evCol+1, i+1)
			ts.Check(f.SetCellStr(questionnaire.SheetQuestions, evCell, "https://ppid.lomboktimurkab.go.id/bukti/"+code))
		}
	}
	for code := range overrides {
		ts.Fatalf("fillsheet: no row for item %s", code)
	}
	if *out == "" {
		ts.Check(f.Save())
		return
	}
	dst := ts.MkAbs(*out)
	ts.Check(os.MkdirAll(filepath.Dir(dst), 0o755))
	ts.Check(f.SaveAs(dst))
}

// answerFor is an item's best (full points) or worst answer.
func answerFor(it *questionnaire.Item, best bool) string {
	switch it.Kind {
	case questionnaire.KindYesNo:
		if best {
			return questionnaire.Yes
		}
		return questionnaire.No
	case questionnaire.KindLevel:
		if len(it.Levels) == 0 {
			return ""
		}
		top, low := it.Levels[0], it.Levels[0]
		for _, l := range it.Levels {
			if l.Fraction.Cmp(top.Fraction) > 0 {
				top = l
			}
			if l.Fraction.Cmp(low.Fraction) < 0 {
				low = l
			}
		}
		if best {
			return top.Label
		}
		return low.Label
	case questionnaire.KindCount:
		if best && len(it.Tiers) > 0 {
			return strconv.FormatInt(it.Tiers[len(it.Tiers)-1].Min, 10)
		}
		return "0"
	}
	return ""
}
