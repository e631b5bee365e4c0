// `kiosk-config doctor card` against the rigs: a SAM emulator on a socat pty (real serialport)
// and a virtual social-security card in pcscd + vpcd (real pcsclite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoResidents } from '../../../drivers/id-card/demo-residents.js';
import { startPcscd, type PcscRig } from '../../../test/rig/pcscd.js';
import { useRigSocket } from '../../../test/rig/pcsc-client.js';
import { SamEmulator } from '../../../test/rig/sam-emulator.js';
import { openPtyPair, type PtyPair } from '../../../test/rig/socat.js';
import { ssseCard, SSSE_ATR } from '../../../test/rig/ssse-card.js';
import { VirtualCard } from '../../../test/rig/vpcd-card.js';
import { runDoctorCard } from './card.js';

let pair: PtyPair;
let emu: SamEmulator;
let rig: PcscRig;

beforeAll(async () => {
  pair = await openPtyPair();
  emu = await SamEmulator.open(pair.b);
  rig = await startPcscd({ basePort: 'auto' });
  useRigSocket(rig);
});

afterAll(async () => {
  await emu?.close();
  await pair?.stop();
  await rig?.stop();
});

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDoctorCard(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('doctor card', () => {
  it('reads the SAM emulator and prints the identity masked, with step timings (--json)', async () => {
    emu.card = demoResidents.elder;
    const r = await run(['--sam', pair.a, '--json', '--timeout', '5']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.result.identity).toMatchObject({
      idNumber: '1101**********002X',
      name: '张**',
      birthDate: '1949-**-**',
    });
    expect(r.out).not.toContain('11010519491231002X');
    expect(report.timings.map((t: { step: string }) => t.step.trim())).toEqual(
      expect.arrayContaining([
        'open SAM reader',
        'wait for card and read',
        'select',
        'read',
        'decode',
      ]),
    );
    expect(report.source).toContain('sam-serial');
  });

  it('--reveal prints the full identity with a warning', async () => {
    emu.card = demoResidents.elder;
    const r = await run(['--sam', pair.a, '--reveal', '--timeout', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('11010519491231002X');
    expect(r.err).toContain('WARNING: --reveal');
  });

  it('reads a social-security card on the named PC/SC reader and lists it', async () => {
    const card = new VirtualCard({
      atr: SSSE_ATR,
      port: rig.ports[0],
      respond: ssseCard({
        cardNumber: 'A12345678',
        issueDate: '20200115',
        expiry: '20300115',
        idNumber: '11010519491231002X',
        name: '张桂英',
        sex: '2',
        nation: '01',
        birthDate: '19491231',
      }),
    });
    await card.insert();
    try {
      const r = await run(['--pcsc', 'Virtual PCD 00 00', '--json', '--timeout', '5']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.readers.pcsc).toEqual(['Virtual PCD 00 00']);
      expect(report.result.identity).toMatchObject({
        source: 'social-security-card',
        name: '张**',
      });
    } finally {
      await card.remove();
    }
  });

  it('says clearly when the card is refused, and when nothing comes in time', async () => {
    emu.card = demoResidents.expired;
    const expired = await run(['--sam', pair.a, '--timeout', '5']);
    expect(expired.code).toBe(5);
    expect(expired.err).toContain('expired');
    emu.card = null;
    const none = await run(['--sam', pair.a, '--timeout', '1']);
    expect(none.code).toBe(4);
    expect(none.err).toContain('no card within 1 s');
  });

  it('refuses a bad option and a reader that is not there', async () => {
    expect((await run(['--timeout', 'soon'])).code).toBe(64);
    const missing = await run(['--sam', '/nonexistent/tty', '--timeout', '1']);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('no card reader is ready');
  });
});
