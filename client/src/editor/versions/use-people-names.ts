import { useEffect, useState } from 'react'
import { fetchParticipants } from '../../api/workspaces.js'

/** Participant id → display name, for "saved by"; someone removed since has no name here. */
export const usePeopleNames = (workspaceId: string): ReadonlyMap<string, string> => {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map())
  useEffect(() => {
    let current = true
    fetchParticipants(workspaceId).then(
      (people) =>
        current && setNames(new Map(people.map((person) => [person.id, person.displayName]))),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [workspaceId])
  return names
}
