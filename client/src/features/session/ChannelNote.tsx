import type { Channel } from '../../../../shared/src/schema/balance.js'
import { useT } from '../../app/i18n/i18n.js'

/** "on paper, recorded by Fasilitator", beside what was recorded for someone not online. */
export const ChannelNote = ({
  channel,
  recordedBy,
}: {
  channel: Channel | null | undefined
  recordedBy: { name: string } | null | undefined
}) => {
  const t = useT()
  if (!channel || !recordedBy) return null
  return (
    <span className="channel-note" data-channel={channel}>
      {' '}
      {t('onBehalf.recordedBy', { channel: t(`channel.${channel}`), name: recordedBy.name })}
    </span>
  )
}
