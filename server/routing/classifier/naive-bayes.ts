/**
 * Multinomial naive Bayes over a ticket's words, with Laplace smoothing: the whole model is a table of counts,
 * so an agent's confirmation adds one ticket's counts and a correction takes them back (no retraining, no
 * downloaded model). No I/O here: model.ts reads the counts a batch needs from the database, the bench trains
 * in memory with the same functions.
 */

/** How many tickets taught a label, and how many words they held in all. */
export interface LabelTotals {
  documents: number;
  tokens: number;
}

export interface NaiveBayesCounts {
  labels: ReadonlyMap<string, LabelTotals>;
  /** token → label → occurrences; only the tokens being scored need to be present. */
  tokens: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Distinct tokens the model has seen under any label: the smoothing's denominator. */
  vocabularySize: number;
}

export interface LabelPosterior {
  label: string;
  /** P(label | words), 0–1; the posteriors of one document add up to 1. */
  posterior: number;
}

/** Laplace: a word never seen with a label still gets one pseudo-occurrence, so one word cannot veto a label. */
const SMOOTHING = 1;

/** Occurrences per token of one document. */
export function countTokens(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/**
 * The posterior of every label (restricted to `labels` when given), best first. Words the model never saw carry
 * no evidence and are skipped; `knownTokens` says how many occurrences did count, 0 meaning the answer is only
 * the prior.
 */
export function labelPosteriors(
  model: NaiveBayesCounts,
  tokens: readonly string[],
  labels?: ReadonlySet<string>,
): { posteriors: LabelPosterior[]; knownTokens: number } {
  const candidates = [...model.labels].filter(
    ([label, totals]) => totals.documents > 0 && (!labels || labels.has(label)),
  );
  if (candidates.length === 0) return { posteriors: [], knownTokens: 0 };
  const documents = candidates.reduce((sum, [, totals]) => sum + totals.documents, 0);
  const vocabulary = Math.max(model.vocabularySize, 1);
  const occurrences = [...countTokens(tokens)].filter(([token]) => model.tokens.has(token));
  const scores = candidates.map(([label, totals]) => {
    let score = Math.log((totals.documents + SMOOTHING) / (documents + SMOOTHING * candidates.length));
    const denominator = Math.log(totals.tokens + SMOOTHING * vocabulary);
    for (const [token, times] of occurrences) {
      const count = model.tokens.get(token)?.get(label) ?? 0;
      score += times * (Math.log(count + SMOOTHING) - denominator);
    }
    return { label, score };
  });
  // Softmax in log space: the raw likelihoods of a long message underflow a double.
  const best = Math.max(...scores.map((entry) => entry.score));
  const weights = scores.map((entry) => Math.exp(entry.score - best));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const posteriors = scores
    .map((entry, index) => ({ label: entry.label, posterior: (weights[index] as number) / total }))
    .sort((a, b) => b.posterior - a.posterior || (a.label < b.label ? -1 : 1));
  return { posteriors, knownTokens: occurrences.reduce((sum, [, times]) => sum + times, 0) };
}

/** Counts that grow and shrink in memory: the bench's and the tests' model, the same arithmetic as the tables. */
export class NaiveBayesTable implements NaiveBayesCounts {
  readonly labels = new Map<string, LabelTotals>();
  readonly tokens = new Map<string, Map<string, number>>();

  get vocabularySize(): number {
    return this.tokens.size;
  }

  /** Adds (`sign` 1) or takes back (`sign` -1) one document's lesson. */
  learn(label: string, tokens: readonly string[], sign: 1 | -1 = 1): void {
    const totals = this.labels.get(label) ?? { documents: 0, tokens: 0 };
    totals.documents += sign;
    totals.tokens += sign * tokens.length;
    if (totals.documents > 0) this.labels.set(label, totals);
    else this.labels.delete(label);
    for (const [token, times] of countTokens(tokens)) {
      const perLabel = this.tokens.get(token) ?? new Map<string, number>();
      const count = (perLabel.get(label) ?? 0) + sign * times;
      if (count > 0) perLabel.set(label, count);
      else perLabel.delete(label);
      if (perLabel.size > 0) this.tokens.set(token, perLabel);
      else this.tokens.delete(token);
    }
  }
}
