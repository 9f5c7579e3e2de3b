import type { balanceEn } from './balance-en.js'

/** Keseimbangan suara, dan yang dicatat untuk orang yang tidak daring, dalam Bahasa Indonesia. */
export const balanceId: Record<keyof typeof balanceEn, string> = {
  'balance.caption':
    'Per kelompok pemangku kepentingan: bagiannya dari orang yang hadir sekarang, dan bagiannya dari setiap jenis suara',
  'balance.attended': 'Hadir',
  'balance.promptAttended': '{group}: {present} % dari yang hadir, {share} % dari {measure}',
  'balance.here': 'Hadir sekarang',
  'balance.measure.speakingMs': 'waktu bicara',
  'balance.measure.turns': 'giliran',
  'balance.measure.positions': 'sikap',
  'balance.measure.proposals': 'usulan',
  'balance.measure.comments': 'komentar',
  'balance.measure.ideas': 'gagasan',
  'balance.measure.edits': 'suntingan rencana',
  'balance.column.speakingMs': 'Waktu bicara',
  'balance.column.turns': 'Giliran',
  'balance.column.positions': 'Sikap',
  'balance.column.proposals': 'Usulan',
  'balance.column.comments': 'Komentar',
  'balance.column.ideas': 'Gagasan',
  'balance.column.edits': 'Suntingan rencana (+/− karakter)',
  'balance.prompt': '{group}: {present} % dari orang yang hadir, {share} % dari {measure}',
  'balance.promptTitle': 'Siapa yang kurang didengar',
  'balance.promptHint': 'Mungkin undang mereka berbicara, atau tanyakan pandangan mereka.',
  'balance.allHeard': 'Setiap kelompok yang hadir didengar secara seimbang.',
  'balance.left': 'keluar',
  'balance.workspaceTitle': 'Keseimbangan suara di semua sesi',
  'balance.workspaceNone': 'Belum ada sesi yang menghitung apa pun.',

  'channel.paper': 'di kertas',
  'channel.phone': 'lewat telepon',
  'channel.in_person': 'langsung',
  'onBehalf.title': 'Untuk orang yang tidak daring',
  'onBehalf.hint':
    'Catat apa yang dikatakan peserta tanpa perangkat: dihitung untuk kelompoknya, ditandai dengan cara sampainya kepada Anda.',
  'onBehalf.person': 'Peserta',
  'onBehalf.choose': 'Pilih…',
  'onBehalf.channel': 'Cara sampainya kepada Anda',
  'onBehalf.what': 'Yang dicatat',
  'onBehalf.kind.position': 'Sikap atas usulan yang terbuka',
  'onBehalf.kind.comment': 'Komentar',
  'onBehalf.kind.idea': 'Gagasan',
  'onBehalf.position': 'Sikap mereka',
  'onBehalf.text': 'Kata-kata mereka',
  'onBehalf.record': 'Catat',
  'onBehalf.recorded': 'Tercatat.',
  'onBehalf.recordedBy': '{channel}, dicatat oleh {name}',

  'contributions.title': 'Komentar dan gagasan',
  'contributions.none': 'Belum ada yang disampaikan.',
  'contributions.kind': 'Jenis',
  'contributions.text': 'Komentar atau gagasan Anda',
  'contributions.add': 'Tambah',
  'contributions.kind.comment': 'Komentar',
  'contributions.kind.idea': 'Gagasan',

  'session.rule.speaks_for_themselves':
    'Mereka sedang berada di sesi ini: mereka berbicara untuk diri sendiri.',
  'session.rule.not_a_participant':
    'Hanya peserta ruang kerja ini yang boleh bersikap yang dapat dicatatkan.',
}
