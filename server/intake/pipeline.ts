/**
 * The intake pipeline every channel's inbound messages go through (see commit-batch.ts for the in-transaction
 * steps). `accept` resolves only after the commit that holds its messages: a channel is acknowledged (2xx) for
 * what is durably stored, and a redelivery after a crash is answered from the dedupe receipt.
 */
import type { AttachmentStore } from '@server/attachments/service';
import type { Database } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { TicketRouter } from '@server/routing/route-tickets';
import type { SlaTracker } from '@server/sla/tracker';
import type { Kysely } from 'kysely';
import { commitInboundGroup } from './commit-batch';
import { GroupCommitter } from './group-commit';
import type { InboundMessage, InboundResult } from './inbound-message';
import { assertAttachmentTypes, discardPrepared, type PreparedInbound, prepareInbound } from './prepare';
import { SenderCache } from './sender-cache';

export interface IntakeDeps {
  db: Kysely<Database>;
  vault: PersonalDataVault;
  attachments: AttachmentStore;
  /** Told which workspaces' realtime streams grew, after each commit. */
  onCommitted?: (workspaceIds: Iterable<string>) => void;
  /** Classifies, prioritises and routes the tickets of each group, in its transaction. */
  router?: TicketRouter;
  /** Starts and moves the SLA clocks of the tickets a group touched, in the group's transaction. */
  sla?: SlaTracker;
  maxGroupSize?: number;
  lanes?: number;
}

// Two groups in flight let PostgreSQL commit one while this process prepares the next; more lanes only made the
// groups smaller on the 2-core machine measured (docs/performance.md).
const DEFAULT_LANES = 2;

const TIME_ZONE_TTL_MS = 60_000;

export class IntakePipeline {
  /** Conversations are spread over lanes that commit side by side; one conversation always takes the same lane. */
  private readonly lanes: GroupCommitter<PreparedInbound, InboundResult>[];
  private readonly timeZones = new Map<string, { zone: string; at: number }>();
  private readonly senders = new SenderCache();

  constructor(private readonly deps: IntakeDeps) {
    this.lanes = Array.from(
      { length: deps.lanes ?? DEFAULT_LANES },
      () => new GroupCommitter((items) => this.commit(items), deps.maxGroupSize ?? 500),
    );
  }

  /** The vault intake masks with: channels use it for their own lookups (an e-mail sender's hash). */
  get vault(): PersonalDataVault {
    return this.deps.vault;
  }

  /** Takes normalised messages through every step; results in the same order. */
  async accept(messages: readonly InboundMessage[]): Promise<InboundResult[]> {
    assertAttachmentTypes(messages);
    await Promise.all([...new Set(messages.map((m) => m.workspaceId))].map((id) => this.timeZone(id)));
    const prepared: PreparedInbound[] = [];
    try {
      for (const message of messages) {
        prepared.push(await prepareInbound(this.deps.vault, this.deps.attachments, message, this.senders));
      }
    } catch (error) {
      await discardPrepared(this.deps.attachments, prepared);
      throw error;
    }
    const settled = await Promise.allSettled(prepared.map((item) => this.laneOf(item).submit(item)));
    // Files of messages that were not stored (a failure, or a redelivery of a stored one) are not kept.
    const unused = prepared.filter((_, index) => {
      const outcome = settled[index];
      return outcome?.status === 'rejected' || outcome?.value.status === 'duplicate';
    });
    await discardPrepared(this.deps.attachments, unused);
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((outcome) => (outcome as PromiseFulfilledResult<InboundResult>).value);
  }

  /** Settles when every message accepted so far is committed. */
  async drained(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.drained()));
  }

  private laneOf(item: PreparedInbound): GroupCommitter<PreparedInbound, InboundResult> {
    // The conversation key is an HMAC: its first bytes are as good as random.
    const index = Buffer.from(item.conversationKey, 'base64url').readUInt32BE(0) % this.lanes.length;
    return this.lanes[index] as GroupCommitter<PreparedInbound, InboundResult>;
  }

  private async commit(items: PreparedInbound[]): Promise<InboundResult[]> {
    const zones = new Map(
      [...new Set(items.map((item) => item.message.workspaceId))].map((id) => [
        id,
        this.timeZones.get(id)?.zone ?? 'Asia/Shanghai',
      ]),
    );
    const { results, workspaces } = await commitInboundGroup(this.deps.db, {
      items,
      timeZones: zones,
      router: this.deps.router,
      sla: this.deps.sla,
    });
    if (workspaces.size > 0) this.deps.onCommitted?.(workspaces);
    return results;
  }

  private async timeZone(workspaceId: string): Promise<string> {
    const cached = this.timeZones.get(workspaceId);
    if (cached && performance.now() - cached.at < TIME_ZONE_TTL_MS) return cached.zone;
    const row = await this.deps.db
      .selectFrom('workspaces')
      .select('time_zone')
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    const zone = row?.time_zone ?? 'Asia/Shanghai';
    this.timeZones.set(workspaceId, { zone, at: performance.now() });
    return zone;
  }
}
