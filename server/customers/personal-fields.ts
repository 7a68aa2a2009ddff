/**
 * A customer's profile as stored: phone and e-mail masked with a keyed hash for exact lookups, free-text fields
 * masked wherever they hold personal data, identities that are personal data themselves (a phone number used as
 * a WhatsApp id, an e-mail address) kept as a hash with a masked display. The originals go to the vault.
 */

import { unprocessable } from '@server/http/problem';
import type { PiiKind } from '@server/privacy/detector';
import { normalizePhone } from '@server/privacy/normalize-phone';
import type { MaskingRules } from '@server/privacy/spans';
import type { PersonalDataVault, SealedSpan } from '@server/privacy/vault';

/** Channels whose customer id is a phone number or an e-mail address. */
const IDENTITY_KIND: Record<string, PiiKind> = {
  email: 'email',
  phone: 'mobile',
  sms: 'mobile',
  whatsapp: 'mobile',
};

const HASHED_PREFIX = 'hmac:';

export interface ProfileText {
  nickname: string;
  company: string;
  notes: string;
  attributes: Record<string, string>;
}

export interface StoredProfile extends ProfileText {
  phone: string | null;
  email: string | null;
}

export const phoneKind = (phone: string): PiiKind =>
  /^1\d{10}$/.test(normalizePhone(phone)) ? 'mobile' : 'landline';

/** What an identity is stored as: the channel id, or a keyed hash of it with a masked display. */
export async function storedIdentity(
  vault: PersonalDataVault,
  workspaceId: string,
  identity: { channel: string; externalId: string },
  rules?: MaskingRules,
): Promise<{ channel: string; externalId: string; display: string; span: SealedSpan | null }> {
  const kind = IDENTITY_KIND[identity.channel];
  if (!kind) return { ...identity, display: identity.externalId, span: null };
  const masked = await vault.maskValue(workspaceId, 'external_id', kind, identity.externalId, rules);
  return {
    channel: identity.channel,
    externalId: HASHED_PREFIX + masked.hash,
    display: masked.text,
    span: masked.span,
  };
}

/** The stored forms an identity lookup must match: the id itself, and its hash where the channel hashes ids. */
export async function identityLookupValues(
  vault: PersonalDataVault,
  workspaceId: string,
  channel: string | null,
  externalId: string,
): Promise<string[]> {
  const kinds: PiiKind[] = channel
    ? [IDENTITY_KIND[channel]].filter((k): k is PiiKind => Boolean(k))
    : ['email', 'mobile'];
  const hashes = await Promise.all(
    kinds.map(async (kind) => HASHED_PREFIX + (await vault.lookupHash(workspaceId, kind, externalId))),
  );
  return channel && IDENTITY_KIND[channel] ? hashes : [externalId, ...hashes];
}

export interface MaskedProfileChanges {
  columns: Partial<StoredProfile & { phone_hash: string | null; email_hash: string | null }>;
  /** The spans of every field in `fields`; the previous spans of those fields are replaced. */
  spans: SealedSpan[];
  fields: string[];
}

// Whatever the mask template looks like (尾号{last:4} has no asterisk), a value equal to the stored mask is the
// form sending back what it showed.
const maskedEcho = (value: string | null | undefined, stored: string | null) =>
  value !== undefined && value !== null && value === stored;

/**
 * Masks the profile fields a create or an edit sends. An edit form sends back what it was shown: a phone or
 * e-mail still equal to its stored mask is unchanged, and masks inside free text keep their originals.
 */
export async function maskProfileChanges(
  vault: PersonalDataVault,
  workspaceId: string,
  changes: Partial<StoredProfile>,
  current: { profile: StoredProfile; spans: (SealedSpan & { id: string })[] } | null,
): Promise<MaskedProfileChanges> {
  const rules = await vault.rules(workspaceId);
  const columns: MaskedProfileChanges['columns'] = {};
  const spans: SealedSpan[] = [];
  const fields: string[] = [];

  for (const field of ['phone', 'email'] as const) {
    const value = changes[field];
    if (value === undefined || maskedEcho(value, current?.profile[field] ?? null)) continue;
    fields.push(field);
    if (value === null || value === '') {
      Object.assign(columns, { [field]: null, [`${field}_hash`]: null });
      continue;
    }
    if (value.includes('*'))
      throw unprocessable('masked_value', 'Enter the full value, not its mask', [
        { path: `/${field}`, message: 'Type the whole phone number or e-mail address' },
      ]);
    const kind = field === 'email' ? 'email' : phoneKind(value);
    const masked = await vault.maskValue(
      workspaceId,
      field,
      kind,
      field === 'email' ? value.toLowerCase() : value,
      rules,
    );
    Object.assign(columns, { [field]: masked.text, [`${field}_hash`]: masked.hash });
    spans.push(masked.span);
  }

  const texts: Record<string, string> = {};
  for (const field of ['nickname', 'company', 'notes'] as const) {
    if (changes[field] !== undefined) texts[field] = changes[field] as string;
  }
  if (changes.attributes !== undefined) {
    for (const [key, value] of Object.entries(changes.attributes)) texts[`attributes.${key}`] = value;
    // Attributes are replaced as a whole: spans of removed keys go too.
    for (const span of current?.spans ?? [])
      if (span.field.startsWith('attributes.')) fields.push(span.field);
  }
  const previousText: Record<string, string> = {};
  for (const field of Object.keys(texts)) {
    const value = previousValue(current?.profile, field);
    if (value !== undefined) previousText[field] = value;
  }
  const masked = await vault.maskFieldEdits(
    workspaceId,
    texts,
    { text: previousText, spans: current?.spans ?? [] },
    rules,
  );
  spans.push(...masked.spans);
  for (const [field, text] of Object.entries(masked.text)) {
    fields.push(field);
    if (field.startsWith('attributes.')) {
      columns.attributes ??= {};
      columns.attributes[field.slice('attributes.'.length)] = text;
    } else Object.assign(columns, { [field]: text });
  }
  if (changes.attributes !== undefined) columns.attributes ??= {};
  return { columns, spans, fields: [...new Set(fields)] };
}

function previousValue(profile: StoredProfile | undefined, field: string): string | undefined {
  if (!profile) return undefined;
  if (field.startsWith('attributes.')) return profile.attributes[field.slice('attributes.'.length)];
  return profile[field as 'nickname' | 'company' | 'notes'];
}
