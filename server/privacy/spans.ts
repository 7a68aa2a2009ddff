/**
 * Offset arithmetic for masked fields. Pure: the vault seals and stores, this module only says where each mask
 * sits in the stored text and how to put originals back.
 */

import { detectPersonalData, type PiiKind } from './detector';
import { applyMask, type MaskFormat } from './masks';

/** A mask inside a stored (masked) text: UTF-16 offsets into that text, end exclusive. */
export interface MaskedSpan {
  kind: PiiKind;
  start: number;
  end: number;
}

export interface MaskedText<S extends MaskedSpan = MaskedSpan & { original: string }> {
  text: string;
  spans: S[];
}

export interface MaskingRules {
  kinds: PiiKind[];
  formats: Partial<Record<PiiKind, MaskFormat>>;
}

/** Masks `text` and reports where each mask landed in the masked text, with the original it replaced. */
export function maskText(text: string, rules: MaskingRules): MaskedText {
  const found = detectPersonalData(text, { kinds: rules.kinds });
  let masked = '';
  let copiedUpTo = 0;
  const spans: (MaskedSpan & { original: string })[] = [];
  for (const span of found) {
    masked += text.slice(copiedUpTo, span.start);
    const replacement = applyMask(span, rules.formats[span.kind]);
    spans.push({
      kind: span.kind,
      start: masked.length,
      end: masked.length + replacement.length,
      original: span.text,
    });
    masked += replacement;
    copiedUpTo = span.end;
  }
  return { text: masked + text.slice(copiedUpTo), spans };
}

/** The original text, given the stored text and its spans with their originals. */
export function unmaskText(text: string, spans: readonly (MaskedSpan & { original: string })[]): string {
  let result = '';
  let copiedUpTo = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < copiedUpTo || span.end > text.length) continue;
    result += text.slice(copiedUpTo, span.start) + span.original;
    copiedUpTo = span.end;
  }
  return result + text.slice(copiedUpTo);
}

/**
 * When an agent edits a field that already holds masks (a subject with `138****5678` in it), the edited text
 * arrives with the masks, which the detector no longer recognises. A previous span is kept, at its new offset,
 * wherever its mask still appears in order and does not overlap a newly detected span; a mask the agent deleted
 * loses its original with it.
 */
export function carryOverSpans<S extends MaskedSpan>(
  previous: { text: string; spans: readonly S[] },
  next: { text: string; spans: readonly MaskedSpan[] },
): S[] {
  const kept: S[] = [];
  let cursor = 0;
  for (const span of [...previous.spans].sort((a, b) => a.start - b.start)) {
    const mask = previous.text.slice(span.start, span.end);
    if (!mask) continue;
    // The first occurrence may be a newly detected span with the same mask; look further along.
    let at = next.text.indexOf(mask, cursor);
    while (at >= 0 && next.spans.some((fresh) => fresh.start < at + mask.length && at < fresh.end))
      at = next.text.indexOf(mask, at + 1);
    if (at < 0) continue;
    const end = at + mask.length;
    kept.push({ ...span, start: at, end });
    cursor = end;
  }
  return kept;
}
