import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// In development Vite serves the page and sends the API and the event stream to the Hono server.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000', '/events': 'http://localhost:3000' },
  },
})
