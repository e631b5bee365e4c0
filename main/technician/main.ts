/** Entry point of `npx kiosk-config`. */
import { runCli } from './cli.js';

process.exitCode = await runCli(
  process.argv.slice(2),
  (s) => console.log(s),
  (s) => console.error(s),
);
