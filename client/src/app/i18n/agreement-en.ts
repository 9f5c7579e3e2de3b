/** Agreements, their follow-up, publication and the public record, in English (merged into `en`). */
export const agreementEn = {
  'agreement.sectionTitle': 'Agreements',
  'agreement.none': 'No agreements drafted in this session yet.',
  'agreement.needParties': 'An agreement is between the parties: name the parties first.',
  'agreement.draft': 'Draft agreement',
  'agreement.draftHeading': 'Draft an agreement',
  'agreement.draftNote': 'Between all the parties of this mediation: {parties}.',
  'agreement.titleLabel': 'Agreement title',
  'agreement.preamble': 'Preamble',
  'agreement.preambleHint': 'Optional: the background and purpose of the agreement.',
  'agreement.termLegend': 'Term {number}',
  'agreement.termText': 'Term {number} text',
  'agreement.termOwner': 'Term {number} owner',
  'agreement.termDue': 'Term {number} due date',
  'agreement.chooseOwner': 'Choose who carries it out',
  'agreement.ownerMediator': 'Mediator',
  'agreement.addTerm': 'Add term',
  'agreement.removeTerm': 'Remove term',
  'agreement.saveDraft': 'Save draft',
  'agreement.saving': 'Saving…',
  'agreement.signedCount': '{signed} of {total} parties signed',

  'agreement.status.draft': 'Draft',
  'agreement.status.signed': 'Signed',
  'agreement.status.amended': 'Signed, amended',

  'agreement.overview.title': 'Agreements',
  'agreement.overview.hint':
    'Every agreement of this workspace’s mediations, and how the follow-up of their terms stands.',
  'agreement.overview.none':
    'No agreements in this workspace yet. They are drafted in mediation sessions.',
  'agreement.overview.terms': 'Terms: {done} done, {missed} missed, {open} open',
  'agreement.overview.overdue': '{count} overdue',
  'agreement.overview.amended': 'Its terms are followed up in the amendment.',
  'agreement.overview.amendedBy': 'Its terms are followed up in the amendment “{title}”.',

  'agreement.back': '← Session',
  'agreement.eyebrow': 'Agreement',
  'agreement.eyebrowAmendment': 'Amendment',
  'agreement.unavailable': 'This agreement cannot be opened',
  'agreement.notFound': 'There is no such agreement in this workspace, or you are not a member.',
  'agreement.signedOn': 'by every party, completed {date}',
  'agreement.amendedBy': 'Amended by',
  'agreement.amends': 'Amends',
  'agreement.amendedNotice':
    'A later amendment, signed by every party, changes this agreement. Its terms stay in the record.',
  'agreement.recorded': 'Record #{sequence} in the workspace’s record chain.',

  'agreement.textDraft': 'The text to be signed',
  'agreement.textSigned': 'The signed text',
  'agreement.showExactText': 'Show exact signed text',
  'agreement.fingerprint': 'SHA-256 fingerprint:',
  'agreement.fullFingerprint': 'Full fingerprint',
  'agreement.fingerprintHint':
    'A signature is given to this exact text: any change to it gives another fingerprint.',

  'agreement.signatures': 'Parties and signatures',
  'agreement.signedBy': 'signed by {name}, {date}',
  'agreement.pending': 'not signed yet',
  'agreement.representatives': 'Representatives: {names}',
  'agreement.signFor': 'Sign for {party}',
  'agreement.sign': 'Sign',
  'agreement.hashMismatch':
    'The text shown does not match the fingerprint the server gave for it, so it was not signed. Reload the page and read it again.',
  'agreement.signConfirmTitle': 'Sign for {party}?',
  'agreement.signConfirmText':
    'You sign “{title}” on behalf of {party}: exactly the text shown on this page, with this fingerprint.',
  'agreement.signConfirmFinal':
    'When every party has signed, the agreement is final: nothing in it can change, only the follow-up of its terms.',
  'agreement.signedYou': 'You signed for {party}.',

  'agreement.edit': 'Edit draft',
  'agreement.editHeading': 'Edit the draft',
  'agreement.editWithdraws':
    'Saving changes the text: the {count} signature(s) already given are withdrawn and the parties sign again.',
  'agreement.amend': 'Draft an amendment',
  'agreement.amendHeading': 'Draft an amendment',
  'agreement.amendNote':
    'The amendment starts from this agreement’s terms. It takes effect when every party signs it; this agreement stays in the record.',

  'agreement.followUp': 'Follow-up of the terms',
  'agreement.followUpHint':
    'Each term’s owner, or the mediator, says whether it is done or missed. A term still open after its due date is overdue.',
  'agreement.termColumn': 'Term',
  'agreement.ownerColumn': 'Owner',
  'agreement.dueColumn': 'Due',
  'agreement.statusColumn': 'Status',
  'agreement.historyColumn': 'History',
  'agreement.updateColumn': 'Update',
  'agreement.term.open': 'Open',
  'agreement.term.done': 'Done',
  'agreement.term.missed': 'Missed',
  'agreement.overdue': 'Overdue',
  'agreement.noHistory': 'No updates yet.',
  'agreement.ownerOnly': 'Owner or mediator only',
  'agreement.statusOf': 'Status of term {number}',
  'agreement.noteFor': 'Note for term {number}',
  'agreement.updateStatus': 'Update status of term {number}',
  'agreement.statusSaved': 'Status saved.',

  'agreement.forbidden': 'Your role in this mediation does not allow this.',
  'agreement.invalid': 'Some fields are missing or not valid. Check them and try again.',
  'agreement.gone': 'This agreement no longer exists.',
  'agreement.termsInvalid': 'Some terms need correcting: see the message under each of them.',
  'agreement.problem.owner':
    'This owner does not represent a party: choose one of the parties’ representatives.',
  'agreement.problem.field': 'This is not valid: check it and try again.',
  'agreement.rule.agreement_signed':
    'Every party has signed this agreement: its text can no longer change, only the follow-up of its terms.',
  'agreement.rule.not_signed':
    'This agreement is not signed by every party yet: its terms are followed up only once it is.',
  'agreement.rule.party_already_signed':
    'Your party has already signed this agreement: each party signs once.',
  'agreement.rule.text_changed':
    'The text changed while you were reading it. The new text is shown now: read it, then sign again.',
  'agreement.rule.agreement_amended':
    'This agreement has been amended: its terms are no longer followed up here. Follow up the terms of its amendment instead.',
  'agreement.rule.amends_unsigned': 'Only an agreement signed by every party can be amended.',
  'agreement.rule.already_amended':
    'This agreement has already been amended: amend the latest amendment instead.',
  'agreement.rule.no_parties':
    'This mediation has no parties yet: name the parties before drafting an agreement.',
  'agreement.rule.member_of_two_parties':
    'Someone represents two parties, but each person signs for one party only: correct the parties first.',
  'agreement.rule.mediator_not_party':
    'The mediator cannot represent a party: correct the parties first.',
  'agreement.rule.caucus_closed': 'This caucus is closed.',
  'agreement.rule.not_mediation': 'Only a mediation session has parties and agreements.',

  'publication.title': 'Public record',
  'publication.about':
    'Publishing shows anyone with the link, without logging in, this workspace’s decisions and signed agreements, the follow-up of their terms and the verification of the record chain; caucus notes are never published.',
  'publication.publish': 'Publish the record',
  'publication.anonymise': 'Anonymise names',
  'publication.anonymiseHint':
    'People’s names are replaced by pseudonyms; the names of parties and organisations stay.',
  'publication.previewSubmit': 'Preview what will be public',
  'publication.previewTitle': 'This is what anyone with the link will see',
  'publication.previewAnonymised': 'People’s names are replaced by pseudonyms.',
  'publication.previewNamed': 'People are shown by their real names.',
  'publication.confirm': 'Publish exactly this',
  'publication.save': 'Save publication',
  'publication.savedPublished': 'The record is published.',
  'publication.savedPrivate': 'The record is not published.',
  'publication.page': 'Public page',
  'publication.feed': 'JSON feed',
  'publication.since': 'Published since {date}.',
  'publication.notPublished': 'The record is not published.',

  'public.eyebrow': 'Public record',
  'public.title': '{name}: public record',
  'public.published': 'Published {published} · generated {generated}',
  'public.missing': 'No public record here',
  'public.missingHint': 'The link may be wrong, or this record is no longer published.',
  'public.unavailable': 'The public record cannot be shown',
  'public.verified': 'Chain verified: {count} records',
  'public.verifiedOne': 'Chain verified: 1 record',
  'public.broken': 'Chain broken at record #{sequence}: {problem}',
  'public.browserChecking': 'Checking the chain in this browser…',
  'public.browserVerified':
    'Checked in this browser too: every hash and link recomputed, none altered.',
  'public.browserBroken': 'This browser finds the chain broken at record #{sequence}: {problem}',
  'public.browserAnonymised':
    'Records written before people were named by commitment had their names replaced here, so they cannot be rehashed outside the server: the check above is the server’s.',
  'public.browserInsecure':
    'This browser cannot compute hashes on an unencrypted connection: the check above is the server’s.',
  'public.about':
    'Decisions and signed agreements, in the order they were recorded. Each record carries the hash of the one before it, so a record changed later breaks the chain.',
  'public.anonymised':
    'Names of people are replaced by pseudonyms; parties and organisations keep their names. Records name people only by commitment, so they verify exactly as a named record does.',
  'public.feed': 'The same record as JSON',
  'public.records': 'Records ({count})',
  'public.none': 'Nothing has been recorded yet.',
  'public.decision': 'Decision',
  'public.agreement': 'Agreement',
  'public.sequence': 'Record #{sequence}',
  'public.positions': 'Positions by stakeholder group',
  'public.present': 'Present ({count})',
  'public.nobody': 'Nobody recorded as present.',
  'public.parties': 'Parties:',
  'public.terms': 'Terms',
  'public.termMeta': 'Owner: {owner} · Due: {due} · Status:',
  'public.signatures': 'Signatures',
  'public.signature': '{party}: signed by {name}, {date}',
  'public.signedText': 'The signed text',
  'public.amendsRecord': 'Amends record #{sequence}: “{title}”.',
  'public.amendsOther': 'Amends an earlier agreement.',
  'public.hash': 'Hash',
  'public.fullHash': 'Hash:',
  'public.previousHash': 'Hash of the record before:',
  'public.erased': 'name erased',
  'agreement.logMismatch':
    'The stored {parts} of this agreement no longer match its signed record: what is shown here is the record. Tell the workspace’s operator.',
  'agreement.logPart.content': 'text',
  'agreement.logPart.signatures': 'signatures',
  'agreement.logPart.termStatus': 'term follow-up',
} as const
