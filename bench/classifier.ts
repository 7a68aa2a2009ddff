/**
 * `npm run bench -- classifier`: the type classifier (server/routing/classifier, the production naive Bayes in
 * memory) on the generated labelled set, one model per seed taxonomy as a workspace would have. Held-out split
 * 80/20 per label (no text on both sides); a stricter split keeps every core sentence on one side (how well it
 * generalises to phrasings it never saw); the cold-start keyword hints on the same test messages for comparison.
 */
import { classifierTokens, labelOf } from '@server/routing/classifier/features';
import { suggestFromKeywords } from '@server/routing/classifier/keywords';
import { labelPosteriors, NaiveBayesTable } from '@server/routing/classifier/naive-bayes';
import { suggestionFromPosteriors } from '@server/routing/classifier/suggestion';
import { indexTokens } from '@server/search/segmenter';
import { TAXONOMY_PRESETS } from '@shared/taxonomy';
import { type LabelledMessage, labelledMessages } from './labelled/labelled-messages';

const TEST_SHARE = 0.2;
const PREDICT_ROUNDS = 5;

interface Example extends LabelledMessage {
  tokens: string[];
}

export interface TaxonomyFigures {
  taxonomy: string;
  labels: number;
  trainSize: number;
  testSize: number;
  /** Share of test messages whose suggested type is right. */
  accuracy: number;
  /** Of the test messages labelled with a sub-type, how many; and the share whose type and sub-type are right. */
  subtypeTestSize: number;
  subtypeAccuracy: number;
  /** Type accuracy on a split where no test message's core sentence is the core of a training message. */
  unseenPhrasingAccuracy: number;
  /** Cold start on the same test messages: right type / all, and share with any keyword suggestion. */
  keywordAccuracy: number;
  keywordCoverage: number;
}

export interface ClassifierFigures {
  examples: number;
  trainSize: number;
  testSize: number;
  accuracy: number;
  subtypeAccuracy: number;
  unseenPhrasingAccuracy: number;
  keywordAccuracy: number;
  perTaxonomy: TaxonomyFigures[];
  /** Training the five models from tokenised messages. */
  trainMs: number;
  /** jieba segmentation of one message (indexTokens), p99. */
  tokenizeP99Us: number;
  /** Scoring one tokenised message and turning it into a suggestion, p99. */
  predictP99Us: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};

/** Deterministic shuffle key: the same split every run, unrelated to generation order. */
function hashOf(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}

/** Per label, the first 20 % by `key` order go to the test side. */
function split(examples: Example[], key: (example: Example) => string) {
  const byLabel = new Map<string, Example[]>();
  for (const example of examples) {
    const label = labelOf(example.type, example.subtype);
    const group = byLabel.get(label) ?? [];
    group.push(example);
    byLabel.set(label, group);
  }
  const train: Example[] = [];
  const test: Example[] = [];
  for (const group of byLabel.values()) {
    const keys = [...new Set(group.map(key))].sort((a, b) => hashOf(a) - hashOf(b) || a.localeCompare(b));
    const testKeys = new Set(keys.slice(0, Math.max(1, Math.round(keys.length * TEST_SHARE))));
    for (const example of group) (testKeys.has(key(example)) ? test : train).push(example);
  }
  return { train, test };
}

const typesOf = (taxonomy: string) => TAXONOMY_PRESETS.find((preset) => preset.id === taxonomy)?.types ?? [];

const suggest = (model: NaiveBayesTable, example: Example) =>
  suggestionFromPosteriors(labelPosteriors(model, example.tokens).posteriors, typesOf(example.taxonomy));

function evaluate(train: Example[], test: Example[]) {
  const model = new NaiveBayesTable();
  const started = performance.now();
  for (const example of train) model.learn(labelOf(example.type, example.subtype), example.tokens);
  const trainMs = performance.now() - started;
  let right = 0;
  let rightSubtype = 0;
  let withSubtype = 0;
  for (const example of test) {
    const suggestion = suggest(model, example);
    if (suggestion?.type === example.type) right += 1;
    if (example.subtype) {
      withSubtype += 1;
      if (suggestion?.type === example.type && suggestion.subtype === example.subtype) rightSubtype += 1;
    }
  }
  return { model, trainMs, right, rightSubtype, withSubtype };
}

/** Per-message prediction time over a few rounds, after an untimed one (the first calls compile and allocate). */
function predictionTimesUs(runs: { model: NaiveBayesTable; test: Example[] }[]): number[] {
  const times: number[] = [];
  for (let round = 0; round <= PREDICT_ROUNDS; round++) {
    for (const { model, test } of runs) {
      for (const example of test) {
        const started = performance.now();
        suggest(model, example);
        if (round > 0) times.push((performance.now() - started) * 1000);
      }
    }
  }
  return times;
}

export function measureClassifierAccuracy(): ClassifierFigures {
  const tokenizeUs: number[] = [];
  const examples: Example[] = labelledMessages().map((message) => {
    const started = performance.now();
    const tokens = indexTokens(message.text);
    tokenizeUs.push((performance.now() - started) * 1000);
    return { ...message, tokens: classifierTokens(tokens) };
  });
  const runs: { model: NaiveBayesTable; test: Example[] }[] = [];
  const perTaxonomy: TaxonomyFigures[] = [];
  let trainMs = 0;
  for (const preset of TAXONOMY_PRESETS) {
    const own = examples.filter((example) => example.taxonomy === preset.id);
    const { train, test } = split(own, (example) => example.text);
    const heldOut = evaluate(train, test);
    trainMs += heldOut.trainMs;
    runs.push({ model: heldOut.model, test });
    const strict = split(own, (example) => example.phrasing);
    const unseen = evaluate(strict.train, strict.test);
    const keywords = test.map((example) => suggestFromKeywords(example.text, preset.types));
    perTaxonomy.push({
      taxonomy: preset.id,
      labels: heldOut.model.labels.size,
      trainSize: train.length,
      testSize: test.length,
      accuracy: heldOut.right / test.length,
      subtypeTestSize: heldOut.withSubtype,
      subtypeAccuracy: heldOut.withSubtype ? heldOut.rightSubtype / heldOut.withSubtype : Number.NaN,
      unseenPhrasingAccuracy: unseen.right / strict.test.length,
      keywordAccuracy:
        keywords.filter((suggestion, index) => suggestion?.type === test[index]?.type).length / test.length,
      keywordCoverage: keywords.filter(Boolean).length / test.length,
    });
  }
  const testSize = perTaxonomy.reduce((sum, figures) => sum + figures.testSize, 0);
  const weighted = (pick: (figures: TaxonomyFigures) => number) =>
    perTaxonomy.reduce((sum, figures) => sum + pick(figures) * figures.testSize, 0) / testSize;
  return {
    examples: examples.length,
    trainSize: perTaxonomy.reduce((sum, figures) => sum + figures.trainSize, 0),
    testSize,
    accuracy: weighted((figures) => figures.accuracy),
    subtypeAccuracy:
      perTaxonomy.reduce(
        (sum, figures) => sum + (figures.subtypeAccuracy || 0) * figures.subtypeTestSize,
        0,
      ) / perTaxonomy.reduce((sum, figures) => sum + figures.subtypeTestSize, 0),
    unseenPhrasingAccuracy: weighted((figures) => figures.unseenPhrasingAccuracy),
    keywordAccuracy: weighted((figures) => figures.keywordAccuracy),
    perTaxonomy,
    trainMs: Math.round(trainMs * 10) / 10,
    tokenizeP99Us: Math.round(percentile(tokenizeUs, 0.99)),
    predictP99Us: Math.round(percentile(predictionTimesUs(runs), 0.99)),
  };
}

const percent = (ratio: number) => (Number.isNaN(ratio) ? '–' : `${(ratio * 100).toFixed(1)} %`);

/** Printable lines for bench/run.ts. */
export function classifierBenchLines(figures: ClassifierFigures = measureClassifierAccuracy()): string[] {
  return [
    `  labelled messages: ${figures.examples} (train ${figures.trainSize}, test ${figures.testSize})`,
    '  taxonomy                  labels   type acc.  type+sub   unseen phrasing   keywords (coverage)',
    ...figures.perTaxonomy.map(
      (row) =>
        `  ${row.taxonomy.padEnd(24)} ${String(row.labels).padStart(6)}   ${percent(row.accuracy).padStart(8)}  ${percent(row.subtypeAccuracy).padStart(8)}   ${percent(row.unseenPhrasingAccuracy).padStart(15)}   ${percent(row.keywordAccuracy).padStart(8)} (${percent(row.keywordCoverage)})`,
    ),
    `  all                              ${percent(figures.accuracy).padStart(8)}  ${percent(figures.subtypeAccuracy).padStart(8)}   ${percent(figures.unseenPhrasingAccuracy).padStart(15)}   ${percent(figures.keywordAccuracy).padStart(8)}`,
    `  train (5 models, ${figures.trainSize} messages)             ${figures.trainMs} ms`,
    `  segment one message (jieba), p99                ${figures.tokenizeP99Us} µs`,
    `  predict one message, p99                        ${figures.predictP99Us} µs`,
  ];
}
