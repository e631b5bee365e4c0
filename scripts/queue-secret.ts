/**
 * Secrets for the queue config: `npx tsx scripts/queue-secret.ts password` asks for a staff
 * password and prints its scrypt hash (for queue.staff[].hashedPassword);
 * `npx tsx scripts/queue-secret.ts device` prints a new device token and its SHA-256 (the
 * token goes into the kiosk's or display's hallNode.deviceToken, the hash into the hall node's
 * queue.devices[].hashedToken). Devices can also be enrolled at run time (queue.enrollDevice).
 */
import { createInterface } from 'node:readline/promises';
import { hashPassword, newToken, sha256hex } from '../main/access/auth.js';

const what = process.argv[2];
if (what === 'password') {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const password = await rl.question('password: ');
  rl.close();
  if (password.length < 8) throw new Error('use at least 8 characters');
  console.log(await hashPassword(password));
} else if (what === 'device') {
  const token = newToken();
  console.log(`token       ${token}\nhashedToken ${sha256hex(token)}`);
} else {
  console.error('usage: npx tsx scripts/queue-secret.ts password|device');
  process.exitCode = 2;
}
