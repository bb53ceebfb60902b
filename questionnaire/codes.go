package questionnaire

// Codes of the findings the reader reports. The values are stable: analysts
// filter on them, so a code never changes meaning.
const (
	// File-level: the file cannot be scored at all (ReadFile returns no Response).
	CodeFileUnreadable   Code = "berkas-tidak-terbaca"
	CodeFileEmpty        Code = "berkas-kosong"
	CodeNotXLSX          Code = "berkas-bukan-xlsx"
	CodeOldXLS           Code = "berkas-xls-lama"
	CodeEncrypted        Code = "berkas-bersandi"
	CodeDamaged          Code = "berkas-rusak"
	CodeTooLarge         Code = "berkas-terlalu-besar"
	CodeSheetNotFound    Code = "lembar-tidak-ditemukan"
	CodeSheetTooLarge    Code = "lembar-terlalu-besar"
	CodeOtherInstrument  Code = "instrumen-lain"
	CodeOtherVersion     Code = "versi-instrumen-lain"
	CodeMetadataMissing  Code = "metadata-tidak-ada"
	CodeIdentityMissing  Code = "identitas-kosong"
	CodeUnknownCode      Code = "kode-tidak-dikenal"
	CodeCodeAsNumber     Code = "kode-berupa-angka"
	CodeDuplicateCode    Code = "kode-ganda"
	CodeItemMissing      Code = "butir-hilang"
	CodeUnanswered       Code = "belum-dijawab"
	CodeInvalidAnswer    Code = "jawaban-tidak-sah"
	CodeEvidenceMissing  Code = "bukti-kosong"
	CodeEvidenceInvalid  Code = "bukti-tidak-sah"
	CodeQuestionChanged  Code = "pertanyaan-berubah"
	CodeInvalidVerdict   Code = "verifikasi-tidak-sah"
	CodeEvidenceColumn   Code = "kolom-bukti-tidak-ada"
	CodeIdentityNotFound Code = "lembar-identitas-tidak-ada"
	CodeCategoryUnknown  Code = "kategori-tidak-dikenal"
	CodeUnitChanged      Code = "nama-badan-berbeda"
	CodeSheetCopyUsed    Code = "lembar-salinan-dibaca"
)

type codeInfo struct {
	severity  Severity
	fileLevel bool   // the whole file is unusable; no Response
	message   string // default Indonesian message
	fix       string // Indonesian fix
}

var codeTable = map[Code]codeInfo{
	CodeFileUnreadable: {Error, true,
		"Berkas tidak dapat dibuka.",
		"Periksa bahwa berkas ada dan boleh dibaca, lalu ulangi."},
	CodeFileEmpty: {Error, true,
		"Berkas kosong (0 bita).",
		"Minta badan publik mengirim ulang berkas kuesioner yang sudah diisi."},
	CodeNotXLSX: {Error, true,
		"Berkas bukan buku kerja Excel (.xlsx).",
		"Buka berkas di Excel atau LibreOffice lalu simpan sebagai \"Excel Workbook (.xlsx)\"."},
	CodeOldXLS: {Error, true,
		"Berkas berformat Excel lama (.xls, Excel 97–2003), bukan .xlsx.",
		"Buka berkas di Excel atau LibreOffice, pilih Simpan Sebagai (Save As) \"Excel Workbook (.xlsx)\", lalu kirim berkas .xlsx itu."},
	CodeEncrypted: {Error, true,
		"Berkas dilindungi kata sandi (bersandi), sehingga isinya tidak dapat dibaca.",
		"Buka berkas dengan kata sandinya, hapus kata sandi (File › Info › Proteksi/Enkripsi dengan kata sandi: kosongkan), simpan, lalu kirim ulang."},
	CodeDamaged: {Error, true,
		"Berkas rusak atau tidak lengkap; isinya tidak dapat dibaca utuh.",
		"Minta badan publik membuka berkas aslinya, menyimpannya ulang sebagai .xlsx, lalu mengirim ulang (jangan diunggah sebagian)."},
	CodeTooLarge: {Error, true,
		"Berkas terlalu besar untuk sebuah kuesioner.",
		"Hapus lembar, gambar atau data lain yang tidak diperlukan, atau isi ulang templat kosong, lalu kirim ulang."},
	CodeSheetNotFound: {Error, true,
		"Lembar kuesioner tidak ditemukan: tidak ada lembar \"" + SheetQuestions + "\" dan tidak ada baris judul kolom \"" + HeaderCode + "\" dan \"" + HeaderAnswer + "\".",
		"Gunakan templat kuesioner dari panitia monev dan jangan menghapus baris judul kolom."},
	CodeSheetTooLarge: {Error, true,
		"Lembar kuesioner terlalu besar (terlalu banyak baris atau kolom terisi).",
		"Hapus baris dan kolom di luar tabel kuesioner, atau salin jawaban ke templat kosong, lalu kirim ulang."},
	CodeOtherInstrument: {Error, true,
		"Berkas dibuat dari instrumen lain atau versi lain.",
		"Isi ulang kuesioner pada templat tahun/versi yang berlaku, lalu kirim ulang."},
	CodeOtherVersion: {Warning, false,
		"Berkas dibuat dari instrumen lain atau versi lain, tetapi pertanyaannya sama sehingga tetap dinilai.",
		"Pastikan ini isian tahun ini, bukan berkas tahun lalu yang dikirim ulang."},
	CodeMetadataMissing: {Warning, false,
		"Berkas tidak membawa tanda instrumen (lembar \"" + SheetMeta + "\" tidak ada); tidak dapat dipastikan berkas dibuat dari templat yang berlaku.",
		"Pastikan badan publik mengisi templat resmi tahun ini; periksa pertanyaannya sama."},
	CodeIdentityMissing: {Warning, false,
		"Isian identitas kosong.",
		"Lengkapi isian pada lembar \"" + SheetIdentity + "\"."},
	CodeIdentityNotFound: {Warning, false,
		"Lembar \"" + SheetIdentity + "\" tidak ditemukan.",
		"Gunakan templat resmi dan isi lembar \"" + SheetIdentity + "\"."},
	CodeCategoryUnknown: {Warning, false,
		"Kategori badan publik tidak dikenal oleh instrumen.",
		"Pilih kategori dari daftar pada sel ini."},
	CodeUnitChanged: {Warning, false,
		"Nama badan publik pada lembar \"" + SheetIdentity + "\" berbeda dengan nama badan publik yang tertulis pada templat; berkas ini mungkin templat badan publik lain yang dipakai ulang.",
		"Pastikan berkas ini memang isian badan publik yang tertulis pada lembar \"" + SheetIdentity + "\"; bila templatnya milik badan publik lain, minta pengisian ulang pada templat badan publik itu sendiri."},
	CodeSheetCopyUsed: {Warning, false,
		"Lembar \"" + SheetQuestions + "\" tidak berisi jawaban; jawaban dibaca dari salinannya.",
		"Isi jawaban pada lembar \"" + SheetQuestions + "\" saja dan hapus lembar salinan, agar tidak ada dua versi jawaban."},
	CodeUnknownCode: {Warning, false,
		"Kode butir tidak dikenal dalam instrumen; baris ini diabaikan.",
		"Periksa kode butir: salin dari templat, jangan diketik ulang."},
	CodeCodeAsNumber: {Warning, false,
		"Kode butir tersimpan sebagai angka, bukan teks; Excel dapat mengubahnya (misalnya 1.10 menjadi 1.1).",
		"Ketik kode sebagai teks (awali dengan tanda petik ') atau salin dari templat."},
	CodeDuplicateCode: {Error, false,
		"Kode butir muncul lebih dari sekali; tidak jelas jawaban mana yang berlaku.",
		"Hapus baris ganda sehingga setiap kode butir muncul satu kali."},
	CodeItemMissing: {Error, false,
		"Butir tidak ada di lembar kuesioner (barisnya terhapus); butir ini bernilai 0.",
		"Kembalikan baris butir ini dari templat dan isi jawabannya."},
	CodeUnanswered: {Error, false,
		"Butir belum dijawab; butir ini bernilai 0.",
		"Isi jawaban butir ini."},
	CodeInvalidAnswer: {Error, false,
		"Jawaban tidak sah; butir ini tidak dapat dinilai.",
		"Pilih jawaban dari daftar pilihan pada sel ini."},
	CodeEvidenceMissing: {Warning, false,
		"Butir ini wajib disertai bukti (tautan data dukung), tetapi kolom \"" + HeaderEvidence + "\" kosong; tanpa bukti butir bernilai 0.",
		"Isi tautan (http/https) atau nama berkas bukti pada kolom \"" + HeaderEvidence + "\"."},
	CodeEvidenceInvalid: {Warning, false,
		"Isian bukti bukan tautan (http/https) dan bukan nama berkas.",
		"Isi tautan lengkap yang diawali https:// atau nama berkas bukti (misalnya SK-PPID-2025.pdf)."},
	CodeQuestionChanged: {Warning, false,
		"Teks pertanyaan berbeda dengan instrumen; jawaban dinilai menurut kode butir.",
		"Jangan mengubah teks pertanyaan; periksa bahwa jawaban sesuai dengan pertanyaan pada instrumen."},
	CodeInvalidVerdict: {Error, false,
		"Isian kolom verifikasi tidak dikenal; keputusan verifikator tidak jelas, sehingga sampai diperbaiki jawaban dinilai seperti belum diverifikasi.",
		"Isi kolom \"" + HeaderVerification + "\" dengan \"Diterima\" atau \"Ditolak\", atau kosongkan."},
	CodeEvidenceColumn: {Warning, false,
		"Kolom \"" + HeaderEvidence + "\" tidak ditemukan; semua bukti dianggap kosong.",
		"Kembalikan kolom \"" + HeaderEvidence + "\" seperti pada templat."},
}

// DefaultSeverity is the severity findings of code c carry (Error for an
// unknown code).
func (c Code) DefaultSeverity() Severity {
	if info, ok := codeTable[c]; ok {
		return info.severity
	}
	return Error
}

// FileLevel reports whether code c means the whole file cannot be scored
// (ReadFile then returns no Response).
func (c Code) FileLevel() bool { return codeTable[c].fileLevel }

// Describe returns the default Indonesian message and fix of code c.
func (c Code) Describe() (message, fix string) {
	info := codeTable[c]
	return info.message, info.fix
}

// Codes lists every finding code the reader can report, in a stable order.
func Codes() []Code {
	return []Code{
		CodeFileUnreadable, CodeFileEmpty, CodeNotXLSX, CodeOldXLS, CodeEncrypted, CodeDamaged,
		CodeTooLarge, CodeSheetNotFound, CodeSheetTooLarge, CodeOtherInstrument, CodeOtherVersion,
		CodeMetadataMissing, CodeIdentityMissing, CodeIdentityNotFound, CodeUnknownCode,
		CodeCodeAsNumber, CodeDuplicateCode, CodeItemMissing, CodeUnanswered, CodeInvalidAnswer,
		CodeEvidenceMissing, CodeEvidenceInvalid, CodeQuestionChanged, CodeInvalidVerdict,
		CodeEvidenceColumn, CodeCategoryUnknown, CodeUnitChanged, CodeSheetCopyUsed,
	}
}

// newFinding builds a finding of code c with its default severity, message and fix.
func newFinding(file string, c Code) Finding {
	msg, fix := c.Describe()
	return Finding{File: file, Code: c, Severity: c.DefaultSeverity(), Message: msg, Fix: fix}
}
