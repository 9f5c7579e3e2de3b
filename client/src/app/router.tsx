import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react'
import { parseRoute, type Route } from './routes.js'

/**
 * A small router on the History API (react-router needs a newer Node than we build with).
 * The location is an external store; `navigate` pushes and notifies.
 */
const listeners = new Set<() => void>()
const notify = () => {
  for (const listener of listeners) listener()
}
const subscribe = (listener: () => void) => {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}
const currentPath = () => window.location.pathname

export const navigate = (path: string, options: { replace?: boolean } = {}): void => {
  if (options.replace) window.history.replaceState(null, '', path)
  else window.history.pushState(null, '', path)
  notify()
  window.scrollTo(0, 0)
}

export const useRoute = (): Route => parseRoute(useSyncExternalStore(subscribe, currentPath))

/** An ordinary link that navigates in place; modified clicks open as the browser would. */
export const Link = ({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) => {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(href)
  }
  return <a href={href} onClick={handle} {...rest} />
}
