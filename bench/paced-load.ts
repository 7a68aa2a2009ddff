/**
 * Open-loop load at a steady rate: requests leave evenly spaced (every 1/rate s), whether or not earlier ones have
 * been answered, as messages reach a connector from many buyers at once. autocannon's `overallRate` gives each
 * connection a budget per second and spends it at the start of the second, so at 45 requests/s it sends 45 at
 * once and then nothing: a burst every second that queues behind itself. Latency runs from when a request was due,
 * not when a free socket took it, so a slow server cannot hide its queue (no coordinated omission).
 */
import http from 'node:http';

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PacedResult {
  sent: number;
  ok: number;
  failed: number;
  /** From the first send to the last answer: longer than the schedule when the server fell behind. */
  elapsedSeconds: number;
  /** Milliseconds from due time to the full response, sorted ascending. */
  latenciesMs: number[];
  /** The answers' bodies of successful requests, in completion order (for probes that need the message id). */
  answers: { body: string; dueAt: number }[];
}

export async function pacedLoad(options: {
  baseUrl: string;
  ratePerSecond: number;
  seconds: number;
  /** Sockets kept open; a request waits for a free one when all are busy (its latency keeps counting). */
  sockets: number;
  next(): PacedRequest;
  keepAnswers?: boolean;
}): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.sockets });
  const url = new URL(options.baseUrl);
  const interval = 1000 / options.ratePerSecond;
  const total = Math.round(options.ratePerSecond * options.seconds);
  const result: PacedResult = { sent: 0, ok: 0, failed: 0, elapsedSeconds: 0, latenciesMs: [], answers: [] };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();

  const fire = (dueAt: number) => {
    const request = options.next();
    result.sent += 1;
    inFlight.push(
      new Promise<void>((resolve) => {
        const outgoing = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: request.path,
            headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              if (status >= 200 && status < 300) {
                result.ok += 1;
                result.latenciesMs.push(performance.now() - dueAt);
                if (options.keepAnswers)
                  result.answers.push({ body: Buffer.concat(chunks).toString(), dueAt });
              } else result.failed += 1;
              resolve();
            });
          },
        );
        outgoing.on('error', () => {
          result.failed += 1;
          resolve();
        });
        outgoing.end(request.body);
      }),
    );
  };

  // Catch up on every send that fell due since the last tick: timers are late under load, the schedule is not.
  while (result.sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    while (result.sent < due) fire(start + result.sent * interval);
    const nextAt = start + result.sent * interval;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - performance.now())));
  }
  await Promise.all(inFlight);
  result.elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
