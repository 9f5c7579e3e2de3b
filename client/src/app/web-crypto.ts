/**
 * SHA-256 in the browser, for checks that must not rest on the server's word. Web Crypto exists
 * only in secure contexts (https, or localhost): elsewhere `sha256Hex` is undefined and callers
 * say that the browser could not check.
 */
export const sha256Hex: ((text: string) => Promise<string>) | undefined =
  typeof crypto !== 'undefined' && crypto.subtle
    ? async (text) => {
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
        return [...new Uint8Array(digest)]
          .map((byte) => byte.toString(16).padStart(2, '0'))
          .join('')
      }
    : undefined
