/**
 * The words of what the server produces for a workspace in English: its templates, default stage
 * names, version names, minutes and the frame of the agreement text that is signed.
 */
export const artefactWordsEn = {
  languageName: 'English',
  template: {
    smartCity: [
      [
        'Smart economy',
        'Which jobs, businesses and innovation should the city grow, and for whom?',
      ],
      ['Smart people', 'How will residents learn, take part and gain digital skills?'],
      [
        'Smart governance',
        'How will decisions be made openly, with whom, and how will data be shared?',
      ],
      ['Smart mobility', 'How will people and goods move safely, affordably and cleanly?'],
      ['Smart environment', 'How will the city cut emissions, manage water and waste, and adapt?'],
      ['Smart living', 'What makes the city healthy, safe, affordable and good to live in?'],
    ] as [heading: string, prompt: string][],
  },
  /** Default stage names by their stored (English) key. */
  stage: {
    Opening: 'Opening',
    'Context and data': 'Context and data',
    'Group discussion': 'Group discussion',
    Proposals: 'Proposals',
    Decision: 'Decision',
    Closing: 'Closing',
    'Party statements': 'Party statements',
    'Issues and interests': 'Issues and interests',
    Options: 'Options',
    Negotiation: 'Negotiation',
    Agreement: 'Agreement',
  },
  version: {
    proposal: 'Proposal',
    decision: 'Decision',
    beforeRestore: (name: string) => `Before restoring “${name}”`,
  },
  agreement: {
    /** The line that records, inside the signed text, the language it is written in. */
    language: 'Language: English (en)',
    amends: (id: string) => `Amends agreement ${id}.`,
    parties: 'Parties',
    owner: 'Owner',
    due: 'Due',
  },
  kind: { workshop: 'Workshop', mediation: 'Mediation' },
  group: {
    government: 'Government',
    business: 'Business',
    academia: 'Academia',
    community: 'Community',
    media: 'Media',
    citizen: 'Citizen',
  },
  position: {
    agree: 'Agree',
    agree_with_concerns: 'Agree with concerns',
    stand_aside: 'Stand aside',
    object: 'Object',
    block: 'Block',
  },
  outcome: { adopted: 'Adopted', rejected: 'Rejected', deferred: 'Deferred' },
  rule: { consent: 'Consent', consensus: 'Consensus', majority: 'Majority' },
  basis: {
    no_positions: 'no positions yet',
    no_block: 'nobody blocks',
    blocked: 'someone blocks',
    all_agree: 'everyone present agrees or stands aside',
    dissent: 'someone objects or blocks',
    awaiting: 'not everyone present has responded',
    more_agree: 'more agree than object or block',
    not_more_agree: 'no more agree than object or block',
    no_quorum: 'fewer people present than the quorum',
  },
  agreementStatus: { draft: 'Draft', signed: 'Signed' },
  minutes: {
    fileName: 'Minutes',
    title: 'Minutes',
    kind: 'Kind',
    date: 'Date',
    timesIn: 'Times are in UTC.',
    agenda: 'Agenda',
    agendaColumns: ['Stage', 'Planned', 'Started', 'Ended', 'Actual'],
    min: 'min',
    agendaChanges: 'Agenda changes',
    change: {
      added: (stage: string, minutes: number) => `added ${stage}, ${minutes} min`,
      removed: (stage: string) => `removed ${stage}`,
      moved: (stage: string) => `moved ${stage}`,
      renamed: (stage: string, to: string) => `renamed ${stage} to ${to}`,
      timed: (stage: string, minutes: number) => `set ${stage} to ${minutes} min`,
      now: (position: number) => ` (now stage ${position})`,
    },
    attendance: 'Attendance',
    neutral: 'neutral',
    speaking: 'Speaking time by group',
    proposals: 'Proposals',
    outcome: 'Outcome',
    withdrawn: 'Withdrawn',
    notClosed: 'Not closed',
    decisions: 'Decisions',
    approvedVersion: (version: string, hash: string) =>
      `approved plan version ${version}, content sha256 ${hash}`,
    adoptedOver: (blocks: number, objections: number) =>
      `over ${blocks} block(s) and ${objections} objection(s), confirmed by the facilitator`,
    ruleLine: 'rule',
    quorum: 'quorum',
    suggested: 'suggested',
    tally: (tally: { for: number; against: number; standAside: number }) =>
      `for ${tally.for}, against ${tally.against}, stand aside ${tally.standAside}`,
    responded: (responded: number, present: number) =>
      `${responded} of ${present} present responded`,
    noLongerNamed: 'someone no longer named',
    parties: 'Parties',
    caucuses: 'Caucuses',
    caucusWith: (party: string, from: string, to: string) => `with ${party}: ${from} to ${to}`,
    agreements: 'Agreements',
    record: (sequence: number) => `record #${sequence}`,
    amends: (id: string) => `amends ${id}`,
    textHash: 'text sha256',
    logWarning: (fields: string) =>
      `WARNING: its stored ${fields} differ from the record log; shown as the log holds them`,
    signedFor: (party: string, name: string, at: string) => `signed for ${party} by ${name}, ${at}`,
  },
}

export type ArtefactWords = typeof artefactWordsEn
