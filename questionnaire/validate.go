package questionnaire

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

// Validate checks an instrument built in code with the same rules Parse
// applies to a file: required fields, allowed values, weights summing to 100,
// unique and well-formed codes, levels, tiers and bands. It returns nil or a
// *ValidationError listing every problem (with YAML paths but no line numbers).
func (in *Instrument) Validate() error {
	if in == nil {
		return &ValidationError{Problems: []Problem{{Path: "$", Message: "Instrumen kosong.", Fix: "muat instrumen dari berkas atau gunakan instrumen bawaan."}}}
	}
	ps := in.check()
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// check returns every problem of the instrument: field rules first, then the
// cross-checks, each in the order of the instrument.
func (in *Instrument) check() []Problem {
	ps := fieldProblems(in)
	ps = append(ps, in.crossProblems()...)
	return ps
}

var (
	validatorOnce sync.Once
	validate      *validator.Validate
)

// instrumentValidator is the go-playground validator configured for the
// instrument: field names are the YAML keys, a Decimal is validated as its
// exact rational text ("" when absent) with the dgt/dgte/dlte rules.
func instrumentValidator() *validator.Validate {
	validatorOnce.Do(func() {
		v := validator.New(validator.WithRequiredStructEnabled())
		v.RegisterTagNameFunc(func(f reflect.StructField) string { return yamlName(f) })
		v.RegisterCustomTypeFunc(func(fv reflect.Value) any {
			d := fv.Interface().(Decimal)
			if d.r == nil {
				return ""
			}
			return d.r.RatString()
		}, Decimal{})
		for tag, holds := range map[string]func(int) bool{
			"dgt":  func(c int) bool { return c > 0 },
			"dgte": func(c int) bool { return c >= 0 },
			"dlte": func(c int) bool { return c <= 0 },
		} {
			if err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
				s := fl.Field().String()
				if s == "" {
					return true // absence is the "required" rule's business
				}
				x, okx := new(big.Rat).SetString(s)
				p, okp := new(big.Rat).SetString(fl.Param())
				return okx && okp && holds(x.Cmp(p))
			}); err != nil {
				panic(err) // programming error: a bad tag name
			}
		}
		validate = v
	})
	return validate
}

// fieldProblems runs the struct-tag rules.
func fieldProblems(in *Instrument) []Problem {
	err := instrumentValidator().Struct(in)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return []Problem{{Path: "$", Message: "Instrumen tidak dapat diperiksa: " + err.Error(), Fix: "periksa isi instrumen."}}
	}
	ps := make([]Problem, 0, len(ves))
	for _, fe := range ves {
		ps = append(ps, fieldProblem(fe))
	}
	return ps
}

// fieldProblem phrases one failed struct-tag rule in Indonesian.
func fieldProblem(fe validator.FieldError) Problem {
	ns := fe.Namespace()
	path := "$"
	if i := strings.Index(ns, "."); i >= 0 {
		path = "$" + ns[i:]
	}
	key := lastKey(path)
	val := fmt.Sprint(fe.Value())
	p := Problem{Path: path}
	switch fe.Tag() {
	case "required":
		if fe.Kind() == reflect.Slice {
			p.Message = fmt.Sprintf("Daftar '%s' kosong.", key)
			p.Fix = fmt.Sprintf("isi '%s' dengan paling sedikit satu unsur.", key)
			break
		}
		p.Message = fmt.Sprintf("'%s' wajib diisi.", key)
		p.Fix = fmt.Sprintf("isi '%s'.", key)
		if key == "kategori" {
			p.Message = "Nama kategori kosong."
			p.Fix = "isi nama kategori atau hapus baris ini."
		}
		if key == "sinonim" {
			p.Message = "Sinonim kosong."
			p.Fix = "isi sinonim atau hapus unsur ini."
		}
	case "oneof":
		opts := strings.Fields(fe.Param())
		p.Message = fmt.Sprintf("Nilai '%s' untuk '%s' tidak dikenal.", val, key)
		p.Fix = fmt.Sprintf("gunakan salah satu: %s.", strings.Join(opts, ", "))
		if s := suggest(val, opts); s != "" {
			p.Fix = fmt.Sprintf("mungkin maksud Anda '%s'? Pilihan: %s.", s, strings.Join(opts, ", "))
		}
	case "min":
		if fe.Kind() == reflect.Slice {
			p.Message = fmt.Sprintf("Daftar '%s' kosong.", key)
			p.Fix = fmt.Sprintf("isi '%s' dengan paling sedikit %s unsur.", key, fe.Param())
			break
		}
		if key == "tahun" {
			p.Message = fmt.Sprintf("Tahun %s tidak wajar.", val)
			p.Fix = "tulis tahun monev dengan empat angka, antara 2000 dan 2100."
			break
		}
		p.Message = fmt.Sprintf("'%s' bernilai %s, tidak boleh kurang dari %s.", key, val, fe.Param())
		p.Fix = fmt.Sprintf("ubah '%s' menjadi %s atau lebih.", key, fe.Param())
	case "max":
		if key == "tahun" {
			p.Message = fmt.Sprintf("Tahun %s tidak wajar.", val)
			p.Fix = "tulis tahun monev dengan empat angka, antara 2000 dan 2100."
			break
		}
		p.Message = fmt.Sprintf("'%s' bernilai %s, tidak boleh lebih dari %s.", key, val, fe.Param())
		p.Fix = fmt.Sprintf("ubah '%s' menjadi %s atau kurang.", key, fe.Param())
	case "dgt":
		p.Message = fmt.Sprintf("'%s' bernilai %s, harus lebih dari %s.", key, ratText(val), fe.Param())
		p.Fix = fmt.Sprintf("ubah '%s' menjadi angka lebih dari %s.", key, fe.Param())
	case "dgte":
		p.Message = fmt.Sprintf("'%s' bernilai %s, tidak boleh kurang dari %s.", key, ratText(val), fe.Param())
		p.Fix = fmt.Sprintf("ubah '%s' menjadi %s atau lebih.", key, fe.Param())
	case "dlte":
		p.Message = fmt.Sprintf("'%s' bernilai %s, tidak boleh lebih dari %s.", key, ratText(val), fe.Param())
		p.Fix = fmt.Sprintf("ubah '%s' menjadi %s atau kurang.", key, fe.Param())
		if key == "nilai" {
			p.Fix = "tulis nilai tingkat sebagai pecahan dari poin, antara 0 dan 1 (mis. 0.75 untuk 75%)."
		}
	default:
		p.Message = fmt.Sprintf("'%s' tidak memenuhi aturan %s.", key, fe.Tag())
		p.Fix = fmt.Sprintf("periksa nilai '%s'.", key)
	}
	return p
}

// ratText turns the validator's rational text ("25/2") back into a decimal ("12.5").
func ratText(s string) string {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return s
	}
	return Decimal{r: r}.String()
}

var (
	indicatorCodeRE = regexp.MustCompile(`^[0-9]+$`)
	itemCodeRE      = regexp.MustCompile(`^[0-9]+(\.[0-9]+)+$`)
	hundred         = big.NewRat(100, 1)
)

// crossProblems checks the rules that span fields: sums, uniqueness, codes,
// answer kinds, tiers and bands. Fields a struct rule already rejects (empty,
// out of range) are skipped here so that one mistake is reported once.
func (in *Instrument) crossProblems() []Problem {
	var ps []Problem
	add := func(path, msg, fix string) { ps = append(ps, Problem{Path: path, Message: msg, Fix: fix}) }

	// Indicators.
	indicatorAt := map[string]int{}
	sum := new(big.Rat)
	for i, ind := range in.Indicators {
		path := fmt.Sprintf("$.indikator[%d]", i)
		sum.Add(sum, ind.Weight.Rat())
		if ind.Code == "" {
			continue
		}
		if !indicatorCodeRE.MatchString(ind.Code) {
			add(path+".kode", fmt.Sprintf("Kode indikator '%s' tidak sah.", ind.Code), "tulis kode indikator sebagai angka, mis. \"1\".")
			continue
		}
		if j, dup := indicatorAt[ind.Code]; dup {
			add(path+".kode", fmt.Sprintf("Kode indikator '%s' sudah dipakai oleh indikator ke-%d.", ind.Code, j+1), "beri setiap indikator kode yang berbeda.")
			continue
		}
		indicatorAt[ind.Code] = i
	}
	if len(in.Indicators) > 0 && sum.Cmp(hundred) != 0 {
		add("$.indikator", fmt.Sprintf("Jumlah bobot indikator %s, harus 100.", Decimal{r: sum}), "ubah bobot agar jumlahnya 100.")
	}

	// Items.
	itemAt := map[string]int{}
	itemsPer := map[string]int{}
	for i, it := range in.Items {
		path := fmt.Sprintf("$.butir[%d]", i)
		if it.Code != "" {
			switch j, dup := itemAt[it.Code]; {
			case !itemCodeRE.MatchString(it.Code):
				add(path+".kode", fmt.Sprintf("Kode butir '%s' tidak sah.", it.Code), "tulis kode butir sebagai angka yang dipisah titik dan diawali kode indikatornya, mis. \"1.2\" atau \"1.2.3\".")
			case dup:
				add(path+".kode", fmt.Sprintf("Kode butir '%s' sudah dipakai oleh butir ke-%d.", it.Code, j+1), "beri setiap butir kode yang berbeda.")
			default:
				itemAt[it.Code] = i
				if first, _, _ := strings.Cut(it.Code, "."); it.Indicator != "" && first != it.Indicator {
					add(path+".kode", fmt.Sprintf("Kode butir '%s' tidak diawali kode indikatornya '%s'.", it.Code, it.Indicator), fmt.Sprintf("ubah kode menjadi \"%s.…\" atau ubah 'indikator' menjadi \"%s\".", it.Indicator, first))
				}
			}
		}
		if it.Indicator != "" {
			if _, ok := indicatorAt[it.Indicator]; ok {
				itemsPer[it.Indicator]++
			} else if in.Indicator(it.Indicator) == nil {
				add(path+".indikator", fmt.Sprintf("Butir '%s' berada di indikator '%s' yang tidak ada.", it.Code, it.Indicator), "gunakan kode salah satu indikator di 'indikator', atau tambahkan indikator itu.")
			}
		}
		ps = append(ps, it.kindProblems(path)...)
	}
	for i, ind := range in.Indicators {
		if j, ok := indicatorAt[ind.Code]; ok && j == i && itemsPer[ind.Code] == 0 {
			add(fmt.Sprintf("$.indikator[%d]", i), fmt.Sprintf("Indikator '%s' (%s) tidak memiliki butir.", ind.Code, ind.Name), "tambahkan paling sedikit satu butir dengan indikator ini, atau hapus indikatornya.")
		}
	}

	// Stages.
	stageAt := map[string]int{}
	sum = new(big.Rat)
	for i, s := range in.Stages {
		sum.Add(sum, s.Weight.Rat())
		if s.ID == "" {
			continue
		}
		if j, dup := stageAt[s.ID]; dup {
			add(fmt.Sprintf("$.tahap[%d].id", i), fmt.Sprintf("Id tahap '%s' sudah dipakai oleh tahap ke-%d.", s.ID, j+1), "beri setiap tahap id yang berbeda.")
			continue
		}
		stageAt[s.ID] = i
	}
	if len(in.Stages) > 0 {
		if sum.Cmp(hundred) != 0 {
			add("$.tahap", fmt.Sprintf("Jumlah bobot tahap %s, harus 100.", Decimal{r: sum}), "ubah bobot tahap agar jumlahnya 100 (mis. SAQ 80, presentasi 20).")
		}
		if _, ok := stageAt[SAQStage]; !ok {
			add("$.tahap", "Tidak ada tahap dengan id \"saq\".", "tambahkan tahap {id: saq, nama: SAQ, bobot: …}; penilaian mandiri wajib ada.")
		}
	}

	ps = append(ps, in.bandProblems()...)

	// Categories.
	catAt := map[string]int{}
	for i, c := range in.Categories {
		k := strings.ToLower(strings.TrimSpace(c))
		if k == "" {
			continue
		}
		if j, dup := catAt[k]; dup {
			add(fmt.Sprintf("$.kategori[%d]", i), fmt.Sprintf("Kategori '%s' ditulis dua kali (lihat kategori ke-%d).", c, j+1), "hapus salah satunya.")
			continue
		}
		catAt[k] = i
	}
	return ps
}

// kindProblems checks the answer-kind specific parts of one item.
func (it *Item) kindProblems(path string) []Problem {
	var ps []Problem
	add := func(p, msg, fix string) { ps = append(ps, Problem{Path: p, Message: msg, Fix: fix}) }
	switch it.Kind {
	case KindYesNo:
		if len(it.Levels) > 0 {
			add(path+".tingkat", fmt.Sprintf("Butir '%s' berjenis ya_tidak tetapi memiliki 'tingkat'.", it.Code), "hapus 'tingkat', atau ubah 'jenis' menjadi tingkat.")
		}
		if len(it.Tiers) > 0 {
			add(path+".ambang", fmt.Sprintf("Butir '%s' berjenis ya_tidak tetapi memiliki 'ambang'.", it.Code), "hapus 'ambang', atau ubah 'jenis' menjadi jumlah.")
		}
	case KindLevel:
		if len(it.Tiers) > 0 {
			add(path+".ambang", fmt.Sprintf("Butir '%s' berjenis tingkat tetapi memiliki 'ambang'.", it.Code), "hapus 'ambang'.")
		}
		if len(it.Levels) < 2 {
			add(path+".tingkat", fmt.Sprintf("Butir '%s' berjenis tingkat tetapi memiliki %d tingkat.", it.Code, len(it.Levels)), "tulis paling sedikit dua tingkat (label dan nilai 0–1), mis. lengkap 1 dan tidak ada 0.")
			if len(it.Levels) == 0 {
				break
			}
		}
		seen := map[string]int{}
		hasFull := false
		one := big.NewRat(1, 1)
		for j, l := range it.Levels {
			lp := fmt.Sprintf("%s.tingkat[%d]", path, j)
			if l.Fraction.r != nil && l.Fraction.r.Cmp(one) == 0 {
				hasFull = true
			}
			names := append([]string{l.Label}, l.Synonyms...)
			for k, n := range names {
				key := strings.ToLower(strings.TrimSpace(n))
				if key == "" {
					continue
				}
				np := lp + ".label"
				if k > 0 {
					np = fmt.Sprintf("%s.sinonim[%d]", lp, k-1)
				}
				if prev, dup := seen[key]; dup {
					add(np, fmt.Sprintf("Label atau sinonim '%s' pada butir '%s' sudah dipakai tingkat ke-%d.", n, it.Code, prev+1), "beri setiap tingkat label dan sinonim yang berbeda (huruf besar/kecil tidak dibedakan).")
					continue
				}
				seen[key] = j
			}
		}
		if !hasFull {
			add(path+".tingkat", fmt.Sprintf("Tidak ada tingkat bernilai 1 pada butir '%s'.", it.Code), "beri tingkat terbaik nilai 1 agar butir dapat mencapai poin penuh.")
		}
	case KindCount:
		if len(it.Levels) > 0 {
			add(path+".tingkat", fmt.Sprintf("Butir '%s' berjenis jumlah tetapi memiliki 'tingkat'.", it.Code), "hapus 'tingkat'.")
		}
		if len(it.Tiers) == 0 {
			add(path+".ambang", fmt.Sprintf("Butir '%s' berjenis jumlah tetapi tidak memiliki 'ambang'.", it.Code), "tulis ambang, mis. [{min: 1, poin: 1}, {min: 5, poin: 3}].")
			break
		}
		for j, t := range it.Tiers {
			tp := fmt.Sprintf("%s.ambang[%d]", path, j)
			if t.Points.r != nil && it.MaxPoints.r != nil && it.MaxPoints.Sign() > 0 && t.Points.Cmp(it.MaxPoints) > 0 {
				add(tp+".poin", fmt.Sprintf("Poin ambang %s melebihi poin butir %s.", t.Points, it.MaxPoints), fmt.Sprintf("ubah poin ambang menjadi paling banyak %s.", it.MaxPoints))
			}
			if j == 0 {
				continue
			}
			prev := it.Tiers[j-1]
			if t.Min <= prev.Min {
				add(tp+".min", fmt.Sprintf("Ambang ke-%d (min %d) tidak lebih besar dari ambang sebelumnya (min %d).", j+1, t.Min, prev.Min), "urutkan ambang dari min terkecil ke terbesar, tanpa min yang sama.")
			}
			if t.Points.r != nil && prev.Points.r != nil && t.Points.Cmp(prev.Points) < 0 {
				add(tp+".poin", fmt.Sprintf("Poin ambang ke-%d (%s) lebih kecil dari ambang sebelumnya (%s).", j+1, t.Points, prev.Points), "ambang yang lebih tinggi harus memberi poin yang sama atau lebih besar.")
			}
		}
	}
	return ps
}

// bandProblems checks that the qualification bands cover 0–100 exactly once.
func (in *Instrument) bandProblems() []Problem {
	var ps []Problem
	add := func(p, msg, fix string) { ps = append(ps, Problem{Path: p, Message: msg, Fix: fix}) }
	labelAt := map[string]int{}
	var ok []int // bands with both bounds present and min < maks
	for i, b := range in.Bands {
		path := fmt.Sprintf("$.kualifikasi[%d]", i)
		if k := strings.ToLower(strings.TrimSpace(b.Label)); k != "" {
			if j, dup := labelAt[k]; dup {
				add(path+".label", fmt.Sprintf("Label kualifikasi '%s' sudah dipakai kualifikasi ke-%d.", b.Label, j+1), "beri setiap kualifikasi label yang berbeda.")
			} else {
				labelAt[k] = i
			}
		}
		if b.Min.r == nil || b.Max.r == nil {
			continue
		}
		if b.Min.Cmp(b.Max) >= 0 {
			add(path+".maks", fmt.Sprintf("Kualifikasi '%s': maks %s tidak lebih besar dari min %s.", b.Label, b.Max, b.Min), "buat maks lebih besar dari min.")
			continue
		}
		ok = append(ok, i)
	}
	if len(ok) == 0 || len(ok) < len(in.Bands) {
		// A band without bounds is reported above; coverage is checked
		// once every band is usable, so one mistake is reported once.
		return ps
	}
	sort.SliceStable(ok, func(a, b int) bool { return in.Bands[ok[a]].Min.Cmp(in.Bands[ok[b]].Min) < 0 })
	first := in.Bands[ok[0]]
	if first.Min.Sign() != 0 {
		add(fmt.Sprintf("$.kualifikasi[%d].min", ok[0]), fmt.Sprintf("Kualifikasi tidak dimulai dari 0: nilai 0 sampai %s tidak mendapat kualifikasi.", first.Min), fmt.Sprintf("ubah min '%s' menjadi 0 atau tambahkan kualifikasi untuk 0–%s.", first.Label, first.Min))
	}
	for k := 1; k < len(ok); k++ {
		prev, cur := in.Bands[ok[k-1]], in.Bands[ok[k]]
		path := fmt.Sprintf("$.kualifikasi[%d].min", ok[k])
		switch c := cur.Min.Cmp(prev.Max); {
		case c > 0:
			add(path, fmt.Sprintf("Celah antara kualifikasi '%s' (maks %s) dan '%s' (min %s): nilai di antaranya tidak mendapat kualifikasi.", prev.Label, prev.Max, cur.Label, cur.Min), fmt.Sprintf("ubah min '%s' menjadi %s.", cur.Label, prev.Max))
		case c < 0:
			add(path, fmt.Sprintf("Kualifikasi '%s' (min %s) tumpang tindih dengan '%s' (maks %s).", cur.Label, cur.Min, prev.Label, prev.Max), fmt.Sprintf("buat maks '%s' sama dengan min '%s' (atau sebaliknya); setiap nilai hanya boleh masuk satu kualifikasi.", prev.Label, cur.Label))
		}
	}
	last := in.Bands[ok[len(ok)-1]]
	if last.Max.Cmp(DecimalFromInt(100)) != 0 {
		add(fmt.Sprintf("$.kualifikasi[%d].maks", ok[len(ok)-1]), fmt.Sprintf("Kualifikasi tertinggi '%s' berakhir di %s, bukan 100.", last.Label, last.Max), fmt.Sprintf("ubah maks '%s' menjadi 100.", last.Label))
	}
	return ps
}
