import type { PublicFeed } from '../../../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../../../shared/src/schema/record-chain.js'
import { PublicAgreement } from './PublicAgreement.js'
import { PublicDecision } from './PublicDecision.js'

/**
 * The records of a public feed in chain order, as the public page shows them. A signed agreement
 * is shown as the feed renders it from the log, its signatures and follow-up inside it, so those
 * records are not listed on their own.
 */
export const PublicRecordList = ({
  records,
  feed,
}: {
  records: readonly ChainRecord[]
  feed: Pick<PublicFeed, 'agreements' | 'followUp' | 'people' | 'approvedTexts' | 'anonymised'>
}) => (
  <ol className="record-list">
    {records.map((record) => {
      if (record.kind === 'decision') {
        return (
          <PublicDecision
            key={record.id}
            record={record}
            approved={feed.approvedTexts.find((entry) => entry.decisionId === record.id)}
            anonymised={feed.anonymised}
            people={feed.people}
          />
        )
      }
      const agreement =
        record.kind === 'agreement' && feed.agreements.find((item) => item.id === record.id)
      if (!agreement) return null
      return (
        <PublicAgreement
          key={record.id}
          record={agreement}
          followUp={feed.followUp.filter((entry) => entry.agreementId === record.id)}
          amended={feed.agreements.find((other) => other.id === agreement.amends)}
        />
      )
    })}
  </ol>
)
