/**
 * The subject of an outgoing reply (seed 003: 【售后反馈】关于订单…的故障处理进度), rendered from a mailbox's templates:
 * the server sends it, the admin app previews it. It always carries the ticket tag [#number], so the customer's
 * answer threads even when their client drops our headers.
 */

export interface SubjectValues {
  /** The ticket's subject as the customer wrote it. */
  subject: string;
  number: string;
  /** The type's label (售后, 投诉…), empty when the ticket has none. */
  typeLabel: string;
  typeKey: string | null;
  orderNumber: string;
}

/** The key of the template used for types without one of their own. */
export const DEFAULT_TEMPLATE_KEY = 'default';
export const DEFAULT_SUBJECT_TEMPLATE = 'Re: {subject}';
export const SUBJECT_PLACEHOLDERS = ['{subject}', '{number}', '{type}', '{order}'] as const;

const ticketTag = (number: string) => `[#${number}]`;

/** The subject for a reply: the type's template, else the mailbox default, else `Re: {subject}`; tag appended. */
export function renderSubject(templates: Readonly<Record<string, string>>, values: SubjectValues): string {
  const template =
    (values.typeKey ? templates[values.typeKey] : undefined) ||
    templates[DEFAULT_TEMPLATE_KEY] ||
    DEFAULT_SUBJECT_TEMPLATE;
  const filled = template
    .replaceAll('{subject}', values.subject)
    .replaceAll('{number}', values.number)
    .replaceAll('{type}', values.typeLabel)
    .replaceAll('{order}', values.orderNumber)
    .replace(/\s+/g, ' ')
    .trim();
  const tag = ticketTag(values.number);
  return filled.includes(tag) ? filled : `${filled} ${tag}`;
}
