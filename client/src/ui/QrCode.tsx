import { useMemo } from 'react'
import { encode } from 'uqr'

/**
 * A QR code of `text` as an SVG built from React elements: one path of dark modules, so a
 * phone can scan the link off a projector. No markup string is ever parsed.
 */
export const QrCode = ({
  text,
  label,
  size = 160,
}: {
  text: string
  label: string
  size?: number
}) => {
  const { path, modules } = useMemo(() => {
    const qr = encode(text, { ecc: 'M', border: 2 })
    let d = ''
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`
      })
    })
    return { path: d, modules: qr.size }
  }, [text])
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shapeRendering="crispEdges"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
