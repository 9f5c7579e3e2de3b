/**
 * Maps items through asynchronous work one at a time, in order. Not `Promise.all`: storage
 * takes one call at a time anyway, and work inside a unit of work must not interleave its
 * nested transactions.
 */
export const mapInOrder = async <T, U>(
  items: Iterable<T>,
  work: (item: T, index: number) => Promise<U>,
): Promise<U[]> => {
  const results: U[] = []
  let index = 0
  for (const item of items) {
    results.push(await work(item, index))
    index += 1
  }
  return results
}
