import type { FastifyInstance } from 'fastify';

/**
 * One log line per request with method, path (never the query string: searches carry phone numbers and names),
 * status and duration. Bodies, cookies and authorization headers are never logged.
 */
export function redactedRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const pathOnly = request.url.split('?')[0];
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    request.log[level](
      {
        method: request.method,
        path: request.routeOptions.url ?? pathOnly,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
}
