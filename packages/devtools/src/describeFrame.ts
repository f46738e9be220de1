/** Where a frame went through the hub: its lane, or `none` for the stream's own bookkeeping. */
export type FrameLane = 'instant' | 'batched' | 'coalesced' | 'none' | 'unknown'

/** One domain change a frame is about, as the binders read it. */
export interface FrameItem {
  resource: string
  id?: string | number
}

/** What the panel can tell about a frame from its type and data; see {@link describeFrame}. */
export interface FrameDescription {
  /** The topics the hub published it to, as far as the protocol implies them (`orders`, `orders.ord_1`). */
  topics: string[]
  lane: FrameLane
  /** The domain changes it carries (an `invalidate`, each item of a `batch`, …): what binders act on. */
  items: FrameItem[]
  /** The data's size in UTF-8 bytes; `approximate` above {@link EXACT_SIZE_LIMIT} characters. */
  bytes: number
  approximate: boolean
}

/** Up to this many characters the size is counted exactly, and the data is parsed for topics. */
export const EXACT_SIZE_LIMIT = 64 * 1024

/** The protocol's lanes: fixed per type (DESIGN §3). Events of your own types go where `publish` put them. */
const protocolLanes: Record<string, FrameLane> = {
  invalidate: 'instant',
  batch: 'instant',
  complete: 'instant',
  resync: 'instant',
  drain: 'instant',
  progress: 'coalesced',
  signal: 'coalesced',
  connected: 'none',
  cursor: 'none',
}

/**
 * Tells a frame's topics, lane, items and size from its type and raw data. The wire carries neither
 * topics nor lane, so they are what the protocol implies: `invalidate('orders', { id })` goes to `orders`
 * and `orders.<id>` on the instant lane, `progress` is coalesced, and so on. For events of your own types
 * the lane is `unknown` and the topics are not known. Data over {@link EXACT_SIZE_LIMIT} characters is not
 * parsed: a hostile 1 MB payload costs a length read, not a parse.
 */
export function describeFrame(type: string, data: string): FrameDescription {
  const approximate = data.length > EXACT_SIZE_LIMIT
  const bytes = approximate ? data.length : utf8Length(data)
  const lane = protocolLanes[type] ?? 'unknown'
  const items = approximate ? [] : itemsOf(type, data)
  const topics: string[] = []
  for (const item of items) {
    if (!topics.includes(item.resource)) topics.push(item.resource)
    if (item.id !== undefined && type !== 'signal') {
      const topic = `${item.resource}.${item.id}`
      if (!topics.includes(topic)) topics.push(topic)
    }
  }
  if (type === 'signal' && !approximate) {
    const topic = field(parse(data), 'topic')
    if (typeof topic === 'string') topics.splice(0, topics.length, topic)
  }
  return { topics, lane, items, bytes, approximate }
}

/** The domain changes in a frame, with the same rules as the binders' `listenForInvalidations`. */
function itemsOf(type: string, data: string): FrameItem[] {
  if (type === 'invalidate' || type === 'complete' || type === 'progress') return item(parse(data))
  if (type === 'batch') {
    const list = parse(data)
    return Array.isArray(list) ? list.flatMap(item) : []
  }
  if (type === 'signal') {
    const topic = field(parse(data), 'topic')
    if (typeof topic !== 'string') return []
    const [resource = topic, id] = topic.split('.')
    return [id === undefined ? { resource } : { resource, id }]
  }
  return []
}

function item(value: unknown): FrameItem[] {
  const resource = field(value, 'resource')
  if (typeof resource !== 'string' || resource === '') return []
  const id = field(value, 'id')
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))
    ? [{ resource, id }]
    : [{ resource }]
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return undefined
  }
}

/** UTF-8 length without allocating the encoded bytes. */
function utf8Length(text: string): number {
  let bytes = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4
      index++
    } else bytes += 3
  }
  return bytes
}
