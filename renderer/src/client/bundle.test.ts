/**
 * The page checks every frame with the contract's frame schemas (zod/mini), but must not carry
 * the whole contract: built the way the page is built, the client holds the light schemas only.
 */
import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('bundles the frame schemas in zod/mini and none of full zod or the contract', async () => {
  const result = await build({
    entryPoints: [new URL('./index.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  expect(code).toContain('"ZodMiniObject"');
  // Full zod's classes, and a schema only the contract's calls define.
  expect(code).not.toContain('"ZodObject"');
  expect(code).not.toContain('serviceId');
  expect(code.length).toBeLessThan(60_000);
});
