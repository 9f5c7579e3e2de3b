import { type RefObject, useState } from 'react'
import { useT } from '../../app/i18n/i18n.js'

/**
 * Previous / next change: moves the reader (scroll and focus) to the first block of each change,
 * so a change far below the fold is one press away.
 */
export const ChangeNavigator = ({
  hunks,
  container,
}: {
  hunks: number
  container: RefObject<HTMLElement | null>
}) => {
  const t = useT()
  const [current, setCurrent] = useState<number>()
  if (hunks === 0) return null
  const go = (hunk: number) => {
    setCurrent(hunk)
    const block = container.current?.querySelector<HTMLElement>(`[data-hunk="${hunk}"]`)
    block?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    block?.focus({ preventScroll: true })
  }
  return (
    <nav className="change-nav" aria-label={t('compare.navigation')}>
      <button
        type="button"
        className="button button--small"
        disabled={current === undefined || current === 0}
        onClick={() => go((current ?? 0) - 1)}
      >
        {t('compare.previous')}
      </button>
      <span className="small" aria-live="polite" data-testid="change-position">
        {current === undefined
          ? t('compare.changeCount', { count: hunks })
          : t('compare.changeOf', { number: current + 1, count: hunks })}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={current === hunks - 1}
        onClick={() => go(current === undefined ? 0 : current + 1)}
      >
        {t('compare.next')}
      </button>
    </nav>
  )
}
