import {
  type BalanceMeasure,
  percent,
  sumBalanceInputs,
  underHeard,
  voiceBalance,
} from '../../../../shared/src/schema/balance.js'
import { fetchWorkspaceBalance } from '../../api/sessions.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { Loading } from '../../ui/Loading.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { useNews } from '../workspace/workspace-live.js'
import { BalanceTable, shareOf } from './BalanceTable.js'
import './session.css'

/** The shares shown across sessions: few enough columns for a phone. */
const shown: readonly BalanceMeasure[] = ['speakingMs', 'positions', 'comments', 'edits']

/**
 * The balance of voice across the workspace's sessions: each group's share of attendance beside
 * its share of speaking time, positions, comments and plan edits, then who was under-heard in
 * each session.
 */
export const WorkspaceBalanceSection = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  const news = useNews('sessions')
  const [sessions] = useLoad(() => fetchWorkspaceBalance(workspaceId), [workspaceId, news])
  const list = sessions.state === 'ready' ? sessions.value : []
  const rows = voiceBalance(sumBalanceInputs(list.map((session) => session.input)))
  return (
    <Section title={t('balance.workspaceTitle')}>
      {sessions.state === 'loading' ? <Loading label={t('common.loading')} /> : null}
      {sessions.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {sessions.state === 'ready' && rows.length === 0 ? (
        <p className="muted">{t('balance.workspaceNone')}</p>
      ) : null}
      {rows.length > 0 ? (
        <BalanceTable
          rows={rows}
          measures={shown}
          testId="workspace-balance"
          presentHeading={t('balance.attended')}
          present={(row) => `${percent(row.presentShare)} %`}
          cell={shareOf}
        />
      ) : null}
      <ul className="balance-sessions">
        {list.map((session) => {
          const prompts = underHeard(voiceBalance(session.input))
          return (
            <li key={session.sessionId}>
              <Link href={paths.session(workspaceId, session.sessionId)}>{session.title}</Link>
              {prompts.length === 0 ? null : (
                <ul>
                  {prompts.map((prompt) => (
                    <li key={prompt.group}>
                      {t('balance.promptAttended', {
                        group: t(`group.${prompt.group}`),
                        present: percent(prompt.presentShare),
                        share: percent(prompt.share),
                        measure: t(`balance.measure.${prompt.measure}`),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          )
        })}
      </ul>
    </Section>
  )
}
