import type { ReactNode } from 'react'

/**
 * A wide table's box that scrolls sideways on a narrow screen. It takes the keyboard's focus
 * so that what is scrolled out of sight can be reached without a mouse (WCAG 2.1.1).
 */
export const ScrollRegion = ({ label, children }: { label: string; children: ReactNode }) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
  <section className="table-scroll" aria-label={label} tabIndex={0}>
    {children}
  </section>
)
