#!/usr/bin/env node
// `npx kiosk-config …`: the built CLI when there is one, otherwise the source through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../../dist/main/technician/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./main.ts', import.meta.url).href);
}
