import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { signedIn } from './support/startPlayground'

const playgroundDir = fileURLToPath(new URL('..', import.meta.url))
let child: ChildProcess | undefined
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
})

describe('Ctrl-C on the playground server (src/server.ts)', () => {
  it('drains every stream even when the signal arrives twice, as under pnpm and tsx, then exits 0', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ssehub/source', 'src/server.ts'], {
      cwd: playgroundDir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    const port = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = /http:\/\/localhost:(\d+)/.exec(output)
        if (match?.[1]) resolve(match[1])
      }
      child?.stdout?.on('data', check)
      child?.once('exit', () => reject(new Error(`the server exited: ${output}`)))
    })
    const url = `http://127.0.0.1:${port}`
    const { token } = await signedIn(url, 't1')
    const response = await fetch(`${url}/events?topics=orders`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while (!text.includes('event: connected')) text += (await reader.read()).value ?? ''

    // One Ctrl-C: the terminal signals the whole group, and pnpm and tsx relay it again.
    child.kill('SIGINT')
    child.kill('SIGINT')
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      text += value
    }
    expect(text).toMatch(/event: drain\ndata: \{"reconnectInMs":\d+\}/)
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(output).toContain('drained')
  })
})
