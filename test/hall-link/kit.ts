/**
 * A hall node and member machines for the hall-link tests: real cores, the hall node's real
 * LAN server on a fixed port (so it can be stopped and started again at the same address),
 * members configured with its URL and device tokens, printers on the TCP emulator.
 */
import { startDemoPlatform } from '../../main/demo/platform.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startCore, type Core } from '../../main/core/core.js';
import { paths } from '../../main/paths.js';
import { startLanServer, type LanServer } from '../../main/server/lan-server.js';
import { serveIpc } from '../../main/transport/ipc.js';
import type { EventName } from '../../common/contract/contract.js';
import { ipcChannels } from '../../common/contract/names.js';
import { hallConfig, type Json } from '../queue/hall.js';
import { pairedIpc } from '../support/fake-ipc.js';

export { passwords, tokens } from '../queue/hall.js';

const quiet = () => new Writable({ write: (_c, _e, done) => done() });

function tempConfig(config: object): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hall-link-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return { dir, file };
}

export interface HallNode {
  core: Core;
  url: string;
  /** The hall node goes away (server and core closed); its data stays. */
  stop(): Promise<void>;
  /** Back at the same address, on the same data. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startHallNode(
  mode: 'demo' | 'production' = 'production',
  queue: object = {},
): Promise<HallNode> {
  const { dir, file } = tempConfig(hallConfig(mode, queue));
  let running: { core: Core; server: LanServer } | null = null;
  let port = 0;
  const up = async () => {
    const core = await startCore({
      configFile: file,
      dataDir: dir,
      runtime: 'node',
      demoPlatform: startDemoPlatform,
      logDestination: quiet(),
    });
    const server = await startLanServer(core, {
      host: '127.0.0.1',
      port,
      rendererDir: paths.rendererDir,
    });
    port = server.port;
    running = { core, server };
  };
  await up();
  const node: HallNode = {
    get core() {
      return running!.core;
    },
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (!running) return;
      await running.server.close();
      await running.core.close();
      running = null;
    },
    start: up,
    async dispose() {
      await node.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return node;
}

export interface Member {
  core: Core;
  dataDir: string;
  /** A call from this machine's own window, over the IPC transport (staff sign-ins bind to it). */
  call(method: string, params?: unknown): Promise<{ ok: boolean; result?: Json; error?: Json }>;
  /** Events this machine's bus published, oldest first. */
  events: { event: EventName; data: Json }[];
  /** Events sent to this machine's own window alone (not through the bus), oldest first. */
  windowEvents: { event: string; data: Json }[];
  /** Resolves with the next bus event that matches. */
  next(match: (event: EventName, data: Json) => boolean, timeoutMs?: number): Promise<Json>;
  /** This machine restarts (the app is closed and started again) on the same data. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export interface MemberOptions {
  role: 'kiosk' | 'counter' | 'display';
  hallUrl: string;
  token: string;
  /** The printer as a YAML-ish object (default none). */
  printer?: object;
  /** This machine's hall.id (default the hall node's, test-hall). */
  hallId?: string;
}

export async function startMember(options: MemberOptions): Promise<Member> {
  const { dir, file } = tempConfig({
    role: options.role,
    mode: 'production',
    hall: { id: options.hallId ?? 'test-hall', name: { 'zh-CN': '测试大厅', en: 'Test hall' } },
    hallNode: { url: options.hallUrl, deviceToken: options.token },
    devices: {
      // A kiosk reads residents' cards (simulated at the device boundary); a display does not.
      idReader: { adapter: options.role === 'kiosk' ? 'simulated' : 'none' },
      cardReader: { adapter: 'none' },
      printer: options.printer ?? { adapter: 'none' },
    },
  });
  const events: Member['events'] = [];
  const windowEvents: Member['windowEvents'] = [];
  const waiters: { match: (e: EventName, d: Json) => boolean; resolve: (d: Json) => void }[] = [];
  const boot = async () => {
    const core = await startCore({
      configFile: file,
      dataDir: dir,
      runtime: 'node',
      demoPlatform: startDemoPlatform,
      logDestination: quiet(),
    });
    const ipc = pairedIpc({ url: 'app://kiosk/index.html', parent: null });
    const ipcServer = serveIpc(ipc.ipcMain, core, { isTrustedFrame: () => true });
    ipc.ipcRenderer.on(ipcChannels.event, (_e, event, data) =>
      windowEvents.push({ event: event as string, data: data as Json }),
    );
    const stopBus = core.bus.subscribe((event, data) => {
      events.push({ event, data });
      const w = waiters.find((x) => x.match(event, data));
      if (w) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(data);
      }
    });
    return {
      core,
      ipc,
      async close() {
        stopBus();
        ipcServer.close();
        await core.close();
      },
    };
  };
  let running = await boot();
  const member: Member = {
    get core() {
      return running.core;
    },
    dataDir: dir,
    events,
    windowEvents,
    call: (method, params = {}) =>
      running.ipc.ipcRenderer.invoke(ipcChannels.call, method, params) as never,
    next: (match, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching event in time')), timeoutMs);
        waiters.push({ match, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      }),
    async restart() {
      await running.close();
      running = await boot();
    },
    async dispose() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return member;
}

/** The printer emulator over TCP as a member's printer config. */
export const tcpPrinter = (port: number, replyTimeoutMs = 300) => ({
  adapter: 'tcp',
  host: '127.0.0.1',
  port,
  replyTimeoutMs,
  confirmDelayMs: 0,
  pollSeconds: 1,
});
