import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const web = fileURLToPath(new URL('web', import.meta.url))

/**
 * Builds the two pages into dist/web, which the server serves: `/` (React) and `/vue` (Vue). Workspace
 * packages resolve from source through the `@ssehub/source` condition, so no package build is needed.
 */
export default defineConfig({
  root: web,
  base: '/',
  plugins: [react(), vue()],
  resolve: { conditions: ['@ssehub/source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: fileURLToPath(new URL('dist/web', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { input: { index: `${web}/index.html`, vue: `${web}/vue.html` } },
  },
})
