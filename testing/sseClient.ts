/**
 * A fetch-based SSE client for tests that run on any runtime (Node, Bun, Deno) and against any server
 * (a hub on `@hono/node-server`, `Bun.serve`, `Deno.serve`, workerd): only `fetch`, web streams and
 * `TextDecoder`. It records the status, the headers and every frame, and can stall (stop reading) or
 * leave (abort) like a real client.
 */

/** One parsed SSE frame, or a comment. */
export interface SseFrame {
  id?: string
  event?: string
  data?: string
  retry?: number
  comment?: string
}

/** Parses SSE text into frames; returns the frames and the unparsed rest. */
export function parseSseFrames(text: string): { frames: SseFrame[]; rest: string } {
  const frames: SseFrame[] = []
  const blocks = text.split('\n\n')
  const rest = blocks.pop() ?? ''
  for (const block of blocks) {
    const frame: SseFrame = {}
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) frame.comment = line.slice(1).trim()
      else if (line.startsWith('id: ')) frame.id = line.slice(4)
      else if (line.startsWith('event: ')) frame.event = line.slice(7)
      else if (line.startsWith('data: ')) data.push(line.slice(6))
      else if (line.startsWith('retry: ')) frame.retry = Number(line.slice(7))
    }
    if (data.length > 0) frame.data = data.join('\n')
    frames.push(frame)
  }
  return { frames, rest }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `check` every 10 ms until it holds (`true`) or `timeoutMs` passes (`false`). */
export async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) return false
    await sleep(10)
  }
  return true
}

/** A client reading one stream. */
export interface SseClient {
  /** The HTTP status, once the head has arrived (`undefined` before, and when the request failed). */
  readonly status: number | undefined
  readonly headers: Headers | undefined
  /** The JSON error code of a refused request. */
  readonly code: string | undefined
  readonly frames: SseFrame[]
  /** Events other than comments and cursors, data parsed. */
  readonly events: Array<{ id?: string; event: string; data: unknown }>
  /** Whether the response ended (by the server, an error, or `abort`). */
  readonly ended: boolean
  /** The id a reconnect would send: the last `id:` field seen. */
  readonly lastEventId: string | undefined
  /** Resolves when a stream's head arrived, or a refusal's body was read, or the request failed. */
  readonly ready: Promise<void>
  /** Resolves when the response has ended (or the request failed). */
  readonly finished: Promise<void>
  /** Waits until `check(frames)` holds; throws with what was seen after `timeoutMs`. */
  until(check: (frames: SseFrame[]) => boolean, timeoutMs?: number): Promise<void>
  /** Waits for `count` frames of `event`. */
  untilEvent(event: string, count?: number, timeoutMs?: number): Promise<void>
  /** Stops reading: a stalled reader, whose bytes pile up in the network and then at the server. */
  stall(): void
  /** Reads again after `stall()`. */
  resume(): void
  /** Leaves, as a closed tab does. */
  abort(): void
}

/** Opens `url` as an event stream. */
export function openSse(url: string, headers: Record<string, string> = {}): SseClient {
  const controller = new AbortController()
  const frames: SseFrame[] = []
  let status: number | undefined
  let responseHeaders: Headers | undefined
  let code: string | undefined
  let ended = false
  let stalled = false
  let wakeReader: (() => void) | undefined
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  let headArrived!: () => void
  const head = new Promise<void>((resolve) => {
    headArrived = resolve
  })
  const finished = (async () => {
    try {
      const response = await fetch(url, {
        headers: { accept: 'text/event-stream', ...headers },
        signal: controller.signal,
      })
      status = response.status
      responseHeaders = response.headers
      if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
        const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } }
        code = body.error?.code
        ended = true
        return
      }
      headArrived()
      return read(response.body!)
    } catch {
      ended = true
    }
  })()

  async function read(body: ReadableStream<Uint8Array>): Promise<void> {
    reader = body.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for (;;) {
        while (stalled) await new Promise<void>((resolve) => (wakeReader = resolve))
        const { done, value } = await reader.read()
        if (done) break
        const parsed = parseSseFrames(buffer + decoder.decode(value, { stream: true }))
        buffer = parsed.rest
        frames.push(...parsed.frames)
      }
    } catch {
      // aborted, or the server cut the stream
    } finally {
      ended = true
    }
  }

  const client: SseClient = {
    get status() {
      return status
    },
    get headers() {
      return responseHeaders
    },
    get code() {
      return code
    },
    frames,
    get events() {
      return frames
        .filter((f) => f.comment === undefined && f.event !== undefined && f.event !== 'cursor')
        .map((f) => ({
          id: f.id,
          event: f.event as string,
          data: f.data === undefined ? undefined : JSON.parse(f.data),
        }))
    },
    get ended() {
      return ended
    },
    get lastEventId() {
      return frames.findLast((f) => f.id !== undefined)?.id
    },
    ready: Promise.race([head, finished]),
    finished,
    async until(check, timeoutMs = 10_000) {
      if (!(await eventually(() => check(frames), timeoutMs))) {
        throw new Error(
          `timed out (status ${status}, ended ${ended}); frames: ${JSON.stringify(frames).slice(0, 1500)}`,
        )
      }
    },
    untilEvent(event, count = 1, timeoutMs) {
      return client.until((all) => all.filter((f) => f.event === event).length >= count, timeoutMs)
    },
    stall() {
      stalled = true
    },
    resume() {
      stalled = false
      wakeReader?.()
    },
    abort() {
      controller.abort()
      // Deno's fetch may keep the connection of an aborted response open: cancelling the body closes it.
      reader?.cancel().catch(() => {})
      ended = true
    },
  }
  return client
}

/** Opens a stream and waits for its `connected` frame (or its refusal). */
export async function connectSse(url: string, headers?: Record<string, string>): Promise<SseClient> {
  const client = openSse(url, headers)
  await client.ready
  if (client.status === 200) await client.untilEvent('connected')
  return client
}
