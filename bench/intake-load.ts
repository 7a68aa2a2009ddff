/**
 * The load generator of `npm run bench -- intake`, run as its own process so that it does not share the server's
 * event loop: autocannon posts signed messages (each with a fresh externalId and signature), and, in the `screen`
 * phase, a connected agent's WebSocket measures message → screen latency on probe messages sent alongside.
 * Prints one JSON line of figures.
 */
import { randomBytes } from 'node:crypto';
import { signedHeaders } from '@server/channels/api-channel/signature';
import { connectRealtime } from '@server/test/realtime-client';
import autocannon from 'autocannon';
import { type PacedRequest, pacedLoad, percentile } from './paced-load';

interface LoadOptions {
  baseUrl: string;
  channel: { id: string; secret: string };
  /**
   * `throughput`: closed loop (each connection sends again when answered): the most the server takes.
   * `sustained`: open loop at `rate` messages/s, evenly spaced: the ack latency at that rate.
   * `screen`: open loop at `rate` while an agent's WebSocket times probe messages to the screen.
   */
  phase: 'throughput' | 'sustained' | 'screen';
  durationSeconds: number;
  connections: number;
  /** `sustained` and `screen`: total messages per second (probes included). */
  rate?: number;
  session?: string;
  /** Where the agent's WebSocket connects: another app process than the one taking the messages, when given. */
  agentBaseUrl?: string;
  conversations: number;
  /** Messages per request; above 1 the batch endpoint is used (probes always go one by one). */
  batch?: number;
}

const options = JSON.parse(process.env.BENCH_LOAD ?? '{}') as LoadOptions;
const prefix = randomBytes(4).toString('hex');
let serial = 0;
const path = `/api/v1/channels/${options.channel.id}/messages`;
const phrases = [
  '你好，订单还没发货',
  '请问什么时候到货？',
  '我要退货，商品有划痕',
  '发票怎么开',
  '快递显示签收但我没收到',
];

function buyerMessage(externalId: string, n: number) {
  const conversation = n % options.conversations;
  return {
    externalId,
    conversationId: `bench-conv-${conversation}`,
    sender: { id: `bench-buyer-${conversation}`, nickname: `买家${conversation}` },
    text: `${phrases[n % phrases.length]}（订单 2310${String(conversation).padStart(6, '0')}-${n}）`,
  };
}

const signed = (body: string) => ({ body, headers: signedHeaders(options.channel.secret, body) });

const signedMessage = (externalId: string) => signed(JSON.stringify(buyerMessage(externalId, serial)));

/** `batch` messages in one request to the batch endpoint, as a connector flushing its queue sends them. */
function signedBatch() {
  const messages = Array.from({ length: options.batch ?? 1 }, () => {
    serial += 1;
    return buyerMessage(`${prefix}-${serial}`, serial);
  });
  return signed(JSON.stringify({ messages }));
}

function runAutocannon() {
  const batched = (options.batch ?? 1) > 1;
  return autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: batched ? `${path}/batch` : path,
        setupRequest: (request) => {
          if (batched) {
            const batch = signedBatch();
            return { ...request, body: batch.body, headers: batch.headers };
          }
          serial += 1;
          const message = signedMessage(`${prefix}-${serial}`);
          return { ...request, body: message.body, headers: message.headers };
        },
      },
    ],
  });
}

/** The next background request: one message, or a batch of `batch` (paced phases). */
function nextRequest(): PacedRequest {
  if ((options.batch ?? 1) > 1) return { path: `${path}/batch`, ...signedBatch() };
  serial += 1;
  return { path, ...signedMessage(`${prefix}-${serial}`) };
}

if (options.phase === 'throughput') {
  const cpuBefore = process.cpuUsage();
  const result = await runAutocannon();
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    `${JSON.stringify({
      accepted: result['2xx'] * (options.batch ?? 1),
      rejected: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      requests: result.requests.total,
      messagesPerSecond: Math.round((result['2xx'] * (options.batch ?? 1)) / options.durationSeconds),
      ackP50Ms: result.latency.p50,
      ackP99Ms: result.latency.p99,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    })}\n`,
  );
} else if (options.phase === 'sustained') {
  const cpuBefore = process.cpuUsage();
  const batch = options.batch ?? 1;
  const result = await pacedLoad({
    baseUrl: options.baseUrl,
    ratePerSecond: (options.rate ?? 1000) / batch,
    seconds: options.durationSeconds,
    sockets: options.connections,
    next: nextRequest,
  });
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    `${JSON.stringify({
      accepted: result.ok * batch,
      rejected: result.failed,
      errors: 0,
      timeouts: 0,
      requests: result.sent,
      // Over the time it took to answer them all: a server that falls behind does not get credit for the backlog.
      messagesPerSecond: Math.round(
        (result.ok * batch) / Math.max(options.durationSeconds, result.elapsedSeconds),
      ),
      ackP50Ms: Math.round(percentile(result.latenciesMs, 50)),
      ackP99Ms: Math.round(percentile(result.latenciesMs, 99)),
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    })}\n`,
  );
} else {
  const rate = options.rate ?? 1000;
  const batch = options.batch ?? 1;
  const agent = await connectRealtime(options.agentBaseUrl ?? options.baseUrl, options.session ?? '');
  await agent.until((frames) => frames.some((f) => f.type === 'hello'));
  // The background traffic comes the way a busy connector sends it (batches when `batch` > 1); a tenth of the
  // rate is probes, one message per request, whose time to the agent's screen is measured.
  const [background, probes] = await Promise.all([
    pacedLoad({
      baseUrl: options.baseUrl,
      ratePerSecond: (rate * 0.9) / batch,
      seconds: options.durationSeconds,
      sockets: options.connections,
      next: nextRequest,
    }),
    pacedLoad({
      baseUrl: options.baseUrl,
      ratePerSecond: rate * 0.1,
      seconds: options.durationSeconds,
      sockets: options.connections,
      next: () => {
        serial += 1;
        return { path, ...signedMessage(`${prefix}-probe-${serial}`) };
      },
      keepAnswers: true,
    }),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const probeDue = new Map(
    probes.answers.map((answer) => [
      (JSON.parse(answer.body) as { messageId: string }).messageId,
      answer.dueAt,
    ]),
  );
  const latencies = agent
    .events()
    .filter((event) => event.kind === 'message.created' && probeDue.has(event.messageId as string))
    .map((event) => event.receivedAt - (probeDue.get(event.messageId as string) ?? 0))
    .sort((a, b) => a - b);
  await agent.close();
  process.stdout.write(
    `${JSON.stringify({
      messagesPerSecond: Math.round(
        (background.ok * batch + probes.ok) /
          Math.max(options.durationSeconds, background.elapsedSeconds, probes.elapsedSeconds),
      ),
      failed: background.failed + probes.failed,
      probes: probes.sent,
      probesSeen: latencies.length,
      screenP50Ms: Math.round(percentile(latencies, 50)),
      screenP99Ms: Math.round(percentile(latencies, 99)),
    })}\n`,
  );
}
process.exit(0);
