import type { signInEn } from './sign-in-en.js'

/** Sign-in with the organisation's identity provider, in Bahasa Indonesia (merged into `id`). */
export const signInId: Record<keyof typeof signInEn, string> = {
  'signIn.with': 'Masuk dengan {name}',
  'signIn.redirecting': 'Menuju {name}…',
  'signIn.orInvite': 'Atau bergabung dengan nama Anda di bawah.',
  'signIn.joinHint':
    'Jika Anda punya akun di {name}, masuklah di sana: Anda bergabung dengan peran undangan ini, dan nanti dapat kembali dari perangkat mana pun dengan masuk lagi.',
  'signIn.returnHint': 'Pernah bergabung dengan masuk lewat {name}? Masuk lagi untuk kembali.',
  'signIn.failed': 'Gagal masuk. Coba lagi.',
  'signIn.notAccepted': 'Ruang kerja ini tidak menerima masuk dengan {name}.',
  'signIn.sectionTitle': 'Masuk dengan {name}',
  'signIn.accept': 'Terima masuk dengan {name}',
  'signIn.acceptHint':
    'Orang yang bergabung lewat undangan boleh masuk dengan akun {name} mereka; peran mereka tetap dan mereka kembali sebagai diri sendiri dari perangkat mana pun. Tautan undangan tetap berlaku bagi yang lain.',
  'signInFailed.title': 'Anda belum masuk',
  'signInFailed.denied': 'Proses masuk dibatalkan atau ditolak di penyedia identitas.',
  'signInFailed.state_mismatch':
    'Proses masuk ini tidak dimulai di peramban ini, terlalu lama, atau sudah dipakai. Mulai lagi dari tautan undangan atau halaman ruang kerja.',
  'signInFailed.not_accepted': 'Ruang kerja ini (sudah) tidak menerima penyedia identitas ini.',
  'signInFailed.no_invite':
    'Anda sudah masuk di penyedia identitas, tetapi belum bergabung dengan ruang kerja ini. Buka tautan undangan yang Anda terima dan masuk dari sana.',
  'signInFailed.invite_unusable':
    'Undangan yang Anda pakai sudah kedaluwarsa, dicabut, atau habis dipakai. Mintalah undangan baru.',
  'signInFailed.removed':
    'Anda telah dikeluarkan dari ruang kerja ini, jadi tidak dapat masuk. Hubungi fasilitatornya.',
  'signInFailed.provider_failed':
    'Jawaban penyedia identitas tidak dapat diperiksa (atau sudah dipakai dua kali). Mulai lagi.',
  'signInFailed.unknown': 'Gagal masuk. Mulai lagi.',
}
