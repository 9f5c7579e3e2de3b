import type { MailWords } from './mail-words-en.js'

/** Surel dan halaman yang dibuka tautannya, dalam Bahasa Indonesia. */
export const mailWordsId: MailWords = {
  kinds: {
    mention: 'sebutan nama Anda',
    reply: 'balasan di utas Anda',
    session_started: 'sesi yang dimulai',
    signature_needed: 'tanda tangan yang diperlukan',
    term_due: 'ketentuan yang mendekati tenggat',
    term_overdue: 'ketentuan yang lewat tenggat',
    decision_recorded: 'keputusan yang dicatat',
  },
  told: {
    mention: (actor) => `${actor} menyebut Anda`,
    reply: (actor) => `${actor} membalas di utas Anda`,
    session_started: (actor) => `${actor} memulai sesi`,
    signature_needed: () => 'Tanda tangan Anda diperlukan',
    term_due: () => 'Ketentuan yang Anda pegang mendekati tenggat',
    term_overdue: () => 'Ketentuan yang Anda pegang sudah lewat tenggat',
    decision_recorded: () => 'Sebuah keputusan dicatat dalam sesi yang Anda hadiri',
  },
  someone: 'Seseorang',
  open: 'Buka di Mufakat',
  digestSubject: (workspace, count) => `${workspace}: ${count} pemberitahuan baru`,
  digestIntro: 'Ini yang baru untuk Anda sejak ringkasan terakhir:',
  verifySubject: (workspace) => `Konfirmasi alamat surel Anda untuk ${workspace}`,
  verifyIntro: (workspace) =>
    `Seseorang (semoga Anda) meminta pemberitahuan ${workspace} dikirim ke alamat ini.`,
  verifyAction: 'Konfirmasi alamat ini',
  verifyExpiry: (hours) =>
    `Tautan ini berlaku sekali, selama ${hours} jam. Jika Anda tidak memintanya, abaikan surel ini: tidak ada lagi yang akan dikirim.`,
  why: (workspace) => `Anda menerima surel ini karena memilihnya di ${workspace}.`,
  stopKind: (kind) => `Hentikan surel tentang ${kind}`,
  stopAll: 'Hentikan semua surel dari ruang kerja ini',
  page: {
    verifyTitle: 'Konfirmasi alamat surel Anda',
    verifyAsk: (address) => `Kirim pemberitahuan ruang kerja ini ke ${address}?`,
    verified: 'Alamat Anda sudah dikonfirmasi. Halaman ini boleh ditutup.',
    unsubscribeTitle: 'Pemberitahuan surel',
    unsubscribeAsk: (kind) => `Hentikan surel tentang ${kind}, atau semua surel?`,
    stoppedKind: (kind) => `Selesai: tidak ada lagi surel tentang ${kind}.`,
    stoppedAll: 'Selesai: tidak ada lagi surel dari ruang kerja ini.',
    settingsHint: 'Anda dapat mengubahnya lagi di ruang kerja, di bawah lonceng.',
  },
  refused: {
    bad_request: 'Tautan ini tidak lengkap. Salin seluruh tautan dari surel.',
    not_found: 'Tautan ini tidak dikenal: alamatnya mungkin sudah diubah atau dihapus.',
    expired:
      'Tautan ini sudah kedaluwarsa. Tambahkan lagi alamat Anda di ruang kerja untuk tautan baru.',
    used: 'Tautan ini sudah dipakai: alamatnya sudah dikonfirmasi.',
  },
}
