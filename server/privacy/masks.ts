/**
 * How each kind is masked by default: enough left visible for an agent to recognise which card or phone the
 * customer means (尾号 5678), never enough to use it.
 */
import { foldToHalfWidth } from './context';
import type { PiiKind, PiiSpan } from './pii-kinds';

/**
 * A mask per kind: a function of the span, or a template where `{first:N}` and `{last:N}` stand for the first and
 * last N characters of the value without spaces, dashes and brackets (`'{first:3}****{last:4}'`, `'[地址]'`).
 */
export type MaskFormat = string | ((span: PiiSpan) => string);

const SIGNIFICANT = /[0-9A-Za-z]/;

// Positions of the digits and letters; separators and brackets between them keep their place in the mask.
function significantPositions(text: string): number[] {
  const folded = foldToHalfWidth(text);
  const positions: number[] = [];
  for (let i = 0; i < folded.length; i++) if (SIGNIFICANT.test(folded[i] ?? '')) positions.push(i);
  return positions;
}

function hidePositions(text: string, hidden: Iterable<number>): string {
  const characters = text.split('');
  for (const position of hidden) characters[position] = '*';
  return characters.join('');
}

/** Keeps the first `first` and last `last` digits or letters, hides the ones between. */
function keepEnds(text: string, first: number, last: number): string {
  const positions = significantPositions(text);
  return hidePositions(text, positions.slice(first, Math.max(first, positions.length - last)));
}

// The national number is the last 11 digits, whatever prefix (+86, 0086) precedes it: hide its middle four.
function maskMobile(span: PiiSpan): string {
  const national = significantPositions(span.text).slice(-11);
  return hidePositions(span.text, national.slice(3, 7));
}

const LANDLINE_AREA =
  /^(?:(?:\+|00)86[ -]?(?:\(0\))?(?:10|2\d|[3-9]\d\d)|\(0(?:10|2\d|[3-9]\d\d)\)|0(?:10|2\d|[3-9]\d\d))/;

function maskLandline(span: PiiSpan): string {
  const areaLength = LANDLINE_AREA.exec(foldToHalfWidth(span.text))?.[0].length ?? 0;
  const local = significantPositions(span.text).filter((position) => position >= areaLength);
  return hidePositions(span.text, local.slice(0, -2));
}

// Always four groups, whatever the length: the mask should not tell a 16-digit card from a 19-digit one.
function maskBankCard(span: PiiSpan): string {
  const digits = significantPositions(span.text)
    .map((position) => span.text[position])
    .join('');
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}

function maskEmail(span: PiiSpan): string {
  const at = foldToHalfWidth(span.text).indexOf('@');
  return `${span.text.slice(0, 1)}***${span.text.slice(at)}`;
}

export const DEFAULT_MASKS: Record<PiiKind, (span: PiiSpan) => string> = {
  id_card: (span) => keepEnds(span.text, 6, 4),
  mobile: maskMobile,
  landline: maskLandline,
  bank_card: maskBankCard,
  email: maskEmail,
  passport: (span) => keepEnds(span.text, 1, 2),
  // The span starts below the district, so what stays visible before it is 省/市/区.
  address: () => '****',
};

function fillTemplate(template: string, span: PiiSpan): string {
  const compact = span.text.replace(/[\s\-()（）－]/g, '');
  return template.replace(/\{(first|last):(\d+)\}/g, (_placeholder, end: string, count: string) => {
    const length = Number(count);
    if (length === 0) return '';
    return end === 'first' ? compact.slice(0, length) : compact.slice(-length);
  });
}

export function applyMask(span: PiiSpan, format: MaskFormat | undefined): string {
  if (typeof format === 'function') return format(span);
  if (typeof format === 'string') return fillTemplate(format, span);
  return DEFAULT_MASKS[span.kind](span);
}
