/** @type {import('next').NextConfig} */
export default {
  // The example lives in a pnpm workspace: trace files from the repository root.
  outputFileTracingRoot: new URL('../..', import.meta.url).pathname,
}
