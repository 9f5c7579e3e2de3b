import { useEffect, useState } from 'react'

/** Most loads finish sooner than this: showing nothing until then spares the page a flash. */
const quietMs = 300

/** "Loading…", shown only once a load has taken a moment, fading in. */
export const Loading = ({ label }: { label: string }) => {
  const [shown, setShown] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), quietMs)
    return () => clearTimeout(timer)
  }, [])
  return shown ? (
    <p className="loading loading--fade" role="status">
      {label}
    </p>
  ) : null
}
