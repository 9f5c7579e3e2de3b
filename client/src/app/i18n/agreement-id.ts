import type { agreementEn } from './agreement-en.js'

/** Bahasa Indonesia for agreements, publication and the public record; typed against English. */
export const agreementId: Record<keyof typeof agreementEn, string> = {
  'agreement.sectionTitle': 'Kesepakatan',
  'agreement.none': 'Belum ada kesepakatan yang dirancang dalam sesi ini.',
  'agreement.needParties':
    'Kesepakatan dibuat antara para pihak: tetapkan para pihak terlebih dahulu.',
  'agreement.draft': 'Rancang kesepakatan',
  'agreement.draftHeading': 'Rancang kesepakatan',
  'agreement.draftNote': 'Antara semua pihak dalam mediasi ini: {parties}.',
  'agreement.titleLabel': 'Judul kesepakatan',
  'agreement.preamble': 'Pembukaan',
  'agreement.preambleHint': 'Opsional: latar belakang dan tujuan kesepakatan.',
  'agreement.termLegend': 'Butir {number}',
  'agreement.termText': 'Teks butir {number}',
  'agreement.termOwner': 'Penanggung jawab butir {number}',
  'agreement.termDue': 'Tenggat butir {number}',
  'agreement.chooseOwner': 'Pilih pelaksananya',
  'agreement.ownerMediator': 'Mediator',
  'agreement.addTerm': 'Tambah butir',
  'agreement.removeTerm': 'Hapus butir',
  'agreement.saveDraft': 'Simpan rancangan',
  'agreement.saving': 'Menyimpan…',
  'agreement.signedCount': '{signed} dari {total} pihak telah menandatangani',

  'agreement.status.draft': 'Rancangan',
  'agreement.status.signed': 'Ditandatangani',
  'agreement.status.amended': 'Ditandatangani, telah diubah',

  'agreement.overview.title': 'Kesepakatan',
  'agreement.overview.hint':
    'Semua kesepakatan dari mediasi di ruang kerja ini, dan sejauh mana tindak lanjut butir-butirnya.',
  'agreement.overview.none':
    'Belum ada kesepakatan di ruang kerja ini. Kesepakatan dirancang dalam sesi mediasi.',
  'agreement.overview.terms': 'Butir: {done} selesai, {missed} terlewat, {open} terbuka',
  'agreement.overview.overdue': '{count} terlambat',
  'agreement.overview.amended': 'Butir-butirnya ditindaklanjuti dalam perubahannya.',
  'agreement.overview.amendedBy': 'Butir-butirnya ditindaklanjuti dalam perubahan “{title}”.',

  'agreement.back': '← Sesi',
  'agreement.eyebrow': 'Kesepakatan',
  'agreement.eyebrowAmendment': 'Perubahan kesepakatan',
  'agreement.unavailable': 'Kesepakatan ini tidak dapat dibuka',
  'agreement.notFound': 'Kesepakatan ini tidak ada di ruang kerja ini, atau Anda bukan anggotanya.',
  'agreement.signedOn': 'oleh semua pihak, selesai {date}',
  'agreement.amendedBy': 'Diubah oleh',
  'agreement.amends': 'Mengubah',
  'agreement.amendedNotice':
    'Sebuah perubahan yang ditandatangani semua pihak mengubah kesepakatan ini. Butir-butirnya tetap ada dalam catatan.',
  'agreement.recorded': 'Catatan #{sequence} dalam rantai catatan ruang kerja.',

  'agreement.textDraft': 'Teks yang akan ditandatangani',
  'agreement.textSigned': 'Teks yang ditandatangani',
  'agreement.showExactText': 'Tampilkan teks persis yang ditandatangani',
  'agreement.fingerprint': 'Sidik SHA-256:',
  'agreement.fullFingerprint': 'Sidik lengkap',
  'agreement.fingerprintHint':
    'Tanda tangan diberikan pada teks yang persis ini: setiap perubahan menghasilkan sidik yang lain.',

  'agreement.signatures': 'Para pihak dan tanda tangan',
  'agreement.signedBy': 'ditandatangani oleh {name}, {date}',
  'agreement.pending': 'belum ditandatangani',
  'agreement.representatives': 'Wakil: {names}',
  'agreement.signFor': 'Tanda tangani untuk {party}',
  'agreement.hashMismatch':
    'Teks yang ditampilkan tidak cocok dengan sidik jari dari server, jadi tidak ditandatangani. Muat ulang halaman dan baca kembali.',
  'agreement.sign': 'Tanda tangani',
  'agreement.signConfirmTitle': 'Tanda tangani untuk {party}?',
  'agreement.signConfirmText':
    'Anda menandatangani “{title}” atas nama {party}: persis teks yang ditampilkan di halaman ini, dengan sidik ini.',
  'agreement.signConfirmFinal':
    'Setelah semua pihak menandatangani, kesepakatan ini final: isinya tidak dapat berubah, hanya tindak lanjut butir-butirnya.',
  'agreement.signedYou': 'Anda telah menandatangani untuk {party}.',

  'agreement.edit': 'Sunting rancangan',
  'agreement.editHeading': 'Sunting rancangan',
  'agreement.editWithdraws':
    'Menyimpan mengubah teks: {count} tanda tangan yang sudah diberikan ditarik dan para pihak menandatangani lagi.',
  'agreement.amend': 'Rancang perubahan',
  'agreement.amendHeading': 'Rancang perubahan',
  'agreement.amendNote':
    'Perubahan ini dimulai dari butir-butir kesepakatan ini. Perubahan berlaku setelah semua pihak menandatanganinya; kesepakatan ini tetap ada dalam catatan.',

  'agreement.followUp': 'Tindak lanjut butir',
  'agreement.followUpHint':
    'Penanggung jawab setiap butir, atau mediator, menyatakan apakah butir itu selesai atau terlewat. Butir yang masih terbuka setelah tenggatnya berarti terlambat.',
  'agreement.termColumn': 'Butir',
  'agreement.ownerColumn': 'Penanggung jawab',
  'agreement.dueColumn': 'Tenggat',
  'agreement.statusColumn': 'Status',
  'agreement.historyColumn': 'Riwayat',
  'agreement.updateColumn': 'Perbarui',
  'agreement.term.open': 'Terbuka',
  'agreement.term.done': 'Selesai',
  'agreement.term.missed': 'Terlewat',
  'agreement.overdue': 'Terlambat',
  'agreement.noHistory': 'Belum ada pembaruan.',
  'agreement.ownerOnly': 'Hanya penanggung jawab atau mediator',
  'agreement.statusOf': 'Status butir {number}',
  'agreement.noteFor': 'Catatan untuk butir {number}',
  'agreement.updateStatus': 'Perbarui status butir {number}',
  'agreement.statusSaved': 'Status tersimpan.',

  'agreement.forbidden': 'Peran Anda dalam mediasi ini tidak mengizinkan tindakan ini.',
  'agreement.invalid': 'Ada isian yang kosong atau tidak sah. Periksa lalu coba lagi.',
  'agreement.gone': 'Kesepakatan ini sudah tidak ada.',
  'agreement.termsInvalid': 'Beberapa butir perlu diperbaiki: lihat pesan di bawah setiap butir.',
  'agreement.problem.owner':
    'Penanggung jawab ini tidak mewakili pihak mana pun: pilih salah seorang wakil para pihak.',
  'agreement.problem.field': 'Isian ini tidak sah: periksa lalu coba lagi.',
  'agreement.rule.agreement_signed':
    'Semua pihak telah menandatangani kesepakatan ini: teksnya tidak dapat berubah lagi, hanya tindak lanjut butir-butirnya.',
  'agreement.rule.not_signed':
    'Kesepakatan ini belum ditandatangani semua pihak: butir-butirnya baru ditindaklanjuti setelah itu.',
  'agreement.rule.party_already_signed':
    'Pihak Anda sudah menandatangani kesepakatan ini: setiap pihak menandatangani satu kali.',
  'agreement.rule.text_changed':
    'Teks berubah ketika Anda membacanya. Teks yang baru kini ditampilkan: bacalah, lalu tanda tangani lagi.',
  'agreement.rule.agreement_amended':
    'Kesepakatan ini sudah diubah: butir-butirnya tidak lagi ditindaklanjuti di sini. Tindak lanjuti butir-butir perubahannya.',
  'agreement.rule.amends_unsigned':
    'Hanya kesepakatan yang ditandatangani semua pihak yang dapat diubah.',
  'agreement.rule.already_amended':
    'Kesepakatan ini sudah diubah: ubahlah perubahan yang terakhir.',
  'agreement.rule.no_parties':
    'Mediasi ini belum memiliki pihak: tetapkan para pihak sebelum merancang kesepakatan.',
  'agreement.rule.member_of_two_parties':
    'Ada orang yang mewakili dua pihak, padahal setiap orang hanya menandatangani untuk satu pihak: perbaiki dulu para pihak.',
  'agreement.rule.mediator_not_party':
    'Mediator tidak dapat mewakili suatu pihak: perbaiki dulu para pihak.',
  'agreement.rule.caucus_closed': 'Kaukus ini sudah ditutup.',
  'agreement.rule.not_mediation': 'Hanya sesi mediasi yang memiliki para pihak dan kesepakatan.',

  'publication.title': 'Catatan publik',
  'publication.about':
    'Dengan menerbitkan, siapa pun yang memiliki tautannya, tanpa masuk, dapat melihat keputusan dan kesepakatan yang ditandatangani di ruang kerja ini, tindak lanjut butir-butirnya, dan verifikasi rantai catatan; catatan kaukus tidak pernah diterbitkan.',
  'publication.publish': 'Terbitkan catatan',
  'publication.anonymise': 'Samarkan nama',
  'publication.anonymiseHint':
    'Nama orang diganti dengan nama samaran; nama pihak dan organisasi tetap.',
  'publication.previewSubmit': 'Pratinjau yang akan terbit',
  'publication.previewTitle': 'Inilah yang akan dilihat siapa pun yang memiliki tautan',
  'publication.previewAnonymised': 'Nama orang diganti dengan nama samaran.',
  'publication.previewNamed': 'Orang ditampilkan dengan nama aslinya.',
  'publication.confirm': 'Terbitkan persis seperti ini',
  'publication.save': 'Simpan penerbitan',
  'publication.savedPublished': 'Catatan telah diterbitkan.',
  'publication.savedPrivate': 'Catatan tidak diterbitkan.',
  'publication.page': 'Halaman publik',
  'publication.feed': 'Umpan JSON',
  'publication.since': 'Diterbitkan sejak {date}.',
  'publication.notPublished': 'Catatan tidak diterbitkan.',

  'public.eyebrow': 'Catatan publik',
  'public.title': '{name}: catatan publik',
  'public.published': 'Diterbitkan {published} · dibuat {generated}',
  'public.missing': 'Tidak ada catatan publik di sini',
  'public.missingHint': 'Tautannya mungkin salah, atau catatan ini tidak lagi diterbitkan.',
  'public.unavailable': 'Catatan publik tidak dapat ditampilkan',
  'public.verified': 'Rantai terverifikasi: {count} catatan',
  'public.verifiedOne': 'Rantai terverifikasi: 1 catatan',
  'public.broken': 'Rantai terputus pada catatan #{sequence}: {problem}',
  'public.browserChecking': 'Memeriksa rantai di peramban ini…',
  'public.browserVerified':
    'Juga diperiksa di peramban ini: setiap hash dan tautan dihitung ulang, tidak ada yang diubah.',
  'public.browserBroken': 'Peramban ini mendapati rantai putus pada catatan #{sequence}: {problem}',
  'public.browserAnonymised':
    'Catatan yang ditulis sebelum orang disebut lewat komitmen namanya disamarkan di sini, sehingga tidak dapat di-hash ulang di luar server: pemeriksaan di atas adalah milik server.',
  'public.browserInsecure':
    'Peramban ini tidak dapat menghitung hash pada koneksi tanpa enkripsi: pemeriksaan di atas adalah milik server.',
  'public.about':
    'Keputusan dan kesepakatan yang ditandatangani, menurut urutan pencatatannya. Setiap catatan memuat hash catatan sebelumnya, sehingga catatan yang diubah kemudian memutus rantai.',
  'public.anonymised':
    'Nama orang diganti dengan nama samaran; pihak dan organisasi tetap memakai namanya. Catatan menyebut orang hanya lewat komitmen, sehingga terverifikasi sama persis seperti catatan bernama.',
  'public.feed': 'Catatan yang sama dalam JSON',
  'public.records': 'Catatan ({count})',
  'public.none': 'Belum ada yang dicatat.',
  'public.decision': 'Keputusan',
  'public.agreement': 'Kesepakatan',
  'public.sequence': 'Catatan #{sequence}',
  'public.positions': 'Sikap menurut kelompok pemangku kepentingan',
  'public.present': 'Hadir ({count})',
  'public.nobody': 'Tidak ada yang tercatat hadir.',
  'public.parties': 'Para pihak:',
  'public.terms': 'Butir',
  'public.termMeta': 'Penanggung jawab: {owner} · Tenggat: {due} · Status:',
  'public.signatures': 'Tanda tangan',
  'public.signature': '{party}: ditandatangani oleh {name}, {date}',
  'public.signedText': 'Teks yang ditandatangani',
  'public.amendsRecord': 'Mengubah catatan #{sequence}: “{title}”.',
  'public.amendsOther': 'Mengubah kesepakatan sebelumnya.',
  'public.hash': 'Hash',
  'public.fullHash': 'Hash:',
  'public.previousHash': 'Hash catatan sebelumnya:',
  'public.erased': 'nama dihapus',
  'agreement.logMismatch':
    '{parts} kesepakatan ini yang tersimpan tidak lagi cocok dengan catatan yang ditandatangani: yang ditampilkan di sini adalah catatannya. Beri tahu pengelola ruang kerja.',
  'agreement.logPart.content': 'Teks',
  'agreement.logPart.signatures': 'Tanda tangan',
  'agreement.logPart.termStatus': 'Tindak lanjut ketentuan',
}
