import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts', engine: 'src/engine/index.ts', testing: 'src/testing/index.ts' },
  format: 'esm',
  dts: true,
  platform: 'neutral',
  target: 'es2022',
})
