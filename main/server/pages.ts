/** The renderer's built pages over HTTP, confined to the renderer folder, with our CSP. */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { ContractError, httpStatus, messages } from '../transport/errors.js';
import { contentSecurityPolicy, contentType, resolveInside } from './static-files.js';

export function serveRenderer(app: FastifyInstance, rendererDir: string): void {
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      const unknown = new ContractError(
        'UNKNOWN_METHOD',
        messages.unknownMethod(req.url.slice(5, 69)),
      );
      return reply.code(httpStatus.UNKNOWN_METHOD).send({ ok: false, error: unknown.body });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply.code(405).send();
    const file = resolveInside(rendererDir, req.url);
    if (!file) {
      const missing = req.url === '/' || req.url.startsWith('/index.html');
      return reply
        .code(missing ? 503 : 404)
        .type('text/plain; charset=utf-8')
        .send(
          missing
            ? `The kiosk pages are not built in ${rendererDir}: run npm run build`
            : 'Not found',
        );
    }
    reply.header('Content-Security-Policy', contentSecurityPolicy);
    // Hashed assets never change; the page itself must be re-read after an update.
    reply.header(
      'Cache-Control',
      file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return reply.type(contentType(file)).send(createReadStream(file));
  });
}
