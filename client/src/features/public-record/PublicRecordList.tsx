import type { PublicFeed } from '../../../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../../../shared/src/schema/record-chain.js'
import { PublicAgreement } from './PublicAgreement.js'
import { PublicDecision } from './PublicDecision.js'

/** The records of a public feed in chain order, as the public page shows them. */
export const PublicRecordList = ({
  records,
  followUp,
  approvedTexts,
  anonymised,
}: {
  records: readonly ChainRecord[]
  followUp: PublicFeed['followUp']
  approvedTexts: PublicFeed['approvedTexts']
  anonymised: boolean
}) => (
  <ol className="record-list">
    {records.map((record) =>
      record.kind === 'decision' ? (
        <PublicDecision
          key={record.id}
          record={record}
          approved={approvedTexts.find((entry) => entry.decisionId === record.id)}
          anonymised={anonymised}
        />
      ) : (
        <PublicAgreement
          key={record.id}
          record={record}
          followUp={followUp.filter((entry) => entry.agreementId === record.id)}
          amended={record.amends ? records.find((other) => other.id === record.amends) : undefined}
        />
      ),
    )}
  </ol>
)
