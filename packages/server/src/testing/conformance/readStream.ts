import { fail } from './support'

/** One SSE frame as the suite reads it. */
export interface SseFrame {
  id?: string
  event?: string
  data?: string
}

/**
 * Reads the frames of an SSE response until `connected` (the end of the opening: replay or `resync`,
 * then `connected`), then lets the stream go. Fails after `timeoutMs`.
 */
export async function readOpening(
  response: Response,
  abort: AbortController,
  timeoutMs = 15_000,
): Promise<SseFrame[]> {
  if (response.status !== 200 || !response.body)
    fail(`the stream answered ${response.status}: ${await response.text()}`)
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const frames: SseFrame[] = []
  let buffer = ''
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  try {
    while (!frames.some((frame) => frame.event === 'connected')) {
      const { done, value } = await reader.read()
      if (done) fail(`the stream ended before connected: ${JSON.stringify(frames)}`)
      buffer += decoder.decode(value, { stream: true })
      const blocks = buffer.split('\n\n')
      buffer = blocks.pop() ?? ''
      for (const block of blocks) frames.push(parseFrame(block))
    }
    return frames
  } catch (error) {
    if (abort.signal.aborted) fail(`no connected frame within ${timeoutMs} ms: ${JSON.stringify(frames)}`)
    throw error
  } finally {
    clearTimeout(timer)
    abort.abort()
    await reader.cancel().catch(() => {})
  }
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = {}
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) frame.id = line.slice(4)
    else if (line.startsWith('event: ')) frame.event = line.slice(7)
    else if (line.startsWith('data: ')) data.push(line.slice(6))
  }
  if (data.length > 0) frame.data = data.join('\n')
  return frame
}
