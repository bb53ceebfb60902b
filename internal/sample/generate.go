package sample

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"monev/questionnaire"
)

// Generate writes the blank template of spec.Unit with questionnaire.WriteTemplate
// and fills it as spec says.
func Generate(inst *questionnaire.Instrument, spec Spec) (*Sheet, error) {
	var buf bytes.Buffer
	if err := questionnaire.WriteTemplate(&buf, inst, spec.Unit); err != nil {
		return nil, fmt.Errorf("templat %s: %w", spec.Unit.Name, err)
	}
	return Fill(inst, buf.Bytes(), spec)
}

// Plan returns the sheet spec describes without writing it (Data is nil):
// its identity, intended answers and planned SAQ score.
func Plan(inst *questionnaire.Instrument, spec Spec) (*Sheet, error) {
	sh, _, _, err := planSheet(inst, spec)
	return sh, err
}

func planSheet(inst *questionnaire.Instrument, spec Spec) (*Sheet, []outcome, *rand.Rand, error) {
	r := rand.New(rand.NewPCG(spec.Seed, hash(spec.Unit.Name+"\x00"+spec.Unit.Category)))
	outs, _, err := plan(inst, spec, r)
	if err != nil {
		return nil, nil, nil, err
	}
	year := inst.Year
	if year == 0 {
		year = 2025
	}
	if spec.has(BrokenLastYear) {
		year--
	}
	id := questionnaire.Identity{
		Unit:     spec.Unit.Name,
		Category: spec.Unit.Category,
		Operator: operators[r.IntN(len(operators))],
		Date:     fmt.Sprintf("%02d/%02d/%d", 1+r.IntN(28), 6+r.IntN(3), year),
	}
	if r.IntN(2) == 0 {
		id.Contact = fmt.Sprintf("08%d%09d", 1+r.IntN(9), r.IntN(1_000_000_000))
	} else {
		id.Contact = "ppid." + slug(strings.TrimPrefix(spec.Unit.Name, "Kecamatan ")) + "@lomboktimurkab.go.id"
	}
	breakAnswers(inst, spec, outs, r)

	sh := &Sheet{Spec: spec, Identity: id, Answers: map[string]questionnaire.Answer{}}
	pts := make([]*big.Rat, len(outs))
	for i, o := range outs {
		pts[i] = o.earned
		sh.Answers[inst.Items[i].Code] = questionnaire.Answer{
			Item: inst.Items[i].Code, Raw: o.raw, Value: o.value, Evidence: o.evidence, Note: o.note,
		}
	}
	sh.SAQ = plannedScore(inst, pts)
	return sh, outs, r, nil
}

// Fill fills a blank template (the bytes of a .xlsx written by
// questionnaire.WriteTemplate, possibly for another body of the same
// instrument: the identity and the _monev body are overwritten) as spec says.
// Rows are found by item code and columns by header text, as the reader does.
func Fill(inst *questionnaire.Instrument, template []byte, spec Spec) (*Sheet, error) {
	sh, outs, r, err := planSheet(inst, spec)
	if err != nil {
		return nil, err
	}
	switch {
	case spec.has(BrokenOLE):
		sh.Data = oleBytes(r)
		return sh, nil
	case spec.has(BrokenNotZip):
		sh.Data = csvBytes(inst, sh)
		return sh, nil
	}

	f, err := excelize.OpenReader(bytes.NewReader(template))
	if err != nil {
		return nil, fmt.Errorf("templat tidak terbaca: %w", err)
	}
	defer f.Close()
	data, err := write(f, inst, spec, sh, outs, r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec.Unit.Name, err)
	}
	if spec.has(BrokenTruncated) {
		data = data[:len(data)*55/100]
	}
	sh.Data = data
	return sh, nil
}

func write(f *excelize.File, inst *questionnaire.Instrument, spec Spec, sh *Sheet, outs []outcome, r *rand.Rand) ([]byte, error) {
	l, err := findLayout(f, inst)
	if err != nil {
		return nil, err
	}
	// Changes of structure first; the layout is found again afterwards.
	if spec.has(MessSorted) {
		if err := sortRows(f, l); err != nil {
			return nil, err
		}
	}
	if spec.has(MessBlankRows) && len(l.itemRows) > 0 {
		picks := r.Perm(len(l.itemRows))[:min(4, len(l.itemRows))]
		rows := make([]int, len(picks))
		for i, p := range picks {
			rows[i] = l.itemRows[p]
		}
		slices.Sort(rows)
		for i := len(rows) - 1; i >= 0; i-- { // bottom up, so earlier rows keep their numbers
			if err := f.InsertRows(l.sheet, rows[i], 1+r.IntN(2)); err != nil {
				return nil, err
			}
		}
	}
	if spec.has(MessExtraColumn) {
		name, _ := excelize.ColumnNumberToName(l.col[questionnaire.HeaderCode])
		if err := f.InsertCols(l.sheet, name, 1); err != nil {
			return nil, err
		}
		if l, err = findLayout(f, inst); err != nil {
			return nil, err
		}
		ref, _ := excelize.CoordinatesToCellName(l.col[questionnaire.HeaderCode]-1, l.headerRow)
		if err := f.SetCellStr(l.sheet, ref, "No."); err != nil {
			return nil, err
		}
		for i, row := range l.itemRows {
			ref, _ := excelize.CoordinatesToCellName(l.col[questionnaire.HeaderCode]-1, row)
			if err := f.SetCellInt(l.sheet, ref, int64(i+1)); err != nil {
				return nil, err
			}
		}
	}
	if l, err = findLayout(f, inst); err != nil {
		return nil, err
	}

	if err := fillIdentity(f, sh.Identity, spec.has(MessCase)); err != nil {
		return nil, err
	}
	for _, kv := range [][2]string{
		{questionnaire.MetaUnit, spec.Unit.Name},
		{questionnaire.MetaCategory, spec.Unit.Category},
	} {
		if err := setMeta(f, kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	if spec.has(BrokenLastYear) {
		prev := fmt.Sprint(max(inst.Year, 2025) - 1)
		if err := setMeta(f, questionnaire.MetaVersion, prev); err != nil {
			return nil, err
		}
		if err := setMeta(f, questionnaire.MetaFingerprint, fmt.Sprintf("%016x", r.Uint64())); err != nil {
			return nil, err
		}
	}

	caches := map[string]string{}
	for i, o := range outs {
		it := &inst.Items[i]
		if err := writeAnswer(f, l, it, o, spec, r, caches); err != nil {
			return nil, err
		}
	}

	if spec.has(MessRenamedSheet) {
		if err := f.SetSheetName(l.sheet, "Isian SAQ"); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if len(caches) > 0 {
		return addFormulaCaches(data, caches)
	}
	return data, nil
}

// writeAnswer writes one item's answer, evidence and note in the way the
// spec's variants say.
func writeAnswer(f *excelize.File, l *layout, it *questionnaire.Item, o outcome, spec Spec, r *rand.Rand, caches map[string]string) error {
	ans, err := l.cell(questionnaire.HeaderAnswer, it.Code)
	if err != nil {
		return err
	}
	switch {
	case o.value == "" && o.raw == "":
		// left blank
	case o.value == "":
		if err := f.SetCellStr(l.sheet, ans, o.raw); err != nil {
			return err
		}
	case it.Kind == questionnaire.KindCount:
		var n int64
		fmt.Sscan(o.value, &n)
		switch {
		case spec.has(MessFormula) && r.IntN(2) == 0 && n > 1:
			a := r.Int64N(n-1) + 1
			if err := f.SetCellFormula(l.sheet, ans, fmt.Sprintf("%d+%d", a, n-a)); err != nil {
				return err
			}
			caches[ans] = o.value
		case spec.has(MessCountText):
			pad := []string{"", " ", "  "}
			if err := f.SetCellStr(l.sheet, ans, pad[r.IntN(3)]+o.value+pad[r.IntN(3)]); err != nil {
				return err
			}
		default:
			if err := f.SetCellInt(l.sheet, ans, n); err != nil {
				return err
			}
		}
	default:
		typed := messText(it, o.value, spec, r)
		if spec.has(MessFormula) && r.IntN(3) == 0 {
			if err := f.SetCellFormula(l.sheet, ans, `"`+typed+`"`); err != nil {
				return err
			}
			caches[ans] = typed
		} else if err := f.SetCellStr(l.sheet, ans, typed); err != nil {
			return err
		}
	}
	if o.evidence != "" {
		ev, err := l.cell(questionnaire.HeaderEvidence, it.Code)
		if err != nil {
			return err
		}
		if spec.has(MessHyperlink) && r.IntN(4) != 0 {
			display := []string{"Lihat dokumen", "Bukti", "link", "Klik di sini"}[r.IntN(4)]
			if err := f.SetCellStr(l.sheet, ev, display); err != nil {
				return err
			}
			if err := f.SetCellHyperLink(l.sheet, ev, o.evidence, "External", excelize.HyperlinkOpts{Display: &display}); err != nil {
				return err
			}
		} else if err := f.SetCellStr(l.sheet, ev, o.evidence); err != nil {
			return err
		}
	}
	if o.note != "" {
		if nc, err := l.cell(questionnaire.HeaderNote, it.Code); err == nil {
			if err := f.SetCellStr(l.sheet, nc, o.note); err != nil {
				return err
			}
		}
	}
	return nil
}

// messText is how an operator types a canonical answer under the spec's variants.
func messText(it *questionnaire.Item, value string, spec Spec, r *rand.Rand) string {
	typed := value
	if spec.has(MessSynonyms) && r.IntN(3) != 0 {
		switch {
		case it.Kind == questionnaire.KindYesNo && value == questionnaire.Yes:
			typed = []string{"Y", "Sudah", "ada", "Ada"}[r.IntN(4)]
		case it.Kind == questionnaire.KindLevel:
			for _, lv := range it.Levels {
				if lv.Label == value && len(lv.Synonyms) > 0 {
					typed = lv.Synonyms[r.IntN(len(lv.Synonyms))]
				}
			}
		}
	}
	if spec.has(MessCase) {
		switch r.IntN(4) {
		case 0:
			typed = strings.ToLower(typed) + " "
		case 1:
			typed = strings.ToUpper(typed)
		case 2:
			typed = " " + strings.ToLower(typed)
		default:
			typed += "  "
		}
	}
	return typed
}

// breakAnswers applies the answer-level broken variants to the plan: the
// items chosen earn nothing afterwards.
func breakAnswers(inst *questionnaire.Instrument, spec Spec, outs []outcome, r *rand.Rand) {
	order := r.Perm(len(outs))
	take := func(n int, ok func(i int) bool, do func(i int)) {
		for _, i := range order {
			if n == 0 {
				return
			}
			if ok(i) {
				do(i)
				outs[i].earned = new(big.Rat)
				n--
			}
		}
	}
	if spec.has(MissingEvidence) {
		take(2, func(i int) bool {
			return inst.Items[i].EvidenceRequired && outs[i].value == questionnaire.Yes && outs[i].evidence != "" && inst.Items[i].Group == ""
		}, func(i int) { outs[i].evidence = "" })
	}
	if spec.has(BrokenUnanswered) {
		take(3, func(i int) bool { return outs[i].value != "" && inst.Items[i].Group == "" },
			func(i int) { outs[i].value, outs[i].evidence, outs[i].note = "", "", "" })
	}
	if spec.has(BrokenInvalid) {
		bad := []string{"Mungkin", "Sebagian", "-"}
		k := 0
		take(2, func(i int) bool {
			return outs[i].value != "" && inst.Items[i].Kind == questionnaire.KindYesNo && inst.Items[i].Group == ""
		},
			func(i int) { outs[i].raw, outs[i].value = bad[k%len(bad)], ""; k++ })
	}
}

// oleBytes is the start of an OLE compound file, as an old .xls renamed .xlsx
// begins: the signature D0 CF 11 E0 A1 B1 1A E1 and a version-3 header.
func oleBytes(r *rand.Rand) []byte {
	b := make([]byte, 4096)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	b[0x18], b[0x1A] = 0x3E, 0x03 // minor version, major version 3
	b[0x1C], b[0x1D] = 0xFE, 0xFF // byte order
	b[0x1E], b[0x20] = 0x09, 0x06 // sector shift (512), mini sector shift (64)
	for i := 0x4C; i < 512; i++ {
		b[i] = 0xFF // unused DIFAT entries
	}
	for i := 512; i < len(b); i++ {
		b[i] = byte(r.IntN(256))
	}
	return b
}

// csvBytes is the questionnaire saved as CSV by a spreadsheet program, then renamed .xlsx.
func csvBytes(inst *questionnaire.Instrument, sh *Sheet) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s;%s\n", questionnaire.LabelUnit, sh.Identity.Unit)
	fmt.Fprintf(&b, "%s;%s;%s\n", questionnaire.HeaderCode, questionnaire.HeaderAnswer, questionnaire.HeaderEvidence)
	for _, it := range inst.Items {
		a := sh.Answers[it.Code]
		fmt.Fprintf(&b, "%s;%s;%s\n", it.Code, a.Value, a.Evidence)
	}
	return []byte(b.String())
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
