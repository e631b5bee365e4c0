// `npm test`: install what is missing (Debian packages for the rigs, node modules), build,
// then run check, unit + integration + rig tests, and browser tests. Every step runs; any
// failure makes the exit non-zero. Nothing is skipped: a suite that cannot run fails.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const { ensureNodeModules, ensurePcsclite, ensureSystemPackages } = await import('./ensure.mjs');
await ensureSystemPackages();
await ensureNodeModules();
await ensurePcsclite();
const { run } = await import('./run.mjs');

mkdirSync('test-results', { recursive: true });
const steps = [
  ['build', process.execPath, ['scripts/build.mjs']],
  ['check', 'npm', ['run', '--silent', 'check']],
  ['unit, integration and rig tests', 'npx', vitest('vitest.config.ts', 'unit')],
  ['browser tests', 'npx', vitest('vitest.e2e.config.ts', 'e2e')],
];

function vitest(config, name) {
  return [
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=test-results/${name}.json`,
  ];
}

const failed = [];
for (const [name, command, args] of steps) {
  console.log(`\n» ${name}`);
  try {
    await run(command, args);
  } catch (error) {
    console.error(`✗ ${name}: ${error.message}`);
    failed.push(name);
    if (name === 'build') break; // nothing after it can run on a broken build
  }
}

// One closing line with the real test counts from both vitest runs.
let passed = 0;
let failedTests = 0;
for (const name of ['unit', 'e2e']) {
  const file = `test-results/${name}.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failedTests += report.numFailedTests;
}
console.log(failed.length ? `\nfailed steps: ${failed.join(', ')}` : '\nall steps passed');
console.log(`tests: ${passed} passed, ${failedTests} failed`);
process.exit(failed.length ? 1 : 0);
