/**
 * The app:// scheme: the kiosk page's only source. Files come from the built renderer folder
 * and nowhere else (the same `resolveInside` the LAN server uses, so both refuse the same
 * escapes); file:// is never used, because a file:// page can read any other file:// URL.
 * Every answer, 404s included, carries the CSP, so a page can load nothing from outside.
 */
import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { contentSecurityPolicy, contentType, resolveInside } from '../server/static-files.js';
import { appScheme, isAppUrl } from './trusted.js';

/**
 * standard: real origins and relative URLs; secure: counts as a secure context (like https);
 * supportFetchAPI: the page may fetch() its own files. Nothing more: no CORS bypass, no
 * service workers.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export type AppRequest = Pick<Request, 'url' | 'method'>;

export function appRequestHandler(rendererDir: string): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    // Only host "kiosk": app://anything-else/ must not become a second origin with our files.
    if (!isAppUrl(request.url)) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, {
        status: 405,
        headers: { ...securityHeaders, Allow: 'GET, HEAD' },
      });
    }
    // The raw (still percent-encoded) path: resolveInside decodes it once and checks the result,
    // so an encoded "../" cannot be decoded after the check.
    const file = resolveInside(rendererDir, new URL(request.url).pathname);
    if (!file) return notFound();
    let body: Buffer | null = null;
    try {
      if (request.method === 'GET') body = await readFile(file);
    } catch {
      return notFound();
    }
    return new Response(body, {
      status: 200,
      headers: {
        ...securityHeaders,
        'Content-Type': contentType(file),
        'Cache-Control': 'no-cache',
      },
    });
  };
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(appScheme, appRequestHandler(rendererDir));
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
