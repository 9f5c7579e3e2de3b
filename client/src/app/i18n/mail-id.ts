import type { mailEn } from './mail-en.js'

/** Pengaturan surel, dari lonceng notifikasi, dalam Bahasa Indonesia (digabung ke `id`). */
export const mailId: Record<keyof typeof mailEn, string> = {
  'mail.open': 'Pengaturan surel',
  'mail.title': 'Notifikasi surel',
  'mail.back': 'Kembali ke notifikasi',
  'mail.off': 'Surel tidak aktif di server ini: administrator belum memasang server surel.',
  'mail.address': 'Alamat surel Anda',
  'mail.addressHint':
    'Hanya Anda yang melihatnya. Alamat dihapus jika Anda keluar dari ruang kerja.',
  'mail.saveAddress': 'Simpan alamat',
  'mail.removeAddress': 'Hapus alamat',
  'mail.unverified':
    'Kami mengirim tautan ke {address}. Ikuti tautan itu untuk mengonfirmasi alamat: tidak ada surel lain sebelum itu.',
  'mail.verified': 'Surel dikirim ke {address}.',
  'mail.refresh': 'Saya sudah mengikuti tautannya',
  'mail.badAddress': 'Masukkan alamat surel, misalnya nama@contoh.id.',
  'mail.choices': 'Apa yang dikirim, dan kapan',
  'mail.choice.off': 'Mati',
  'mail.choice.immediate': 'Segera',
  'mail.choice.digest': 'Dalam ringkasan harian',
  'mail.saved': 'Tersimpan.',
  'mail.kind.mention': 'Sebutan nama Anda',
  'mail.kind.reply': 'Balasan di utas Anda',
  'mail.kind.session_started': 'Sesi yang dimulai',
  'mail.kind.signature_needed': 'Tanda tangan yang diperlukan dari Anda',
  'mail.kind.term_due': 'Ketentuan Anda yang mendekati tenggat',
  'mail.kind.term_overdue': 'Ketentuan Anda yang lewat tenggat',
  'mail.kind.decision_recorded': 'Keputusan dalam sesi yang Anda hadiri',
}
