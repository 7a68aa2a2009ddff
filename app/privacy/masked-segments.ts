import type { PersonalDataSpan, PiiKind } from '@app/api/types';

/** A mask to draw: a span of a text field, or a whole masked value (a channel identity) whose kind is not told. */
export interface MaskSpan {
  id: string;
  kind: PiiKind | null;
  start: number;
  end: number;
}

export type Segment =
  | { type: 'text'; start: number; text: string; highlights: [number, number][] }
  | { type: 'mask'; span: MaskSpan; text: string; highlighted: boolean };

/** The spans of one field of a ticket, message or customer. */
export const spansOf = (personalData: readonly PersonalDataSpan[] | undefined, field: string): MaskSpan[] =>
  (personalData ?? []).filter((span) => span.field === field);

/**
 * Cuts a text into plain stretches and masks. Search highlights (offsets into the same text) are moved into the
 * stretch they fall in, and mark a mask they touch. A span that overlaps another or no longer fits the text (the
 * text changed since) is shown as plain text rather than cut wrongly.
 */
export function maskedSegments(
  text: string,
  spans: readonly MaskSpan[],
  highlights: readonly [number, number][] = [],
): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  const addPlain = (start: number, end: number) => {
    if (end <= start) return;
    const inside = highlights
      .filter(([from, to]) => from < end && start < to)
      .map(([from, to]): [number, number] => [Math.max(from, start) - start, Math.min(to, end) - start]);
    segments.push({ type: 'text', start, text: text.slice(start, end), highlights: inside });
  };
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    addPlain(at, span.start);
    segments.push({
      type: 'mask',
      span,
      text: text.slice(span.start, span.end),
      highlighted: highlights.some(([from, to]) => from < span.end && span.start < to),
    });
    at = span.end;
  }
  addPlain(at, text.length);
  return segments;
}
