/**
 * Personal-data detector on its labeled corpus: recall and precision per kind (a span counts only when kind, start
 * and end are exact), and how many messages per second it scans.
 */
import { piiCorpus } from '@server/privacy/corpus';
import { scoreDetector } from '@server/privacy/corpus/score';
import { detectPersonalData } from '@server/privacy/detector';

const THROUGHPUT_ROUNDS = 20;

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)} %`;

function measureThroughput(): { sentencesPerSecond: number; charactersPerSecond: number } {
  const texts = piiCorpus.map((sentence) => sentence.text);
  // One untimed round so that the regexes are compiled and optimised before the clock starts.
  for (const text of texts) detectPersonalData(text);
  let characters = 0;
  const started = performance.now();
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    for (const text of texts) {
      detectPersonalData(text);
      characters += text.length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    sentencesPerSecond: Math.round((texts.length * THROUGHPUT_ROUNDS) / seconds),
    charactersPerSecond: Math.round(characters / seconds),
  };
}

/** Printable lines: one per kind, the totals, the corpus size and the throughput. */
export function measureDetectorAccuracy(): string[] {
  const { scores } = scoreDetector(piiCorpus, (text) => detectPersonalData(text));
  const row = (label: string, tp: number, fn: number, fp: number) => {
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    return `  ${label.padEnd(10)} ${String(tp).padStart(5)} ${String(fn).padStart(5)} ${String(fp).padStart(5)}   ${percent(recall).padStart(8)}   ${percent(precision).padStart(9)}`;
  };
  const total = scores.reduce(
    (sum, score) => ({
      tp: sum.tp + score.truePositives,
      fn: sum.fn + score.falseNegatives,
      fp: sum.fp + score.falsePositives,
    }),
    { tp: 0, fn: 0, fp: 0 },
  );
  const speed = measureThroughput();
  return [
    `  corpus: ${piiCorpus.length} sentences, ${total.tp + total.fn} labeled spans`,
    '  kind          TP    FN    FP     recall   precision',
    ...scores.map((score) =>
      row(score.kind, score.truePositives, score.falseNegatives, score.falsePositives),
    ),
    row('total', total.tp, total.fn, total.fp),
    `  throughput (corpus × ${THROUGHPUT_ROUNDS})                     ${speed.sentencesPerSecond.toLocaleString('en')} sentences/s, ${speed.charactersPerSecond.toLocaleString('en')} chars/s`,
  ];
}
