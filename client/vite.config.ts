import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './precompress.js'

export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  // No source maps: everything in dist/ is public, and 4.8 MB of maps helped nobody but readers
  // of our source (the dev server has its own).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
})
