import { readFileSync } from 'node:fs'

/**
 * Prints where a `--cpu-prof` profile spent its time: self time per function and per file, top first.
 * Usage: tsx src/tools/summarizeProfile.ts profiles/CPU.….cpuprofile [top]
 */
interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, top = '30'] = process.argv.slice(2)
if (!file) throw new Error('usage: summarizeProfile <file.cpuprofile> [top]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const byFunction = new Map<string, number>()
const byFile = new Map<string, number>()
let totalUs = 0
profile.samples.forEach((id, i) => {
  const deltaUs = profile.timeDeltas[i] ?? 0
  const frame = byId.get(id)?.callFrame
  if (!frame) return
  totalUs += deltaUs
  const url = frame.url
    .replace(/^.*\/(node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?)/, '')
    .replace(/^file:\/\/.*\/work\/main\//, '')
  const name = `${frame.functionName || '(anonymous)'}  ${url}:${frame.lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + deltaUs)
  byFile.set(url || '(native)', (byFile.get(url || '(native)') ?? 0) + deltaUs)
})
const print = (title: string, rows: Map<string, number>) => {
  console.log(`\n${title} (total ${(totalUs / 1000).toFixed(0)} ms)`)
  for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${name}`)
}
print('self time by function', byFunction)
print('self time by file', byFile)
