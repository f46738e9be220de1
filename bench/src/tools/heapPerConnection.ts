import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type ServerName, ServerProcess } from '../fanout/ServerProcess'
import { SseClients } from '../loadgen/SseClients'

/**
 * Where a server's bytes per connection go: heap snapshots (after GC) before and after opening N idle
 * streams, diffed by constructor. Usage: tsx src/tools/heapPerConnection.ts ssehub [connections]
 */
const [name = 'ssehub', countArg = '2000'] = process.argv.slice(2)
const connections = Number(countArg)
const dir = fileURLToPath(new URL('../../profiles', import.meta.url))
const server = await ServerProcess.start(name as ServerName)
const clients = new SseClients(server.port, '/events?topics=orders')
try {
  await new Promise((resolve) => setTimeout(resolve, 300))
  const before = await server.heapSnapshot(`${dir}/before-${name.replace(/\W+/g, '_')}.heapsnapshot`)
  await clients.open(connections)
  while ((await server.usage()).connections < connections) await new Promise((r) => setTimeout(r, 50))
  const after = await server.heapSnapshot(`${dir}/after-${name.replace(/\W+/g, '_')}.heapsnapshot`)
  const a = sizesByConstructor(before.file)
  const b = sizesByConstructor(after.file)
  const rows = [...b].map(([key, [bytes, count]]) => {
    const [beforeBytes = 0, beforeCount = 0] = a.get(key) ?? []
    return { key, bytes: (bytes - beforeBytes) / connections, count: (count - beforeCount) / connections }
  })
  rows.sort((x, y) => y.bytes - x.bytes)
  const total = rows.reduce((sum, row) => sum + row.bytes, 0)
  console.log(`${name}: ${total.toFixed(0)} heap bytes per connection (self sizes), top constructors:`)
  for (const row of rows.slice(0, 40))
    console.log(`${row.bytes.toFixed(0).padStart(7)} B  ${row.count.toFixed(2).padStart(6)} ×  ${row.key}`)
} finally {
  clients.destroyAll()
  await server.stop()
}

/** Self size and count per (node type, constructor name) in a V8 heap snapshot. */
function sizesByConstructor(file: string): Map<string, [number, number]> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'))
  const fields: string[] = snapshot.snapshot.meta.node_fields
  const types: string[] = snapshot.snapshot.meta.node_types[0]
  const stride = fields.length
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ]
  const nodes: number[] = snapshot.nodes
  const strings: string[] = snapshot.strings
  const totals = new Map<string, [number, number]>()
  for (let i = 0; i < nodes.length; i += stride) {
    const type = types[nodes[i + typeAt]!]!
    const label = type === 'object' || type === 'closure' ? strings[nodes[i + nameAt]!]! : `(${type})`
    const key = `${type === 'closure' ? 'closure ' : ''}${label.slice(0, 80)}`
    const entry = totals.get(key) ?? [0, 0]
    entry[0] += nodes[i + sizeAt]!
    entry[1] += 1
    totals.set(key, entry)
  }
  return totals
}
