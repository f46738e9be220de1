import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Runs a test script on another runtime (in the server package's folder) and returns the one JSON line
 * it prints that starts with `{"runtime"`; rejects with the end of its output when it fails.
 */
export function runChild<Report>(binary: string, args: readonly string[]): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"runtime"'))
      if (code === 0 && line) resolve(JSON.parse(line))
      else reject(new Error(`${binary} exited ${code}: ${(out + err).slice(-3000)}`))
    })
  })
}
