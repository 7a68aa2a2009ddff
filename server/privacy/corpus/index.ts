/** The labeled corpus the detector is measured against: realistic customer-service messages, hard negatives included. */
import type { PiiKind } from '../pii-kinds';
import { addressSentences } from './addresses';
import { bankCardSentences } from './bank-cards';
import { chatMessageSentences } from './chat-messages';
import { conversationSentences } from './conversations';
import { emailSentences } from './emails';
import { everydayNumberSentences } from './everyday-numbers';
import { idCardSentences } from './id-cards';
import type { LabeledSentence } from './labels';
import { landlineSentences } from './landlines';
import { mobileSentences } from './mobiles';
import { passportSentences } from './passports';

export type { ExpectedSpan, LabeledSentence } from './labels';

export const piiCorpus: LabeledSentence[] = [
  ...idCardSentences,
  ...mobileSentences,
  ...landlineSentences,
  ...bankCardSentences,
  ...emailSentences,
  ...passportSentences,
  ...addressSentences,
  ...conversationSentences,
  ...chatMessageSentences,
  ...everydayNumberSentences,
];

/** Per kind: how many spans the corpus expects, and how many sentences imitate the kind without containing it. */
export function corpusComposition(
  corpus: LabeledSentence[] = piiCorpus,
): Map<PiiKind, { positives: number; lookalikes: number }> {
  const composition = new Map<PiiKind, { positives: number; lookalikes: number }>();
  const entry = (kind: PiiKind) => {
    const existing = composition.get(kind) ?? { positives: 0, lookalikes: 0 };
    composition.set(kind, existing);
    return existing;
  };
  for (const sentence of corpus) {
    for (const span of sentence.expected) entry(span.kind).positives++;
    for (const kind of sentence.lookalikeOf) entry(kind).lookalikes++;
  }
  return composition;
}
