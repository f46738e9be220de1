import { describe, expect, it } from 'vitest'
import type { PublishInput } from './messages'
import { consumeInto } from './publishFrom'

/** A source like a LISTEN: it waits for notifications that never come, and ends only when aborted. */
function waitingSource(log: string[]) {
  return async function* listen(signal: AbortSignal): AsyncGenerator<string> {
    log.push('listening')
    try {
      yield 'first'
      await new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true })
      })
    } finally {
      log.push('unlistened')
    }
  }
}

function recorder() {
  const published: PublishInput[] = []
  const errors: unknown[] = []
  return {
    published,
    errors,
    publish: async (input: PublishInput) => {
      published.push(input)
      return String(published.length)
    },
    report: (error: unknown) => errors.push(error),
  }
}

const toEvent = (item: string): PublishInput => ({ type: 'note', topics: 'notes', data: item })

describe('consumeInto', () => {
  it('ends a source that waits for its next item when stopped, running its cleanup', async () => {
    const log: string[] = []
    const { published, errors, publish, report } = recorder()
    const { stop, done } = consumeInto(waitingSource(log), toEvent, publish, report)
    await expect.poll(() => published.length).toBe(1)
    stop()
    await done
    expect(log).toEqual(['listening', 'unlistened'])
    expect(errors).toEqual([])
  })

  it('hands the source one signal, aborted once however often stop is called', async () => {
    let given: AbortSignal | undefined
    const { stop, done } = consumeInto(
      (signal) => {
        given = signal
        return waitingSource([])(signal)
      },
      toEvent,
      recorder().publish,
      () => {},
    )
    expect(given?.aborted).toBe(false)
    stop()
    stop()
    await done
    expect(given?.aborted).toBe(true)
  })

  it('still reads a plain iterable: skips nulls, reports a bad item and goes on, reports the source’s end', async () => {
    async function* items() {
      yield 'a'
      yield 'skip'
      yield 'bad'
      yield 'b'
      throw new Error('connection lost')
    }
    const { published, errors, publish, report } = recorder()
    const { done } = consumeInto(
      items(),
      (item) => {
        if (item === 'bad') throw new Error('unmappable')
        return item === 'skip' ? null : toEvent(item)
      },
      publish,
      report,
    )
    await done
    expect(published.map((input) => input.data)).toEqual(['a', 'b'])
    expect(errors.map((error) => (error as Error).message)).toEqual(['unmappable', 'connection lost'])
  })

  it('reports a source function that throws, and settles', async () => {
    const { errors, publish, report } = recorder()
    const { done } = consumeInto(
      () => {
        throw new Error('no connection string')
      },
      toEvent,
      publish,
      report,
    )
    await done
    expect(errors.map((error) => (error as Error).message)).toEqual(['no connection string'])
  })
})
