/** The renderer's built pages over HTTP, confined to the renderer folder, with our CSP. */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ContractError, httpStatus, messages } from '../../common/contract/errors.js';
import { refusal, refusalText } from './refusals.js';
import { contentSecurityPolicy, contentType, resolveInside } from './static-files.js';

export function serveRenderer(app: FastifyInstance, rendererDir: string): void {
  const built = existsSync(join(rendererDir, 'index.html'));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      const unknown = new ContractError(
        'UNKNOWN_METHOD',
        messages.unknownMethod(req.url.slice(5, 69)),
      );
      return reply.code(httpStatus.UNKNOWN_METHOD).send({ ok: false, error: unknown.body });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const r = refusal('BAD_REQUEST', refusalText.method, 405);
      return reply.code(r.status).header('Allow', 'GET, HEAD').send(r.body);
    }
    if (!built) {
      const r = refusal('UNAVAILABLE', refusalText.notBuilt);
      return reply.code(r.status).send(r.body);
    }
    const file = resolveInside(rendererDir, req.url);
    if (!file) {
      const r = refusal('NOT_FOUND', refusalText.notFound);
      return reply.code(r.status).send(r.body);
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
