/**
 * Message-IDs in one canonical form, `<local@host>`, so an id read from In-Reply-To, References, a bounce's
 * returned headers or Kefu's own outbox compares equal. Clients are sloppy here: Outlook separates References
 * with commas, some mailers drop the angle brackets or add comments, so ids are picked out rather than split.
 */

const BRACKETED_ID = /<([^<>\s]+)>/g;

/** Every id in a References-style header value, in the order given, without duplicates. */
export function messageIds(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = [...joined.matchAll(BRACKETED_ID)].map((match) => `<${match[1]}>`);
  const ids =
    bracketed.length > 0
      ? bracketed
      : joined
          .split(/[\s,]+/)
          .filter((token) => token.includes('@'))
          .map((token) => `<${token}>`);
  return [...new Set(ids)];
}

/** The first id in a Message-ID / In-Reply-To value, or null. */
export function firstMessageId(value: string | string[] | null | undefined): string | null {
  return messageIds(value)[0] ?? null;
}
