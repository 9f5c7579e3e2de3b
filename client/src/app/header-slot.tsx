import { createContext, type ReactNode, useContext } from 'react'
import { createPortal } from 'react-dom'

/** The place in the header where the open page puts controls of its own (a workspace's bell). */
export const HeaderSlotContext = createContext<HTMLElement | null>(null)

/** Shows its children in the header's place for them, or where it stands until that exists. */
export const InHeader = ({ children }: { children: ReactNode }) => {
  const slot = useContext(HeaderSlotContext)
  return slot ? createPortal(children, slot) : children
}
