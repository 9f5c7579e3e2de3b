/**
 * A bell drawn in the text's colour. Not the 🔔 emoji: on machines without an emoji font (many
 * Linux desktops and kiosks) that rendered as an empty box.
 */
export const BellIcon = () => (
  <svg
    aria-hidden="true"
    focusable="false"
    width="1.1em"
    height="1.1em"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
  >
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
)
