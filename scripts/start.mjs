// `npm start`: install what is missing, build, and run the kiosk in demo mode — the Electron
// kiosk window where its binary is installed, otherwise the headless host on 127.0.0.1.
import { spawn } from 'node:child_process';

const { ensureNodeModules, tryInstallElectron, electronBinary } = await import('./ensure.mjs');
await ensureNodeModules();
tryInstallElectron();
const { run } = await import('./run.mjs');
console.log('» building…');
await run(process.execPath, ['scripts/build.mjs']);

const passThrough = process.argv.slice(2);
const electron = electronBinary();
// From `npm start` the Electron window is a normal, closable window (--dev): a locked,
// full-screen kiosk is for installed machines, started by their autostart entry.
const [command, args] = electron
  ? [electron, ['.', '--dev', ...passThrough]]
  : [process.execPath, ['dist/main/host/cli.js', ...passThrough]];
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
