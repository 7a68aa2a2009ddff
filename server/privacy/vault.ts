/**
 * Masking at intake, with the originals kept encrypted: every path that stores customer-written text (channels,
 * API, agent forms, imports) asks the vault for the masked form before it opens its transaction, then stores the
 * sealed spans next to its rows inside it. Revealing one span is the only way back to an original in the app.
 */
import { createHmac } from 'node:crypto';
import type { Database, PiiOwnerType, PiiSpansTable } from '@server/db/schema';
import type { Insertable, Kysely } from 'kysely';
import type { PiiKind } from './detector';
import type { Keyring } from './keyring';
import { applyMask } from './masks';
import { normalizePhone } from './normalize-phone';
import { maskingRulesOf } from './settings';
import { carryOverSpans, type MaskedSpan, type MaskingRules, maskText } from './spans';

/** A span ready to store: where the mask is in one field, and the original as ciphertext. */
export interface SealedSpan extends MaskedSpan {
  field: string;
  ciphertext: string;
}

export interface SpanOwner {
  workspaceId: string;
  ownerType: PiiOwnerType;
  ownerId: string;
  ticketId?: string | null;
  customerId?: string | null;
}

export interface MaskedFields<F extends string> {
  text: Record<F, string>;
  spans: SealedSpan[];
}

export type SpanRow = Insertable<PiiSpansTable>;

/** Sealed spans as `pii_spans` rows; intake collects them over a whole group and writes them in one statement. */
export function spanRows(owner: SpanOwner, spans: readonly SealedSpan[]): SpanRow[] {
  return spans.map((span) => ({
    workspace_id: owner.workspaceId,
    owner_type: owner.ownerType,
    owner_id: owner.ownerId,
    field: span.field,
    ticket_id: owner.ticketId ?? null,
    customer_id: owner.customerId ?? null,
    kind: span.kind,
    start_offset: span.start,
    end_offset: span.end,
    ciphertext: span.ciphertext,
  }));
}

const RULES_TTL_MS = 30_000;

export class PersonalDataVault {
  private readonly cachedRules = new Map<string, { rules: MaskingRules; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    readonly keyring: Keyring,
  ) {}

  /**
   * The workspace's masking rules (Settings → Privacy). Every stored text asks for them, so they are read at most
   * every RULES_TTL_MS per workspace; this node forgets them at once when its settings route changes them.
   */
  async rules(workspaceId: string): Promise<MaskingRules> {
    const cached = this.cachedRules.get(workspaceId);
    if (cached && performance.now() - cached.at < RULES_TTL_MS) return cached.rules;
    const row = await this.db
      .selectFrom('workspaces')
      .select('settings')
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    const rules = maskingRulesOf(row?.settings.privacy);
    this.cachedRules.set(workspaceId, { rules, at: performance.now() });
    return rules;
  }

  forgetRules(workspaceId: string): void {
    this.cachedRules.delete(workspaceId);
  }

  /** Masks several fields of one record with the workspace's rules, sealing each original. */
  async maskFields<F extends string>(
    workspaceId: string,
    fields: Record<F, string>,
    rules?: MaskingRules,
  ): Promise<MaskedFields<F>> {
    const active = rules ?? (await this.rules(workspaceId));
    const text = {} as Record<F, string>;
    const spans: SealedSpan[] = [];
    for (const field of Object.keys(fields) as F[]) {
      const masked = maskText(fields[field], active);
      text[field] = masked.text;
      for (const span of masked.spans) {
        spans.push({
          field,
          kind: span.kind,
          start: span.start,
          end: span.end,
          ciphertext: await this.keyring.encrypt(workspaceId, span.original),
        });
      }
    }
    return { text, spans };
  }

  /**
   * Masks edited fields of a stored record. The edit arrives with the masks the app showed, which the detector
   * no longer recognises: masks still present keep their sealed originals (see carryOverSpans).
   */
  async maskFieldEdits<F extends string>(
    workspaceId: string,
    edits: Record<F, string>,
    previous: { text: Partial<Record<F, string>>; spans: readonly SealedSpan[] },
    rules?: MaskingRules,
  ): Promise<MaskedFields<F>> {
    const masked = await this.maskFields(workspaceId, edits, rules);
    const spans = [...masked.spans];
    for (const field of Object.keys(edits) as F[]) {
      const before = previous.text[field];
      if (before === undefined) continue;
      spans.push(
        ...carryOverSpans(
          { text: before, spans: previous.spans.filter((span) => span.field === field) },
          { text: masked.text[field], spans: masked.spans.filter((span) => span.field === field) },
        ),
      );
    }
    return { text: masked.text, spans };
  }

  /**
   * Masks a value that is personal data as a whole (a customer's phone or e-mail field) and returns the keyed
   * hash that exact lookups use instead of the original.
   */
  async maskValue(
    workspaceId: string,
    field: string,
    kind: PiiKind,
    value: string,
    rules?: MaskingRules,
  ): Promise<{ text: string; span: SealedSpan; hash: string }> {
    const active = rules ?? (await this.rules(workspaceId));
    const text = applyMask({ kind, start: 0, end: value.length, text: value }, active.formats[kind]);
    return {
      text,
      span: {
        field,
        kind,
        start: 0,
        end: text.length,
        ciphertext: await this.keyring.encrypt(workspaceId, value),
      },
      hash: await this.lookupHash(workspaceId, kind, value),
    };
  }

  /** A keyed hash (HMAC-SHA-256 under a key derived from the workspace's first data key) for exact lookups. */
  async lookupHash(workspaceId: string, kind: PiiKind, value: string): Promise<string> {
    const normalized = kind === 'email' ? value.trim().toLowerCase() : normalizePhone(value);
    const key = await this.keyring.lookupKey(workspaceId);
    return createHmac('sha256', key).update(`${kind}:${normalized}`).digest('base64url');
  }

  /** Stores sealed spans for one owner; call inside the transaction that stores the owner. */
  async storeSpans(tx: Kysely<Database>, owner: SpanOwner, spans: readonly SealedSpan[]): Promise<void> {
    if (spans.length === 0) return;
    await tx.insertInto('pii_spans').values(spanRows(owner, spans)).execute();
  }

  /** Stored spans of one owner's fields, sorted by field and offset. */
  async spansOf(
    db: Kysely<Database>,
    owner: Pick<SpanOwner, 'workspaceId' | 'ownerType' | 'ownerId'>,
    fields?: string[],
  ): Promise<(SealedSpan & { id: string })[]> {
    let query = db
      .selectFrom('pii_spans')
      .select(['id', 'field', 'kind', 'start_offset', 'end_offset', 'ciphertext'])
      .where('workspace_id', '=', owner.workspaceId)
      .where('owner_type', '=', owner.ownerType)
      .where('owner_id', '=', owner.ownerId);
    if (fields) query = query.where('field', 'in', fields);
    const rows = await query.orderBy('field').orderBy('start_offset').execute();
    return rows.map((row) => ({
      id: row.id,
      field: row.field,
      kind: row.kind as PiiKind,
      start: row.start_offset,
      end: row.end_offset,
      ciphertext: row.ciphertext,
    }));
  }

  /** Replaces the spans of some fields of one owner (an edit); call inside the owner's transaction. */
  async replaceSpans(
    tx: Kysely<Database>,
    owner: SpanOwner,
    fields: string[],
    spans: readonly SealedSpan[],
  ): Promise<void> {
    if (fields.length === 0) return;
    await tx
      .deleteFrom('pii_spans')
      .where('workspace_id', '=', owner.workspaceId)
      .where('owner_type', '=', owner.ownerType)
      .where('owner_id', '=', owner.ownerId)
      .where('field', 'in', fields)
      .execute();
    await this.storeSpans(tx, owner, spans);
  }

  decrypt(workspaceId: string, ciphertext: string): Promise<string> {
    return this.keyring.decrypt(workspaceId, ciphertext);
  }
}
