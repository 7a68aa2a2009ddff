/**
 * The ticket side of masking at intake: which ticket fields hold customer-written text, and how an edit keeps
 * the originals of masks it did not touch.
 */
import type { Database } from '@server/db/schema';
import { detectPersonalData } from '@server/privacy/detector';
import type { PersonalDataVault, SealedSpan } from '@server/privacy/vault';
import type { Kysely } from 'kysely';

type CustomFields = Record<string, string | number | boolean | null>;

const CUSTOM_FIELD = 'customFields.';

/** The free-text fields of a ticket, keyed by span field name (`subject`, `customFields.<key>`). */
export function ticketTexts(ticket: {
  subject?: string;
  description?: string;
  customFields?: CustomFields;
  productModel?: string | null;
}): Record<string, string> {
  const texts: Record<string, string> = {};
  if (ticket.subject !== undefined) texts.subject = ticket.subject;
  if (ticket.description !== undefined) texts.description = ticket.description;
  for (const [key, value] of Object.entries(ticket.customFields ?? {})) {
    if (typeof value === 'string') texts[CUSTOM_FIELD + key] = value;
    // A number field holding a phone or card number (联系电话: 13912345678) is stored as its masked text.
    else if (typeof value === 'number' && detectPersonalData(String(value)).length > 0)
      texts[CUSTOM_FIELD + key] = String(value);
  }
  if (typeof ticket.productModel === 'string') texts.productModel = ticket.productModel;
  return texts;
}

/** Puts masked texts back into the shape the ticket columns take. */
export function applyMaskedTexts<
  T extends { subject?: string; description?: string; customFields?: CustomFields },
>(ticket: T, masked: Record<string, string>): T {
  const customFields = ticket.customFields ? { ...ticket.customFields } : undefined;
  for (const [field, text] of Object.entries(masked))
    if (field.startsWith(CUSTOM_FIELD) && customFields) customFields[field.slice(CUSTOM_FIELD.length)] = text;
  return {
    ...ticket,
    ...(masked.subject !== undefined ? { subject: masked.subject } : {}),
    ...(masked.description !== undefined ? { description: masked.description } : {}),
    ...(masked.productModel !== undefined ? { productModel: masked.productModel } : {}),
    ...(customFields ? { customFields } : {}),
  };
}

/**
 * Masks an edit of a ticket's texts. Returns the masked changes, the spans of every field the edit sets, those
 * fields (whose previous spans are to be replaced), and the version the masks were computed against, which the
 * edit's transaction must still find. A whole `customFields` object replaces the old one, so spans of custom fields
 * it drops are replaced too. An edit without text (status, assignee…) reads nothing.
 */
export async function maskTicketEdit<
  C extends {
    subject?: string;
    description?: string;
    customFields?: CustomFields;
    productModel?: string | null;
  },
>(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  ticket: { workspaceId: string; ticketId: string },
  changes: C,
): Promise<{ changes: C; spans: SealedSpan[]; fields: string[]; basedOnVersion: number | null }> {
  const unchanged = { changes, spans: [], fields: [], basedOnVersion: null };
  const edits = ticketTexts(changes);
  if (Object.keys(edits).length === 0 && changes.customFields === undefined) return unchanged;
  const current = await db
    .selectFrom('tickets')
    .select(['id', 'version', 'subject', 'description', 'custom_fields', 'product_model'])
    .where('workspace_id', '=', ticket.workspaceId)
    .where('id', '=', ticket.ticketId)
    .executeTakeFirst();
  // The edit's transaction reports the missing ticket.
  if (!current) return unchanged;
  const previousSpans = await vault.spansOf(db, {
    workspaceId: ticket.workspaceId,
    ownerType: 'ticket',
    ownerId: current.id,
  });
  const previousText = ticketTexts({
    subject: current.subject,
    description: current.description,
    customFields: current.custom_fields,
    productModel: current.product_model,
  });
  const masked = await vault.maskFieldEdits(ticket.workspaceId, edits, {
    text: previousText,
    spans: previousSpans,
  });
  const fields = new Set(Object.keys(edits));
  if (changes.customFields !== undefined)
    for (const span of previousSpans) if (span.field.startsWith(CUSTOM_FIELD)) fields.add(span.field);
  return {
    changes: applyMaskedTexts(changes, masked.text),
    spans: masked.spans,
    fields: [...fields],
    basedOnVersion: current.version,
  };
}
