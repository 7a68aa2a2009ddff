/**
 * How the corpus is written: each sentence is a tagged template in which personal data is marked where it stands,
 * `` say`手机${mark.mobile('138 1234 5678')}，下午打` ``, so the expected spans read as exact substrings and
 * their offsets are computed rather than counted by hand.
 */
import type { PiiKind } from '../pii-kinds';

export interface ExpectedSpan {
  kind: PiiKind;
  text: string;
  start: number;
}

export interface LabeledSentence {
  text: string;
  /** Every piece of personal data in the sentence, in order. */
  expected: ExpectedSpan[];
  /** The kinds a hard negative imitates: an order number shaped like a card, a product code like a passport. */
  lookalikeOf: PiiKind[];
}

interface Marked {
  kind: PiiKind;
  text: string;
}

const marker =
  (kind: PiiKind) =>
  (text: string): Marked => ({ kind, text });

/** Marks a piece of personal data inside a sentence. */
export const mark = {
  idCard: marker('id_card'),
  mobile: marker('mobile'),
  landline: marker('landline'),
  bankCard: marker('bank_card'),
  email: marker('email'),
  passport: marker('passport'),
  address: marker('address'),
};

function build(
  strings: TemplateStringsArray,
  values: (Marked | string)[],
  lookalikeOf: PiiKind[],
): LabeledSentence {
  let text = strings[0] ?? '';
  const expected: ExpectedSpan[] = [];
  values.forEach((value, i) => {
    if (typeof value === 'string') {
      text += value;
    } else {
      expected.push({ kind: value.kind, text: value.text, start: text.length });
      text += value.text;
    }
    text += strings[i + 1] ?? '';
  });
  return { text, expected, lookalikeOf };
}

/** A sentence whose personal data is marked; unmarked interpolations are ordinary text. */
export function say(strings: TemplateStringsArray, ...values: (Marked | string)[]): LabeledSentence {
  return build(strings, values, []);
}

/** A hard negative (or a sentence with a decoy beside real data) that imitates the given kinds. */
export function lookalike(...kinds: PiiKind[]) {
  return (strings: TemplateStringsArray, ...values: (Marked | string)[]): LabeledSentence =>
    build(strings, values, kinds);
}
