import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code (`*.test.ts`); device rigs and their smoke
// tests under test/. Browser tests have their own config (vitest.e2e.config.ts). The Svelte
// plugin compiles the renderer's `.svelte.ts` state classes (runes) for their unit tests.
export default defineConfig({
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
  test: {
    include: [
      'common/**/*.test.ts',
      'main/**/*.test.ts',
      'renderer/**/*.test.ts',
      'drivers/**/*.test.ts',
      'kiosk-config/**/*.test.ts',
      'platform/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'dist/**', 'test/e2e/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    passWithNoTests: false,
  },
});
