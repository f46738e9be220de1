import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { PostgresServer } from '../../../testing/postgresServer'
import { RedisServer } from '../../../testing/redisServer'

// The playground as a cluster: an engine (a throwaway redis-server, or PostgreSQL with
// `--engine postgres`; REDIS_URL / DATABASE_URL use yours instead) and NODES node processes (2 by
// default, ports 3000, 3001, …) sharing it. Open a tab on each port: an order created on one reaches
// the others' tabs through the engine. Each node is a process of its own, its pid printed: kill -STOP
// one, kill -9 one, or stop the engine to see writes answered honestly and the tabs resync when it is
// back. Ctrl-C drains every node and stops it all.

const engine =
  process.argv.includes('--engine=postgres') || process.argv.includes('postgres') ? 'postgres' : 'redis'
const basePort = Number(process.env.PORT ?? 3000)
const count = Number(process.env.NODES ?? 2)
const host = process.env.HOST ?? 'localhost'

let engineServer: RedisServer | PostgresServer | undefined
let engineUrl: string
if (engine === 'postgres') {
  engineServer = process.env.DATABASE_URL ? undefined : await PostgresServer.start()
  engineUrl = process.env.DATABASE_URL ?? engineServer!.url
} else {
  engineServer = process.env.REDIS_URL ? undefined : await RedisServer.start()
  engineUrl = process.env.REDIS_URL ?? engineServer!.url
}

const tsxLoader = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const nodeScript = fileURLToPath(new URL('./clusterNode.ts', import.meta.url))
const nodes: ChildProcess[] = []
for (let i = 0; i < count; i++) {
  const port = basePort + i
  const child = spawn(process.execPath, ['--import', tsxLoader, '--conditions=@ssehub/source', nodeScript], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: host,
      PLAYGROUND_ENGINE: engine,
      [engine === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL']: engineUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  nodes.push(child)
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', function untilListening(chunk: Buffer) {
      if (!chunk.toString().includes('listening')) return
      child.stdout!.off('data', untilListening)
      child.stdout!.pipe(process.stdout)
      resolve()
    })
    child.once('exit', (code) => reject(new Error(`node on port ${port} exited with ${code}`)))
  })
  console.log(`  node ${i + 1}: http://localhost:${port}  (pid ${child.pid})`)
}
console.log(`ssehub playground cluster on ${engine} (${engineUrl}), ${count} node processes.`)
console.log('Open a tab on each and create an order in one: the others hear of it through the engine.')

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await Promise.all(
      nodes.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined)
            child.once('exit', resolve)
            child.kill('SIGTERM')
          }),
      ),
    )
    await engineServer?.destroy()
    process.exit(0)
  })
}
// Never leave a node behind, however this process ends.
process.once('exit', () => {
  for (const child of nodes) child.kill('SIGKILL')
})
