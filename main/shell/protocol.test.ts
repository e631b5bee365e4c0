import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../server/static-files.js';
import { appRequestHandler, appSchemePrivileges, registerAppProtocol } from './protocol.js';

let base: string;
let handle: ReturnType<typeof appRequestHandler>;

beforeAll(() => {
  // base/renderer is served; base/secret.txt and base/renderer-evil/ sit right beside it.
  base = mkdtempSync(join(tmpdir(), 'hall-kiosk-protocol-'));
  const renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.txt'), 'outside too');
  handle = appRequestHandler(renderer);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle({ url, method });

describe('app:// protocol', () => {
  it('serves an existing file with the CSP and nosniff', async () => {
    const response = await get('app://kiosk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<!doctype html><title>kiosk</title>');
  });

  it('serves index.html for the bare origin and scripts with their type', async () => {
    expect(await (await get('app://kiosk/')).text()).toContain('<title>kiosk</title>');
    const script = await get('app://kiosk/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    ['a ../ escape', 'app://kiosk/../secret.txt'],
    ['an encoded %2e%2e/ escape', 'app://kiosk/%2e%2e/secret.txt'],
    ['an encoded ..%2f escape', 'app://kiosk/..%2fsecret.txt'],
    ['a fully encoded %2e%2e%2f escape', 'app://kiosk/%2e%2e%2fsecret.txt'],
    ['a double escape', 'app://kiosk/assets/..%2f..%2fsecret.txt'],
    ['a backslash escape', 'app://kiosk/..%5csecret.txt'],
    ['a sibling folder sharing the prefix', 'app://kiosk/..%2frenderer-evil%2fx.txt'],
    ['an absolute path', 'app://kiosk/%2fetc%2fpasswd'],
    ['a NUL byte', 'app://kiosk/index.html%00.js'],
    ['a folder', 'app://kiosk/assets'],
    ['a missing file', 'app://kiosk/missing.js'],
    ['another host', 'app://other/index.html'],
    ['a look-alike host', 'app://kiosk.evil/index.html'],
    ['a host with credentials', 'app://user@kiosk/index.html'],
    ['another scheme', 'https://kiosk/index.html'],
  ])('answers 404 to %s, still with the CSP', async (_name, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://kiosk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://kiosk/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('registers under the app scheme', async () => {
    const handlers = new Map<string, (r: Request) => Promise<Response> | Response>();
    registerAppProtocol(
      { handle: (scheme, h) => void handlers.set(scheme, h) },
      join(base, 'renderer'),
    );
    expect([...handlers.keys()]).toEqual(['app']);
    const response = await handlers.get('app')!(new Request('app://kiosk/index.html'));
    expect(response.status).toBe(200);
  });

  it('asks for exactly standard, secure and fetch privileges', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});
