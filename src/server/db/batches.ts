/** Runs `batch` (which handles up to `size` rows) until one handles fewer, at most `maxBatches` times; answers the rows handled. */
export async function inBatches(batch: () => Promise<number>, size: number, maxBatches: number): Promise<number> {
  let handled = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await batch();
    handled += n;
    if (n < size) break;
  }
  return handled;
}
