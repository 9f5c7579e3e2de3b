import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { PresenceUser } from '../../../shared/src/schema/people.js'
import { useT } from '../app/i18n/i18n.js'
import { roleLabel } from '../features/people/role-label.js'

/** Everyone with this document open, once each, by the identity the server stamped. */
const peopleOf = (provider: WebsocketProvider): PresenceUser[] => {
  const people = new Map<string, PresenceUser>()
  for (const state of provider.awareness.getStates().values()) {
    const user = PresenceUser.safeParse(state.user)
    if (user.success) people.set(user.data.id, user.data)
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name))
}

export const PresenceBar = ({ provider, meId }: { provider: WebsocketProvider; meId: string }) => {
  const t = useT()
  const [people, setPeople] = useState(() => peopleOf(provider))
  useEffect(() => {
    const update = () => setPeople(peopleOf(provider))
    provider.awareness.on('change', update)
    update()
    return () => provider.awareness.off('change', update)
  }, [provider])
  return (
    <ul className="presence" aria-label={t('presence.label')}>
      {people.map((person) => (
        <li key={person.id} className={`presence__person group-${person.group}`}>
          <span className="avatar" aria-hidden="true">
            {person.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="presence__name">
            {person.name}
            {person.id === meId ? ` (${t('people.you')})` : ''}
          </span>
          <span className="visually-hidden">
            {t(`group.${person.group}`)}, {t(roleLabel[person.role])}
          </span>
        </li>
      ))}
    </ul>
  )
}
