import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The workbench (single-page app) is served by the server under /app. */
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      // The icon is served by the server (apps/web/src/public/favicon.ts).
      '/favicon.svg': 'http://localhost:3000',
    },
  },
});
