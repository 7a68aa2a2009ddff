/** The plumbing the fake platform servers share: a loopback server on a free port that hands each request over whole. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request once its whole body has arrived. */
export type FakeHandler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  raw: Buffer<ArrayBuffer>,
) => unknown;

/**
 * Listens on `host` (127.0.0.1 unless a test needs another loopback name) on a free port. `close` also drops open
 * connections, so a client still reading (a streamed download) cannot hold the test up.
 */
export async function startFakeHttp(handle: FakeHandler, host = '127.0.0.1') {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers `body` serialised as JSON. */
export function answerJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
) {
  response.writeHead(status, { 'content-type': contentType });
  response.end(JSON.stringify(body));
}
