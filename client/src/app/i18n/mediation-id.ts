import type { mediationEn } from './mediation-en.js'

/** Bahasa Indonesia for the mediation panel and the caucus page; typed against the English keys. */
export const mediationId: Record<keyof typeof mediationEn, string> = {
  'mediation.panel': 'Mediasi',
  'mediation.onlyMediator': 'Hanya mediator mediasi ini yang dapat melakukan ini.',
  'mediation.rule.member_of_two_parties':
    'Seseorang yang Anda pilih sudah mewakili pihak lain. Satu orang hanya dapat mewakili satu pihak.',
  'mediation.rule.caucus_closed': 'Kaukus ini sudah ditutup.',
  'mediation.rule.not_mediation': 'Sesi ini bukan mediasi.',
  'mediation.rule.no_parties': 'Tambahkan pihak terlebih dahulu.',
  'mediation.rule.mediator_not_party':
    'Anda adalah mediator dalam mediasi ini, sehingga Anda tidak dapat sekaligus mewakili suatu pihak. Pilihlah wakil yang lain.',

  'mediation.parties': 'Para pihak',
  'mediation.noParties': 'Belum ada pihak.',
  'mediation.noPartiesMediator':
    'Belum ada pihak. Tambahkan setiap pihak yang bersengketa dan orang-orang yang mewakilinya.',
  'mediation.partyMembers': 'Wakil {name}',
  'mediation.addParty': 'Tambah pihak',
  'mediation.newParty': 'Pihak baru',
  'mediation.editParty': 'Ubah {name}',
  'mediation.editingParty': 'Ubah pihak “{name}”',
  'mediation.partyName': 'Nama pihak',
  'mediation.representatives': 'Wakil',
  'mediation.representativesHint':
    'Mereka masuk ke kaukus pihak ini dan menandatangani atas namanya. Satu orang hanya dapat mewakili satu pihak.',
  'mediation.inOtherParty': 'Sudah mewakili {party}',
  'mediation.chooseMembers': 'Pilih setidaknya satu wakil.',
  'mediation.saveParty': 'Simpan pihak',
  'mediation.partySaved': 'Pihak “{name}” tersimpan.',
  'mediation.noPeople':
    'Belum ada orang lain di ruang kerja ini. Undang para pihak terlebih dahulu.',

  'mediation.caucuses': 'Kaukus',
  'mediation.caucusesHint':
    'Kaukus adalah pertemuan tertutup mediator dengan satu pihak. Semua orang melihat bahwa kaukus berlangsung; hanya mediator dan pihak tersebut yang melihat isinya.',
  'mediation.noCaucuses': 'Belum ada kaukus.',
  'mediation.caucusParty': 'Pihak',
  'mediation.chooseParty': 'Pilih pihak',
  'mediation.caucusTitle': 'Judul (opsional)',
  'mediation.caucusTitleHint': 'Jika dikosongkan: “Kaukus dengan <pihak>”.',
  'mediation.openCaucus': 'Buka kaukus',
  'mediation.needParty': 'Tambahkan pihak sebelum membuka kaukus.',
  'mediation.caucusWith': 'dengan {party}',
  'mediation.statusOpen': 'Terbuka',
  'mediation.statusClosed': 'Ditutup',
  'mediation.private': 'Tertutup',
  'mediation.privateHint': 'Hanya mediator dan {party} yang dapat masuk.',
  'mediation.openedAt': 'Dibuka {time}',
  'mediation.closedAt': 'ditutup {time}',
  'mediation.closeCaucus': 'Tutup kaukus',

  'mediation.board': 'Isu dan opsi',
  'mediation.boardHint':
    'Sebutkan setiap isu, apa yang dibutuhkan setiap pihak darinya (kepentingannya), dan opsi yang dapat memenuhi kebutuhan itu.',
  'mediation.boardReadOnly':
    'Anda seorang {role}: Anda mengikuti papan ini secara langsung tetapi tidak dapat mengubahnya.',
  'mediation.boardRefused': 'Papan ini tidak dapat dibuka untuk Anda.',
  'mediation.noIssues': 'Belum ada isu.',
  'mediation.newIssue': 'Isu baru',
  'mediation.addIssue': 'Tambah isu',
  'mediation.removeIssue': 'Hapus isu',
  'mediation.interests': 'Kepentingan',
  'mediation.interestsOf': 'Kepentingan {party}',
  'mediation.notStated': 'Belum disampaikan.',
  'mediation.interestsNeedParties': 'Tambahkan pihak untuk mencatat kepentingan mereka.',
  'mediation.options': 'Opsi',
  'mediation.noOptions': 'Belum ada opsi.',
  'mediation.newOption': 'Opsi baru',
  'mediation.addOption': 'Tambah opsi',
  'mediation.removeOption': 'Hapus opsi',
  'mediation.interestNotSaved': 'Tidak tersimpan. {reason}',
  'mediation.boardForbidden': 'Peran Anda tidak mengizinkan perubahan pada papan ini.',
  'mediation.boardForbiddenInterest':
    'Hanya wakil pihak ini dan mediator yang dapat menyampaikan kepentingannya.',
  'mediation.boardForbiddenRemove': 'Hanya pembuatnya atau mediator yang dapat menghapusnya.',
  'mediation.boardGone': 'Isu atau pihak ini sudah tidak ada.',
  'mediation.boardAlreadyRemoved': 'Ini sudah dihapus.',
  'mediation.boardInvalid': 'Teks ini tidak sah: periksa lalu coba lagi.',

  'caucus.eyebrow': 'Kaukus',
  'caucus.untitled': 'Kaukus dengan {party}',
  'caucus.back': '← Sesi',
  'caucus.backToWorkspace': '← Ruang kerja',
  'caucus.party': 'Dengan {party}',
  'caucus.private': 'Tertutup: hanya mediator dan {party} yang dapat melihat ini.',
  'caucus.notStored':
    'Tidak ada isi kaukus ini yang disimpan di perangkat ini setelah Anda meninggalkan halaman.',
  'caucus.statusOpen': 'Terbuka',
  'caucus.statusClosed': 'Ditutup {time}',
  'caucus.closedNote':
    'Kaukus ini sudah ditutup: teks dan catatannya dapat dibaca tetapi tidak dapat diubah.',
  'caucus.textLabel': 'Teks kaukus “{title}”',
  'caucus.privateTitle': 'Kaukus ini tertutup',
  'caucus.privateBody': 'Hanya mediator dan wakil pihak yang bersangkutan yang dapat membukanya.',
  'caucus.notFoundTitle': 'Kaukus tidak ditemukan',
  'caucus.notFoundBody': 'Tidak ada kaukus seperti itu di ruang kerja ini.',
  'caucus.offline':
    'Anda sedang luring. Kaukus tidak pernah disimpan di perangkat ini, jadi hanya dapat dibuka saat daring.',
  'caucus.unavailable': 'Kaukus ini tidak dapat dibuka',
}
