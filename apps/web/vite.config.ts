import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The server answers every /app/* path with index.html and serves the icon from dist at /favicon.svg,
 * so the built page must point there instead of /app/favicon.svg.
 */
const faviconAtRoot: Plugin = {
  name: 'dkbm-favicon-at-root',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) => html.replace('href="/app/favicon.svg"', 'href="/favicon.svg"'),
  },
};

/** The workbench (single-page app) is served by the server under /app. */
export default defineConfig({
  base: '/app/',
  plugins: [react(), faviconAtRoot],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
