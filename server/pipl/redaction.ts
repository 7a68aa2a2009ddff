/**
 * Pure rules of what an erasure or a retention run leaves behind: the placeholder texts, which timeline entries
 * may hold free text, and how files are named inside an export. No I/O here.
 */

/** What an erased customer is called afterwards; the row stays so that ticket statistics keep their customer. */
export const ERASED_CUSTOMER_NAME = '已删除客户';
/** An erased ticket subject or message body. */
export const ERASED_TEXT = '[已删除]';
/** A message body anonymised by the retention period. */
export const RETAINED_TEXT = '[已按保留期限匿名化]';

/**
 * Ticket fields whose before/after values in a `field_changed` entry are ids, enums or agent-chosen labels.
 * Any other field (subject, description, custom fields, order numbers, and whatever is added later) may carry the
 * customer's words, so an allow-list: a new free-text field is scrubbed without anyone remembering to add it.
 */
const FIELDS_WITHOUT_FREE_TEXT = new Set([
  'type',
  'subtype',
  'priority',
  'status',
  'customerId',
  'assigneeId',
  'teamId',
  'collaboratorIds',
  'needsCollaboration',
  'collaborationDepartmentIds',
  'tags',
  'productModel',
]);

const scrubbedValue = (value: unknown): unknown => {
  if (typeof value === 'string') return value ? ERASED_TEXT : value;
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') return {};
  return value;
};

/**
 * A timeline entry's data with free text replaced, keeping its shape (a string stays a string, an object an
 * empty object) so that the app renders it as before. Returns null when the entry holds nothing to scrub.
 */
export function scrubEventData(
  kind: string,
  data: Record<string, unknown>,
  onlyFields?: readonly string[],
): Record<string, unknown> | null {
  if (kind !== 'field_changed') return null;
  const field = typeof data.field === 'string' ? data.field : '';
  if (FIELDS_WITHOUT_FREE_TEXT.has(field)) return null;
  if (onlyFields && !onlyFields.includes(field)) return null;
  return { ...data, from: scrubbedValue(data.from), to: scrubbedValue(data.to) };
}

/** A file name safe as one zip entry segment: no directories, no control characters, never empty or a dot name. */
export function safeEntryName(filename: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
  const cleaned = filename.replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim();
  if (!cleaned || /^\.+$/.test(cleaned)) return 'file';
  return cleaned.slice(0, 200);
}

/** `name.ext`, then `name (2).ext`, `name (3).ext`…: two files of one ticket may share a name. */
export function uniqueEntryName(filename: string, taken: Set<string>): string {
  const safe = safeEntryName(filename);
  let candidate = safe;
  const dot = safe.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  for (let copy = 2; taken.has(candidate); copy++) candidate = `${stem} (${copy})${extension}`;
  taken.add(candidate);
  return candidate;
}

/**
 * The retention cutoff: `months` calendar months before `now`, in UTC. A day that does not exist in the target
 * month (31 March − 1 month) falls on that month's last day rather than spilling into the next.
 */
export function retentionCutoff(months: number, now: Date): Date {
  const target = new Date(now.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** The workspace's retention period in whole months, or null when retention is off or the setting is unusable. */
export function retentionMonthsOf(
  settings: { privacy?: { retentionMonths?: number | null } } | null,
): number | null {
  const months = settings?.privacy?.retentionMonths;
  return typeof months === 'number' && Number.isInteger(months) && months > 0 ? months : null;
}
