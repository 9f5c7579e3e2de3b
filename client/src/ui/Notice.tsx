import type { ReactNode } from 'react'

/** A message in the page: `error` is announced at once, `info` politely. */
export const Notice = ({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'error' | 'success'
  children: ReactNode
}) => (
  <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
)
