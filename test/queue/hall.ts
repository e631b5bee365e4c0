/**
 * A production-mode hall node for queue tests: real core, real LAN server on a free port,
 * a config with staff, devices and two services; restartable on the same data directory.
 */
import { startDemoPlatform } from '../../main/demo/platform.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { demoQueueAccounts } from '../../kiosk-config/queue.js';
import { startCore, type Core } from '../../main/core/core.js';
import { paths } from '../../main/paths.js';
import { startLanServer, type LanServer } from '../../main/server/lan-server.js';

/** A reply body as the tests read it: any JSON, checked by the assertions themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked by expect()
export type Json = any;

export const tokens = { kiosk: 'demo-kiosk-token-0001', display: 'demo-display-token-0001' };
export const passwords = { staff: 'demo-staff-1', manager: 'demo-manager-1', tech: 'demo-tech-1' };

export function hallConfig(mode: 'demo' | 'production' = 'production', queue: object = {}) {
  return {
    mode,
    hall: { id: 'test-hall', name: { 'zh-CN': '测试大厅', en: 'Test hall' } },
    // Every client of a test shares one address (loopback), where a hall has one per machine:
    // the per-address limits are set apart here and tested in test/server/lan-limits.test.ts.
    lan: {
      maxConnectionsPerAddress: 1000,
      ratePerAddress: { perSecond: 10_000, burst: 10_000 },
    },
    queue: {
      ...demoQueueAccounts,
      recall: { cooldownSeconds: 0, max: 3 },
      noShowAfterRecalls: 2,
      rateLimit: { perSecond: 200, burst: 400 },
      ...queue,
    },
  };
}

export interface TestHall {
  core: Core;
  server: LanServer;
  url: string;
  ws: string;
  dataDir: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHall(config: object = hallConfig(), port = 0): Promise<TestHall> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-queue-'));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const quiet = new Writable({ write: (_c, _e, done) => done() });
  const up = async (p: number) => {
    const core = await startCore({
      configFile,
      dataDir,
      runtime: 'node',
      logDestination: quiet,
      demoPlatform: startDemoPlatform,
    });
    const server = await startLanServer(core, {
      host: '127.0.0.1',
      port: p,
      rendererDir: paths.rendererDir,
    });
    return { core, server };
  };
  let running = await up(port);
  const hall: TestHall = {
    ...running,
    url: running.server.url,
    ws: `${running.server.url.replace('http', 'ws')}/ws`,
    dataDir,
    async restart() {
      const samePort = running.server.port;
      await running.server.close();
      await running.core.close();
      running = await up(samePort);
      hall.core = running.core;
      hall.server = running.server;
    },
    async stop() {
      await running.server.close();
      await running.core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return hall;
}

/** POST /api/<method> with an optional bearer token; returns status and JSON body. */
export async function post(
  hall: TestHall,
  method: string,
  params: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, Json> }> {
  const send = () =>
    fetch(`${hall.url}/api/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: typeof params === 'string' ? params : JSON.stringify(params),
    });
  // A kept-alive connection to a hall node that restarted is closed under us: retry once,
  // as any client would.
  const res = await send().catch(() => send());
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, Json> };
}

export async function login(hall: TestHall, counterId: string, staffId = 'demo-staff') {
  const password =
    staffId === 'demo-manager'
      ? passwords.manager
      : staffId === 'demo-tech'
        ? passwords.tech
        : passwords.staff;
  const r = await post(hall, 'queue.login', { counterId, staffId, password });
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.result.token as string;
}
