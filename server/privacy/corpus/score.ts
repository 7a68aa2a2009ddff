/**
 * Scores a detector against the corpus. A found span counts only when its kind, start and end match an expected
 * one exactly: a phone number found without its +86, or an address that swallowed the district, is a miss and a
 * false alarm at once.
 */
import { PII_KINDS, type PiiKind, type PiiSpan } from '../pii-kinds';
import type { LabeledSentence } from './labels';

export interface KindScore {
  kind: PiiKind;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  /** Found ÷ expected; 1 when nothing was expected. */
  recall: number;
  /** Correct ÷ found; 1 when nothing was found. */
  precision: number;
}

export interface Mistake {
  sentence: string;
  kind: PiiKind;
  text: string;
  error: 'missed' | 'false alarm';
}

export function scoreDetector(
  corpus: LabeledSentence[],
  detect: (text: string) => PiiSpan[],
): { scores: KindScore[]; mistakes: Mistake[] } {
  const counts = new Map(PII_KINDS.map((kind) => [kind, { tp: 0, fn: 0, fp: 0 }]));
  const mistakes: Mistake[] = [];
  for (const sentence of corpus) {
    const key = (span: { kind: PiiKind; start: number; text: string }) =>
      `${span.kind}@${span.start}+${span.text.length}`;
    const expected = new Set(sentence.expected.map(key));
    const found = detect(sentence.text);
    const foundKeys = new Set(found.map(key));
    for (const span of found) {
      const count = counts.get(span.kind);
      if (!count) continue;
      if (expected.has(key(span))) count.tp++;
      else {
        count.fp++;
        mistakes.push({ sentence: sentence.text, kind: span.kind, text: span.text, error: 'false alarm' });
      }
    }
    for (const span of sentence.expected) {
      if (foundKeys.has(key(span))) continue;
      const count = counts.get(span.kind);
      if (count) count.fn++;
      mistakes.push({ sentence: sentence.text, kind: span.kind, text: span.text, error: 'missed' });
    }
  }
  const scores = PII_KINDS.map((kind) => {
    const { tp, fn, fp } = counts.get(kind) ?? { tp: 0, fn: 0, fp: 0 };
    return {
      kind,
      truePositives: tp,
      falseNegatives: fn,
      falsePositives: fp,
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    };
  });
  return { scores, mistakes };
}
