/** A version as people name it aloud: the first characters of its id. */
export const shortVersion = (versionId: string): string => versionId.slice(0, 8)
