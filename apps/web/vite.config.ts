import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The workbench (single-page app) is served by the server under /app. */
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The public map's enhancement script (ADR 0013) is a second entry; the server finds its hashed
    // file name in the manifest (dist/.vite/manifest.json).
    manifest: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        karte: fileURLToPath(new URL('./src/public/karte.client.ts', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      // The icon is served by the server (apps/web/src/public/favicon.ts).
      '/favicon.svg': 'http://localhost:3000',
    },
  },
});
