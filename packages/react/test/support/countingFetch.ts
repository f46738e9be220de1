/** One request `countingFetch` answered. */
export interface RecordedRequest {
  url: string
  signal: AbortSignal | undefined
}

/**
 * A `fetch` for `createEventStream` that answers every request with an SSE stream that stays open, and
 * records the requests: how many connections were opened, and which are still open.
 */
export function countingFetch() {
  const requests: RecordedRequest[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal ?? undefined
    requests.push({ url: String(input), signal })
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener('abort', () => controller.error(signal.reason))
      },
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  }
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    open: () => requests.filter((request) => !request.signal?.aborted),
  }
}
