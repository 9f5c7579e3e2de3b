import type { ApprovedText } from '../../../../shared/src/schema/approved-text.js'
import { nodeText, type ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { ContentHashCheck } from './ContentHashCheck.js'
import { shortVersion } from './short-version.js'
import { differs, TextChanges } from './TextChanges.js'
import './approved-text.css'

/**
 * The text a decision approved (the version frozen when its proposal opened), checked against
 * the record's hash, and how today's plan differs from it.
 */
export const ApprovedTextView = ({
  approved,
  contentHash,
  anonymised = false,
}: {
  approved: ApprovedText
  contentHash: string | null | undefined
  anonymised?: boolean
}) => {
  const { t, language } = useI18n()
  const blocks = (approved.content as unknown as ProseMirrorNode).content ?? []
  return (
    <div className="approved-text" data-testid="approved-text">
      <p className="small muted">
        {t('approved.version', {
          version: shortVersion(approved.versionId),
          time: formatDateTime(approved.frozenAt, language),
        })}
      </p>
      {approved.matchesRecord === false ? (
        <Notice tone="error">
          <span data-testid="approved-altered">{t('approved.altered')}</span>
        </Notice>
      ) : null}
      {contentHash ? (
        <ContentHashCheck
          content={approved.content}
          contentHash={contentHash}
          anonymised={anonymised}
        />
      ) : null}
      <details className="approved-text__body">
        <summary>{t('approved.title')}</summary>
        {blocks.map((block, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no ids; order is the identity
          <p key={index}>{nodeText(block)}</p>
        ))}
      </details>
      <h4 className="approved-text__since">{t('approved.since')}</h4>
      {differs(approved.changesSince) ? (
        <TextChanges changes={approved.changesSince} />
      ) : (
        <p className="small">{t('approved.sinceSame')}</p>
      )}
    </div>
  )
}
