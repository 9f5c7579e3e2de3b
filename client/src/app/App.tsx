import { useEffect, useState } from 'react'

type Health = { status: string; roomsLoaded: number }

/** The shell. Workspaces, the editor and sessions arrive as their issues land. */
export const App = () => {
  const [health, setHealth] = useState<Health | 'unreachable' | undefined>()
  useEffect(() => {
    fetch('/healthz')
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth, () => setHealth('unreachable'))
  }, [])
  return (
    <main className="shell">
      <h1>Mufakat</h1>
      <p>A real-time workspace for collaborative governance of smart cities.</p>
      <p role="status">
        {health === undefined
          ? 'Checking the server…'
          : health === 'unreachable'
            ? 'The server cannot be reached.'
            : `Server ${health.status}: ${health.roomsLoaded} rooms open.`}
      </p>
    </main>
  )
}
