/** Dates go through the one formatter per language in ./shared, as the server's minutes do. */
export {
  formatDate,
  formatDateTime,
  formatDay,
  formatTime,
} from '../../../shared/src/format/dates.js'

/** The first characters of a hash: enough to compare by eye, the full one goes in a title. */
export const shortHash = (hash: string): string => hash.slice(0, 12)
