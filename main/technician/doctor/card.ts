/**
 * `kiosk-config doctor card`: is the card reader working? Lists the readers (PC/SC and serial
 * ports for a SAM reader), waits for a card, and prints the identity it read — masked unless
 * --reveal — with each step's time.
 *
 *   kiosk-config doctor card [--config FILE] [--sam PATH] [--pcsc "READER"] [--timeout S] [--json] [--reveal]
 */
import { SerialPort } from 'serialport';
import { SamReader, type StepTiming } from '../../../drivers/id-card/sam-reader.js';
import type { IdentityReader } from '../../../drivers/identity-reader.js';
import { PcscCardReader } from '../../../drivers/pcsc/pcsc-reader.js';
import type { IdentityOutcome } from '../../../common/identity/identity.js';
import { maskIdentity } from '../../../common/mask.js';
import { loadConfigFile } from '../../../kiosk-config/load.js';

export const doctorCardUsage =
  'usage: kiosk-config doctor card [--config FILE] [--sam PATH] [--pcsc "READER"] [--timeout S] [--json] [--reveal]';

interface Args {
  config?: string;
  sam?: string;
  pcsc?: string;
  timeoutS: number;
  json: boolean;
  reveal: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { timeoutS: 30, json: false, reveal: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (a) {
      case '--json':
        args.json = true;
        break;
      case '--reveal':
        args.reveal = true;
        break;
      case '--sam':
      case '--pcsc':
      case '--config': {
        const v = value();
        if (!v) return `${a} needs a value`;
        args[a.slice(2) as 'sam' | 'pcsc' | 'config'] = v;
        break;
      }
      case '--timeout': {
        const n = Number(value());
        if (!Number.isFinite(n) || n <= 0 || n > 600) return '--timeout takes seconds, 1–600';
        args.timeoutS = n;
        break;
      }
      default:
        return `unknown option ${a}`;
    }
  }
  return args;
}

interface Report {
  readers: { pcsc: string[]; serial: string[] };
  source?: string;
  result?: IdentityOutcome;
  timings: { step: string; ms: number }[];
}

export async function runDoctorCard(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`${args}\n${doctorCardUsage}`);
    return 64;
  }
  const say = (s: string): void => (args.json ? undefined : out(s));
  const report: Report = { readers: { pcsc: [], serial: [] }, timings: [] };
  const timed = async <T>(step: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      report.timings.push({ step, ms: round(performance.now() - t0) });
    }
  };

  // Which readers: the flags, else the config file, else every kind we can look for.
  let sam = args.sam;
  let pcsc: string | boolean | undefined = args.pcsc;
  if (args.config && !sam && !pcsc) {
    const { config } = loadConfigFile(args.config);
    if (config.devices.idReader.adapter === 'sam-serial') sam = config.devices.idReader.path;
    if (config.devices.cardReader.adapter === 'pcsc')
      pcsc = config.devices.cardReader.reader ?? true;
  }
  const auto = !sam && pcsc === undefined;

  const readers: IdentityReader[] = [];
  try {
    report.readers.serial = await timed('list serial ports', async () =>
      (await SerialPort.list()).map((p) => p.path),
    );
    say(`serial ports: ${report.readers.serial.join(', ') || '(none)'}`);
    if (pcsc !== undefined || auto) {
      const reader = new PcscCardReader({ reader: typeof pcsc === 'string' ? pcsc : undefined });
      readers.push(reader);
      await timed('list PC/SC readers', () => settle(reader, 1500));
      report.readers.pcsc = reader.readerNames();
      say(
        `PC/SC readers: ${report.readers.pcsc.join(', ') || `(none: ${reader.status().message.en})`}`,
      );
    }
    if (sam) {
      const reader = new SamReader({ path: sam });
      readers.push(reader);
      await timed('open SAM reader', () => settle(reader, 3000));
      say(`SAM reader ${sam}: ${reader.status().message.en}`);
    }
    const usable = readers.filter((r) => r.status().state === 'ready');
    if (usable.length === 0) {
      err('no card reader is ready: check the cable, the --sam path or pcscd');
      if (args.json) out(JSON.stringify(report, null, 2));
      return 3;
    }
    say(`waiting up to ${args.timeoutS} s for a card…`);
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), args.timeoutS * 1000);
    const result = await timed('wait for card and read', () =>
      Promise.race(usable.map(async (r) => ({ r, o: await r.read(ac.signal) }))),
    ).finally(() => {
      clearTimeout(timer);
      ac.abort();
    });
    report.source = `${result.r.kind} (${result.r.status().adapter})`;
    const steps = (result.o as { steps?: StepTiming[] }).steps ?? [];
    for (const s of steps) report.timings.push({ step: `  ${s.step}`, ms: round(s.ms) });
    report.result = result.o.ok
      ? { ok: true, identity: args.reveal ? result.o.identity : maskIdentity(result.o.identity) }
      : { ok: false, fault: result.o.fault };
    if (args.reveal && result.o.ok) {
      err('WARNING: --reveal prints personal data. Do not copy it into tickets, chats or logs.');
    }
    if (args.json) out(JSON.stringify(report, null, 2));
    else {
      out(JSON.stringify(report.result, null, 2));
      for (const t of report.timings) out(`${t.step.padEnd(28)} ${t.ms} ms`);
    }
    if (!result.o.ok) {
      if (result.o.fault.code === 'cancelled') {
        err(`no card within ${args.timeoutS} s (cancelled waiting)`);
        return 4;
      }
      err(`${result.o.fault.message.en} / ${result.o.fault.message['zh-CN']}`);
      return 5;
    }
    return 0;
  } finally {
    await Promise.all(readers.map((r) => r.close()));
  }
}

/** Waits until the reader says ready (or ms pass): readers report themselves asynchronously. */
function settle(reader: IdentityReader, ms: number): Promise<void> {
  if (reader.status().state === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const stop = reader.onChange((s) => s.state === 'ready' && done());
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
