/**
 * The load generator of `npm run bench -- web-chat`, run as its own process so that thousands of client sockets
 * share neither the server's event loop nor its memory. bench/widget-sockets.ts drives it over IPC, one stage at a
 * time (`{ stage }` in, that stage's figures out), and reads the server's memory between stages while nothing moves.
 */
import { randomUUID } from 'node:crypto';
import type { WidgetServerFrame } from '@shared/web-chat';
import WebSocket from 'ws';

export interface WidgetLoadOptions {
  baseUrl: string;
  widgetKey: string;
  sockets: number;
  /** Visitors who write (each opens a chat ticket), then receive the agent's replies. */
  chats: number;
  replies: number;
  /** Visitor messages, then agent replies, per second: a steady pace, not a burst. */
  perSecond: number;
  agent: { session: string; csrfToken: string };
}

export type WidgetLoadStage = 'warm-up' | 'sessions' | 'connect' | 'fan-out' | 'close';

const SESSION_CONCURRENCY = 50;
const CONNECT_CONCURRENCY = 200;
const WARM_UP_VISITORS = 200;
const READY_TIMEOUT_MS = 30_000;
const DELIVERY_TIMEOUT_MS = 30_000;

const options = JSON.parse(process.env.BENCH_LOAD ?? '{}') as WidgetLoadOptions;
const socketUrl = `${options.baseUrl.replace(/^http/, 'ws')}/api/v1/widget/socket`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const summary = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50Ms: Math.round(percentile(sorted, 50)),
    p99Ms: Math.round(percentile(sorted, 99)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over the items, at most `concurrency` at a time; failures are counted by message, not thrown. */
async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  const failures: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item).catch((error: Error) => {
          failures[error.message] = (failures[error.message] ?? 0) + 1;
        });
      }
    }),
  );
  return failures;
}

/** Waits, up to `timeoutMs`, until `done()`; checks every 20 ms. */
async function until(done: () => boolean, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(20);
}

async function createSession(): Promise<string> {
  const response = await fetch(`${options.baseUrl}/api/v1/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: options.widgetKey, locale: 'zh-CN' }),
  });
  if (response.status !== 200) throw new Error(`session: HTTP ${response.status}`);
  return ((await response.json()) as { visitorToken: string }).visitorToken;
}

let closing = false;
/** Sockets the server closed (or that broke) after `ready`, by close code: should stay empty. */
const unexpectedCloses: Record<string, number> = {};
/** clientId → when the message frame was sent; text → when the agent's reply was posted. */
const messageSentAt = new Map<string, number>();
const replyPostedAt = new Map<string, number>();
const ackLatencies: number[] = [];
const deliveryLatencies: number[] = [];
const ticketNumberOf = new Map<string, string>();

function onFrame(data: WebSocket.RawData) {
  const receivedAt = performance.now();
  const frame = JSON.parse(String(data)) as WidgetServerFrame;
  if (frame.type === 'ack') {
    const sentAt = messageSentAt.get(frame.clientId);
    if (sentAt === undefined) return;
    messageSentAt.delete(frame.clientId);
    ackLatencies.push(receivedAt - sentAt);
    ticketNumberOf.set(frame.clientId, frame.ticketNumber);
  } else if (frame.type === 'message' && frame.message.direction === 'outbound') {
    const postedAt = replyPostedAt.get(frame.message.text);
    if (postedAt === undefined) return;
    replyPostedAt.delete(frame.message.text);
    deliveryLatencies.push(receivedAt - postedAt);
  }
}

/** Opens a visitor's socket and resolves on its `ready` frame (with the ms it took). */
function connect(token: string): Promise<{ socket: WebSocket; readyMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${socketUrl}?token=${encodeURIComponent(token)}`, {
      perMessageDeflate: false,
    });
    let ready = false;
    const fail = (reason: string) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(reason));
    };
    const timer = setTimeout(() => fail(`no ready within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    socket.on('error', (error) => !ready && fail(`socket: ${error.message}`));
    socket.on('close', (code) => {
      if (!ready) return fail(`closed before ready: ${code}`);
      if (!closing) unexpectedCloses[code] = (unexpectedCloses[code] ?? 0) + 1;
    });
    socket.once('message', (data) => {
      const frame = JSON.parse(String(data)) as WidgetServerFrame;
      if (frame.type !== 'ready') return fail(`first frame: ${frame.type} ${JSON.stringify(frame)}`);
      ready = true;
      clearTimeout(timer);
      socket.on('message', onFrame);
      resolve({ socket, readyMs: performance.now() - started });
    });
  });
}

async function warmUp() {
  const tokens = await Promise.all(Array.from({ length: WARM_UP_VISITORS }, createSession));
  const warm = await Promise.all(tokens.map(connect));
  closing = true;
  await Promise.all(warm.map(({ socket }) => closeSocket(socket)));
  closing = false;
  return { visitors: WARM_UP_VISITORS };
}

let tokens: string[] = [];
async function createSessions() {
  const started = performance.now();
  const made: string[] = [];
  const failures = await inPool(
    Array.from({ length: options.sockets }, (_, i) => i),
    SESSION_CONCURRENCY,
    async () => {
      made.push(await createSession());
    },
  );
  tokens = made;
  return { sessions: made.length, seconds: (performance.now() - started) / 1000, failures };
}

let sockets: WebSocket[] = [];
async function connectAll() {
  const started = performance.now();
  const readyMs: number[] = [];
  const cpuBefore = process.cpuUsage();
  const failures = await inPool(tokens, CONNECT_CONCURRENCY, async (token) => {
    const opened = await connect(token);
    sockets.push(opened.socket);
    readyMs.push(opened.readyMs);
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    connected: sockets.length,
    seconds: (performance.now() - started) / 1000,
    ready: summary(readyMs),
    failures,
    loadCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

async function agentRequest(path: string, body?: unknown) {
  return fetch(`${options.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie: `kefu_session=${options.agent.session}`,
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'x-csrf-token': options.agent.csrfToken }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/**
 * With every socket open: `chats` visitors spread over them write once (visitor → ack), then the agent replies
 * to their tickets at a steady pace (agent → visitor socket).
 */
async function fanOut() {
  const pace = 1000 / options.perSecond;
  const writers = Array.from(
    { length: Math.min(options.chats, sockets.length) },
    (_, i) => sockets[Math.floor((i * sockets.length) / options.chats)] as WebSocket,
  );
  const clientIds: string[] = [];
  const started = performance.now();
  for (const [i, socket] of writers.entries()) {
    await sleep(started + i * pace - performance.now());
    const clientId = randomUUID();
    clientIds.push(clientId);
    messageSentAt.set(clientId, performance.now());
    socket.send(JSON.stringify({ type: 'message', clientId, text: `你好，订单 ${i} 什么时候发货？` }));
  }
  await until(() => messageSentAt.size === 0, DELIVERY_TIMEOUT_MS);

  const listed = await agentRequest('/api/v1/live-chats');
  if (!listed.ok) throw new Error(`GET /api/v1/live-chats: HTTP ${listed.status}`);
  const ticketIdOf = new Map(
    ((await listed.json()) as { items: { ticketId: string; ticketNumber: string }[] }).items.map((chat) => [
      chat.ticketNumber,
      chat.ticketId,
    ]),
  );
  const chats = clientIds.flatMap((clientId) => {
    const ticketId = ticketIdOf.get(ticketNumberOf.get(clientId) ?? '');
    return ticketId ? [ticketId] : [];
  });
  if (chats.length === 0) throw new Error('no chat of the visitors is listed in GET /api/v1/live-chats');

  const postFailures: Record<string, number> = {};
  const committedLatencies: number[] = [];
  const posts: Promise<void>[] = [];
  const repliesStarted = performance.now();
  for (let k = 0; k < options.replies; k += 1) {
    await sleep(repliesStarted + k * pace - performance.now());
    const text = `您好，已为您查询（回复 ${k}）`;
    const postedAt = performance.now();
    replyPostedAt.set(text, postedAt);
    posts.push(
      agentRequest(`/api/v1/tickets/${chats[k % chats.length]}/messages`, {
        direction: 'outbound',
        body: text,
      }).then((response) => {
        if (response.status === 201) {
          committedLatencies.push(performance.now() - postedAt);
          return;
        }
        postFailures[`HTTP ${response.status}`] = (postFailures[`HTTP ${response.status}`] ?? 0) + 1;
        replyPostedAt.delete(text);
      }),
    );
  }
  await Promise.all(posts);
  await until(() => replyPostedAt.size === 0, DELIVERY_TIMEOUT_MS);
  return {
    writers: writers.length,
    acks: ackLatencies.length,
    ack: summary(ackLatencies),
    chats: chats.length,
    replies: options.replies,
    delivered: deliveryLatencies.length,
    undelivered: replyPostedAt.size,
    postFailures,
    committed: summary(committedLatencies),
    delivery: summary(deliveryLatencies),
    unexpectedCloses,
  };
}

function closeSocket(socket: WebSocket) {
  return new Promise<void>((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => {
      socket.terminate();
      resolve();
    }, 5000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close();
  });
}

async function closeAll() {
  closing = true;
  await inPool(sockets, CONNECT_CONCURRENCY, closeSocket);
  sockets = [];
  return { closed: true };
}

const stages = {
  'warm-up': warmUp,
  sessions: createSessions,
  connect: connectAll,
  'fan-out': fanOut,
  close: closeAll,
} satisfies Record<WidgetLoadStage, () => Promise<unknown>>;

/** What each stage reports back. */
export type WidgetLoadFigures = { [S in WidgetLoadStage]: Awaited<ReturnType<(typeof stages)[S]>> };

process.on('message', (command: { stage: WidgetLoadStage }) => {
  stages[command.stage]().then(
    (figures) => process.send?.({ ok: true, figures }),
    (error: Error) => process.send?.({ ok: false, error: error.stack ?? error.message }),
  );
});
process.on('disconnect', () => process.exit(0));
