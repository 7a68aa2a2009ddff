/**
 * Fan-out of the realtime streams to connected agents. Each app process keeps one feed per workspace that has
 * someone connected: it reads new rows of the stream after a local commit (poke) or a NOTIFY from another process,
 * and sends each subscriber what comes after the last sequence number it was sent. A subscriber that reconnects
 * with `since` is sent exactly what it missed, from memory when recent, from the table otherwise.
 */
import type { Database } from '@server/db/schema';
import type { RealtimeEphemeralFrame, RealtimeEventFrame, RealtimeFrame } from '@shared/realtime';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { REALTIME_CHANNEL } from './publish';

/** NOTIFY channel of ephemeral frames (typing), which other app processes pass to their own subscribers. */
const EPHEMERAL_CHANNEL = 'kefu_ephemeral';

export interface RealtimeSubscriber {
  send(frame: RealtimeFrame): void;
}

/** More missed events than this and the client is told to reload instead (a `reset` frame). */
export const REPLAY_LIMIT = 5000;
const RING_SIZE = 2000;
const PAGE = 1000;

interface Subscription {
  subscriber: RealtimeSubscriber;
  sentSeq: number;
}

class WorkspaceFeed {
  seq = 0;
  ring: RealtimeEventFrame[] = [];
  readonly subscriptions = new Set<Subscription>();
  /** Subscribers still being attached: the feed must not be dropped under them. */
  attaching = 0;
  private chain: Promise<void> = Promise.resolve();
  private pumpQueued = false;
  ready: Promise<void>;

  constructor(
    private readonly db: Kysely<Database>,
    readonly workspaceId: string,
  ) {
    this.ready = this.enqueue(async () => {
      const row = await db
        .selectFrom('realtime_streams')
        .select('last_seq')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      this.seq = Number(row?.last_seq ?? 0);
    });
  }

  /** Runs feed work one piece at a time, so a replay and a live pump never interleave. */
  enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  poke(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    void this.enqueue(async () => {
      this.pumpQueued = false;
      await this.pump();
    }).catch(() => undefined);
  }

  private async pump(): Promise<void> {
    for (;;) {
      const events = await this.read(this.seq, PAGE);
      if (events.length === 0) return;
      this.seq = events[events.length - 1]?.seq ?? this.seq;
      this.ring.push(...events);
      if (this.ring.length > RING_SIZE) this.ring.splice(0, this.ring.length - RING_SIZE);
      for (const subscription of this.subscriptions) this.sendNewer(subscription, events);
      if (events.length < PAGE) return;
    }
  }

  private sendNewer(subscription: Subscription, events: readonly RealtimeEventFrame[]) {
    for (const event of events) {
      if (event.seq <= subscription.sentSeq) continue;
      subscription.subscriber.send(event);
      subscription.sentSeq = event.seq;
    }
  }

  async read(afterSeq: number, limit: number): Promise<RealtimeEventFrame[]> {
    const rows = await this.db
      .selectFrom('realtime_events')
      .select(['seq', 'kind', 'ticket_id', 'message_id', 'data', 'created_at'])
      .where('workspace_id', '=', this.workspaceId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      type: 'event',
      seq: Number(row.seq),
      kind: row.kind,
      ticketId: row.ticket_id,
      messageId: row.message_id,
      data: row.data,
      at: row.created_at.toISOString(),
    }));
  }

  /** Sends a new subscriber what it missed since `since` (or nothing, on a first connection), then `hello`. */
  async attach(subscription: Subscription, since: number | null): Promise<void> {
    await this.pump();
    const { subscriber } = subscription;
    if (since === null || since === this.seq) {
      subscription.sentSeq = this.seq;
    } else if (since > this.seq || this.seq - since > REPLAY_LIMIT) {
      subscriber.send({ type: 'reset', seq: this.seq });
      subscription.sentSeq = this.seq;
    } else {
      const fromRing = this.ring.length > 0 && (this.ring[0]?.seq ?? Infinity) <= since + 1;
      const missed = fromRing
        ? this.ring.filter((event) => event.seq > since)
        : await this.read(since, this.seq - since);
      // Rows older than the stream's retention are gone: the client reloads instead of showing a gap.
      if (missed.length !== this.seq - since || missed[0]?.seq !== since + 1) {
        subscriber.send({ type: 'reset', seq: this.seq });
        subscription.sentSeq = this.seq;
      } else {
        subscription.sentSeq = since;
        this.sendNewer(subscription, missed);
      }
    }
    subscriber.send({ type: 'hello', seq: subscription.sentSeq });
    this.subscriptions.add(subscription);
  }
}

export class RealtimeHub {
  private readonly feeds = new Map<string, WorkspaceFeed>();
  private listener: pg.Client | null = null;
  private stopped = false;
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    /** PostgreSQL: a connection string to LISTEN on, for changes committed by other app processes. */
    private readonly listenUrl: string | null = null,
  ) {}

  async start(): Promise<void> {
    if (this.listenUrl) await this.listen();
    // A safety net for a NOTIFY lost while the listening connection was being replaced: feeds look every 2 s.
    this.sweep = setInterval(() => {
      for (const workspaceId of this.feeds.keys()) this.poke(workspaceId);
    }, 2000);
    this.sweep.unref();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.listenUrl ?? undefined });
    client.on('notification', (message) => {
      if (!message.payload) return;
      if (message.channel === EPHEMERAL_CHANNEL) this.deliverEphemeral(message.payload);
      else this.poke(message.payload);
    });
    client.on('error', () => {
      // Reconnect; changes committed meanwhile are read when the new connection pokes every feed.
      this.listener = null;
      client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 500).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${REALTIME_CHANNEL}`);
    await client.query(`LISTEN ${EPHEMERAL_CHANNEL}`);
    this.listener = client;
    for (const workspaceId of this.feeds.keys()) this.poke(workspaceId);
  }

  /** Something was committed in this workspace's stream (here, or by another process: NOTIFY). */
  poke(workspaceId: string): void {
    this.feeds.get(workspaceId)?.poke();
  }

  /**
   * Sends a frame nobody stores to every subscriber of the workspace, in every app process: on PostgreSQL through
   * NOTIFY (which this process hears too), on the embedded engine (one process) directly.
   */
  async broadcastEphemeral(workspaceId: string, frame: RealtimeEphemeralFrame): Promise<void> {
    const payload = JSON.stringify({ workspaceId, frame });
    if (this.listenUrl) {
      // NOTIFY payloads are limited to 8000 bytes; a frame that large is not worth seeing now anyway.
      if (Buffer.byteLength(payload) < 7900) {
        await sql`SELECT pg_notify(${EPHEMERAL_CHANNEL}, ${payload})`.execute(this.db);
      }
    } else {
      this.deliverEphemeral(payload);
    }
  }

  private deliverEphemeral(payload: string): void {
    let parsed: { workspaceId: string; frame: RealtimeEphemeralFrame };
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const feed = this.feeds.get(parsed.workspaceId);
    if (!feed) return;
    for (const subscription of feed.subscriptions) subscription.subscriber.send(parsed.frame);
  }

  /** Connects a subscriber; returns its unsubscribe function. */
  async subscribe(
    workspaceId: string,
    subscriber: RealtimeSubscriber,
    since: number | null,
  ): Promise<() => void> {
    let feed = this.feeds.get(workspaceId);
    if (!feed) {
      feed = new WorkspaceFeed(this.db, workspaceId);
      this.feeds.set(workspaceId, feed);
    }
    const active = feed;
    const subscription: Subscription = { subscriber, sentSeq: 0 };
    active.attaching += 1;
    try {
      await active.ready;
      await active.enqueue(() => active.attach(subscription, since));
    } finally {
      active.attaching -= 1;
    }
    return () => {
      active.subscriptions.delete(subscription);
      const unused = active.subscriptions.size === 0 && active.attaching === 0;
      if (unused && this.feeds.get(workspaceId) === active) {
        this.feeds.delete(workspaceId);
      }
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
