/** The signed log of a public record, as checked in the reader's browser. */
export const transparencyEn = {
  'log.checking': 'Checking the signed log in your browser…',
  'log.insecure': 'Your browser cannot check the signed log on this connection (it needs https).',
  'log.verified':
    'Verified in your browser: {count} records in the signed log. Your browser remembers this, and will warn you if the record is ever rewritten.',
  'log.verifiedOne':
    'Verified in your browser: 1 record in the signed log. Your browser remembers this, and will warn you if the record is ever rewritten.',
  'log.consistent':
    'Verified in your browser: {count} records, consistent with what you saw on {date}.',
  'log.consistentOne':
    'Verified in your browser: 1 record, consistent with what you saw on {date}.',
  'log.entriesWithheld':
    'While names are hidden its entries are not public: your browser checked the signature and that the log only grew, not each record.',
  'log.unreadable': 'Your browser could not check the signed log of this record just now.',
  'log.keyChanged':
    'Warning: this record is now signed with a different key from the one your browser saw on {date}. Ask the publisher why.',
  'log.badSignature': 'Warning: the signed log of this record does not carry a valid signature.',
  'log.entriesMismatch': 'Warning: the records this server sends do not match its own signed log.',
  'log.truncated':
    'Warning: the log now holds fewer records than the {before} you saw on {date}: records were removed.',
  'log.inconsistent':
    'Warning: the log is not consistent with what you saw on {date}: its history was rewritten.',
  'log.agreementUnshown':
    'Warning: the signed log holds the agreement “{title}” (record {sequence}), which this page does not show: it was removed outside the server.',
  'log.shownUnsigned':
    'Warning: this page shows record {sequence}, which is not in the signed log: it was added or changed outside the server.',
  'log.shownAltered':
    'Warning: this page shows a text, a signature or a follow-up that is not what the signed log holds: it was changed outside the server, or the server is not telling the truth.',
} as const
