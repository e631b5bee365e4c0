import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// The renderer: one page, hash-routed (#/, #/counter, #/display, #/technician).
// `base: './'` keeps every asset URL relative, so the same build loads from app://kiosk/ in
// Electron and from http://<hall-node>/ on the LAN.
export default defineConfig({
  root: here('./renderer'),
  base: './',
  // Keep vite's cache with the project's node_modules, not in a renderer/node_modules of its own.
  cacheDir: here('./node_modules/.vite'),
  plugins: [svelte({ configFile: here('./svelte.config.js') })],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    // Kiosk panels run a recent Chromium (Electron or Debian's); no legacy transpiling.
    target: 'chrome120',
    // Never inline assets as data: URLs: under the host's CSP a data: font (font-src falls back
    // to default-src 'self') would be blocked. Files from 'self' always load.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  // Renderer unit tests (the resident-session wipe, the keypad, the WebSocket client) need the
  // Svelte compiler for `.svelte.ts` runes, so they run under this config:
  //   npx vitest run --config vite.config.ts
  test: {
    root: here('./renderer'),
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
