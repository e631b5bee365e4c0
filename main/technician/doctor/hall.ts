/**
 * `kiosk-config doctor hall`: can this member machine (kiosk, counter, display) use its hall
 * node? Asks the address in hallNode.url who it is (system.info) and whether it accepts the
 * device token (queue.authenticate), and says in words what is wrong: a wrong address, a
 * machine that is not the hall node, a refused token.
 */
import { ConfigError, loadConfigFile } from '../../../kiosk-config/load.js';
import type { KioskConfig } from '../../../kiosk-config/schema.js';

export const doctorHallUsage =
  'usage: kiosk-config doctor hall --config FILE [--url URL] [--token TOKEN] [--timeout MS]';

export interface HallCheck {
  ok: boolean;
  lines: string[];
}

interface Target {
  url: string;
  /** This machine's hall.id: the hall node must be the same hall's. */
  hallId: string;
  token: string | null;
  role: KioskConfig['role'];
  timeoutMs: number;
}

type Answer =
  | { kind: 'ok'; result: Record<string, unknown> }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unreachable'; why: string }
  | { kind: 'foreign'; status: number };

async function ask(t: Target, method: string, params: object, token?: string): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(`${t.url.replace(/\/+$/, '')}/api/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(t.timeoutMs),
    });
  } catch (error) {
    return { kind: 'unreachable', why: networkWhy(error, t.timeoutMs) };
  }
  const body = (await res.json().catch(() => null)) as {
    ok?: boolean;
    result?: Record<string, unknown>;
    error?: { code?: string; message?: { en?: string } };
  } | null;
  if (body?.ok === true && body.result) return { kind: 'ok', result: body.result };
  if (body?.ok === false && body.error?.code) {
    return { kind: 'refused', code: body.error.code, message: body.error.message?.en ?? '' };
  }
  return { kind: 'foreign', status: res.status };
}

function networkWhy(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listens on that port)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'no route to that host';
  return code ?? (error instanceof Error ? error.message : String(error));
}

export async function checkHall(t: Target): Promise<HallCheck> {
  const lines: string[] = [];
  const fail = (line: string): HallCheck => ({ ok: false, lines: [...lines, `✗ ${line}`] });
  const info = await ask(t, 'system.info', {});
  if (info.kind === 'unreachable') {
    return fail(
      `cannot reach the hall node at ${t.url}: ${info.why}. Check hallNode.url, the network, and that the hall node is running.`,
    );
  }
  if (info.kind !== 'ok' || info.result.product !== 'hall-kiosk') {
    const status = info.kind === 'foreign' ? ` (HTTP ${info.status})` : '';
    return fail(`${t.url} answers but is not a hall-kiosk hall node${status}: check hallNode.url.`);
  }
  if (info.result.role !== 'hall-node') {
    return fail(
      `${t.url} is a ${String(info.result.role)}, not the hall node: point hallNode.url at the machine that holds the queue.`,
    );
  }
  const name = (info.result.hallName as { 'zh-CN'?: string } | undefined)?.['zh-CN'] ?? '';
  if (info.result.hallId !== t.hallId) {
    return fail(
      `${t.url} is the hall node of hall "${String(info.result.hallId)}" (${name}), but this config says hall.id "${t.hallId}": point hallNode.url at this hall's node, or fix hall.id.`,
    );
  }
  lines.push(`✓ hall node reachable at ${t.url} (${name}, version ${String(info.result.version)})`);
  if (!t.token) {
    return fail(
      'no hallNode.deviceToken in the config: enrol this machine on the hall node and put its token there.',
    );
  }
  const auth = await ask(t, 'queue.authenticate', { token: t.token });
  if (auth.kind === 'refused') {
    return fail(
      `the hall node refused the device token (${auth.code}: ${auth.message}). Re-enrol this machine (queue.enrollDevice, or scripts/queue-secret.ts device) and put the new token in hallNode.deviceToken.`,
    );
  }
  if (auth.kind !== 'ok')
    return fail(`the hall node did not answer the token check (${auth.kind}).`);
  const { kind, id, role } = auth.result;
  if (t.role === 'kiosk' && role !== 'kiosk') {
    return fail(
      `the token is enrolled as ${String(kind)} "${String(id)}" (${String(role)}), but this machine is a kiosk: it needs a kiosk token to issue tickets.`,
    );
  }
  lines.push(`✓ device token accepted: ${String(kind)} "${String(id)}" (${String(role)})`);
  return { ok: true, lines };
}

export async function doctorHall(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const o: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]?.replace(/^--/, '');
    const value = args[i + 1];
    if (!key || !['config', 'url', 'token', 'timeout'].includes(key) || !value) {
      err(doctorHallUsage);
      return 64;
    }
    o[key] = value;
  }
  if (!o.config) {
    err(doctorHallUsage);
    return 64;
  }
  let config: KioskConfig;
  try {
    config = loadConfigFile(o.config).config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(error.message);
    return 2;
  }
  const url = o.url ?? config.hallNode?.url;
  if (config.role === 'hall-node' || !url) {
    out(`${o.config}: this machine is the hall node; it joins no other (nothing to check).`);
    return 0;
  }
  const result = await checkHall({
    url,
    hallId: config.hall.id,
    token: o.token ?? config.hallNode?.deviceToken ?? null,
    role: config.role,
    timeoutMs: Number(o.timeout ?? 5000),
  });
  for (const line of result.lines) (line.startsWith('✗') ? err : out)(line);
  return result.ok ? 0 : 1;
}
