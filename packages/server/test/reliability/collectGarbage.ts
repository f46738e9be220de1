import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// vitest 4 workers start without --expose-gc and the server's vitest config is shared by every test file;
// V8 hands a `gc` function to contexts created after the flag is set, which is all a heap check needs.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Heap in use after full collections, once the heap stops shrinking (finalizers free more on a second pass). */
export async function settledHeapBytes(): Promise<number> {
  let previous = Number.POSITIVE_INFINITY
  for (let pass = 0; pass < 5; pass++) {
    // A macrotask between passes lets sockets' close callbacks and weak callbacks run.
    await new Promise((resolve) => setImmediate(resolve))
    gc()
    const used = process.memoryUsage().heapUsed
    if (used >= previous * 0.99) return used
    previous = used
  }
  return previous
}
