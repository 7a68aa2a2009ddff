/**
 * Finds personal data in what customers write (身份证, 手机, 座机, 银行卡, 邮箱, 护照, 详细地址) and masks it. Pure: no
 * I/O, no clock, the same spans for the same text.
 */
import { findAddresses } from './address';
import { foldToHalfWidth } from './context';
import { findEmails } from './email';
import { applyMask, type MaskFormat } from './masks';
import { findBankCards, findIdCards, findLandlines, findMobiles } from './numbers';
import { findPassports } from './passport';
import { PII_KINDS, type PiiKind, type PiiLocation, type PiiSpan } from './pii-kinds';

export type { MaskFormat } from './masks';
export { PII_KINDS, type PiiKind, type PiiSpan } from './pii-kinds';

export interface DetectOptions {
  /** Only these kinds are reported; all kinds by default. */
  kinds?: PiiKind[];
}

export interface MaskOptions extends DetectOptions {
  /** Overrides the default mask of a kind. */
  formats?: Partial<Record<PiiKind, MaskFormat>>;
}

const PRECEDENCE = new Map<PiiKind, number>(PII_KINDS.map((kind, rank) => [kind, rank]));

// Candidates may overlap: a QQ number inside 123456@qq.com, a 62… identity number that also passes Luhn. The kind
// earlier in PII_KINDS wins, and the loser is dropped whole rather than cut, so every span is what its kind says.
function settleOverlaps(candidates: PiiLocation[]): PiiLocation[] {
  const ranked = [...candidates].sort(
    (a, b) => (PRECEDENCE.get(a.kind) ?? 0) - (PRECEDENCE.get(b.kind) ?? 0) || a.start - b.start,
  );
  // Kept spans never overlap, so sorted by start they are sorted by end too: one binary search finds the only
  // kept span a candidate could collide with.
  const kept: PiiLocation[] = [];
  for (const candidate of ranked) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((kept[middle]?.end ?? 0) <= candidate.start) low = middle + 1;
      else high = middle;
    }
    const next = kept[low];
    if (!next || next.start >= candidate.end) kept.splice(low, 0, candidate);
  }
  return kept;
}

/**
 * Personal data in `text`, sorted and non-overlapping, with UTF-16 offsets into `text`. Overlaps are settled among
 * all kinds before `kinds` filters, so a kind's spans do not depend on which other kinds were asked for.
 */
export function detectPersonalData(text: string, options: DetectOptions = {}): PiiSpan[] {
  const folded = foldToHalfWidth(text);
  const candidates = [
    ...findEmails(folded),
    ...findIdCards(folded),
    ...findBankCards(folded),
    ...findPassports(folded),
    ...findMobiles(folded),
    ...findLandlines(folded),
    ...findAddresses(folded),
  ];
  const wanted = new Set(options.kinds ?? PII_KINDS);
  return settleOverlaps(candidates)
    .filter((location) => wanted.has(location.kind))
    .map((location) => ({ ...location, text: text.slice(location.start, location.end) }));
}

/** `text` with each piece of personal data replaced by its mask, and the spans that were replaced. */
export function maskPersonalData(
  text: string,
  options: MaskOptions = {},
): { masked: string; spans: (PiiSpan & { masked: string })[] } {
  const spans = detectPersonalData(text, options).map((span) => ({
    ...span,
    masked: applyMask(span, options.formats?.[span.kind]),
  }));
  let masked = '';
  let copiedUpTo = 0;
  for (const span of spans) {
    masked += text.slice(copiedUpTo, span.start) + span.masked;
    copiedUpTo = span.end;
  }
  return { masked: masked + text.slice(copiedUpTo), spans };
}
