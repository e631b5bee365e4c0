// `npm run bench`: build, then run every bench/*.bench.ts and print its table.
import { readdirSync } from 'node:fs';
import { ensureNodeModules } from './ensure.mjs';
import { run } from './run.mjs';

await ensureNodeModules();
await run(process.execPath, ['scripts/build.mjs']);
let failed = false;
for (const file of readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  try {
    await run('npx', ['tsx', `bench/${file}`]);
  } catch (error) {
    console.error(`✗ ${file}: ${error.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
