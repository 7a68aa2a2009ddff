import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@server/channels/api-channel/signature';

export interface ReceivedReply {
  idempotencyKey: string;
  body: Record<string, unknown>;
  signatureValid: boolean;
}

export type CallbackAnswer =
  | { kind: 'ok'; platformMessageId?: string }
  | { kind: 'status'; status: number; body?: unknown }
  /** Takes the reply (the customer sees it) but answers only after Kefu has given up waiting. */
  | { kind: 'slow'; delayMs: number };

/**
 * A connector's callback endpoint on 127.0.0.1: checks Kefu's signature, de-duplicates on Idempotency-Key the way
 * the docs ask connectors to, and answers as the test decides (to play a flaky or refusing platform).
 */
export async function startCallbackServer(
  secret: () => string,
  /** `attempt` counts every request; `keyAttempt` the requests of this idempotency key (0 for its first). */
  decide: (attempt: number, keyAttempt: number, idempotencyKey: string) => CallbackAnswer,
) {
  const requests: ReceivedReply[] = [];
  /** Replies the customer was shown, once per idempotency key, in the order they were shown. */
  const shown: ReceivedReply[] = [];
  let attempt = 0;
  /** Requests for a reply the customer already saw (Kefu gave up waiting, the connector had taken it). */
  const stats = { repeatsOfShown: 0 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const check = verifySignature({
        secrets: [secret()],
        timestamp: request.headers['x-kefu-timestamp'] as string,
        signature: request.headers['x-kefu-signature'] as string,
        body: raw,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      const reply: ReceivedReply = {
        idempotencyKey: String(request.headers['idempotency-key']),
        body: JSON.parse(raw.toString('utf8')),
        signatureValid: check.ok,
      };
      const keyAttempt = requests.filter((r) => r.idempotencyKey === reply.idempotencyKey).length;
      if (shown.some((r) => r.idempotencyKey === reply.idempotencyKey)) stats.repeatsOfShown += 1;
      requests.push(reply);
      const answer = decide(attempt++, keyAttempt, reply.idempotencyKey);
      const show = () => {
        if (!shown.some((r) => r.idempotencyKey === reply.idempotencyKey)) shown.push(reply);
      };
      if (answer.kind === 'ok') {
        show();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ platformMessageId: answer.platformMessageId ?? `pm-${attempt}` }));
      } else if (answer.kind === 'slow') {
        show();
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{}');
        }, answer.delayMs);
      } else {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body ?? {}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kefu/replies`,
    requests,
    shown,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
