import { type ReactNode, useId } from 'react'

/** A titled region of a page, named by its heading for screen readers. */
export const Section = ({
  title,
  actions,
  children,
}: {
  title: string
  actions?: ReactNode
  children: ReactNode
}) => {
  const id = useId()
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel__header">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  )
}
