/**
 * A `Content-Disposition` for a download named in any language (RFC 6266): `filename*` carries
 * the readable UTF-8 name ("Notulen – Lokakarya transportasi – 2026-12-06.md"), `filename` an
 * ASCII stand-in for clients that read only that. Quotes, backslashes and line breaks never
 * reach the header.
 */
export const attachmentName = (name: string): string => {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[–—]/g, '-')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '')
      .trim() || 'download'
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
