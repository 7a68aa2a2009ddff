import type { RiskTerm } from '@shared/routing';

/** Words people write for each level when pasting a list (the workspace's own names are added by the caller). */
const PRIORITY_WORDS: Record<RiskTerm['priority'], string[]> = {
  urgent: ['紧急', '特急', 'urgent'],
  important: ['重要', 'important'],
};

export interface PastedTerms {
  terms: RiskTerm[];
  /** Lines that named no word. */
  skipped: number;
}

/**
 * Reads a pasted list, one word a line: `曝光`, or `曝光,紧急,媒体曝光` (comma, tab or 、 between the parts). Lines
 * without a level or category take the defaults; a word listed twice keeps its last line.
 */
export function parsePastedTerms(
  text: string,
  defaults: Pick<RiskTerm, 'priority' | 'category'>,
  priorityNames: Record<RiskTerm['priority'], string>,
): PastedTerms {
  const byTerm = new Map<string, RiskTerm>();
  let skipped = 0;
  const levelOf = (word: string): RiskTerm['priority'] | null => {
    const lower = word.toLowerCase();
    for (const priority of ['urgent', 'important'] as const) {
      if ([...PRIORITY_WORDS[priority], priorityNames[priority]].some((name) => name.toLowerCase() === lower))
        return priority;
    }
    return null;
  };
  for (const line of text.split(/\r?\n/)) {
    const [term = '', ...rest] = line
      .split(/[,，\t、]/)
      .map((part) => part.trim())
      .filter(Boolean);
    if (!term) {
      if (line.trim()) skipped += 1;
      continue;
    }
    let priority = defaults.priority;
    let category = defaults.category;
    for (const part of rest) {
      const level = levelOf(part);
      if (level) priority = level;
      else category = part;
    }
    byTerm.set(term, { term: term.slice(0, 50), priority, category: category.slice(0, 50) });
  }
  return { terms: [...byTerm.values()], skipped };
}

/** The lexicon with the words of `defaults` it lacks added at the end; the words it has stay as they are. */
export function addMissingTerms(current: readonly RiskTerm[], defaults: readonly RiskTerm[]): RiskTerm[] {
  const known = new Set(current.map((entry) => entry.term));
  return [...current, ...defaults.filter((entry) => !known.has(entry.term))];
}

/** The lexicon with `added` merged in: a word already there takes the new level and category. */
export function mergeTerms(current: readonly RiskTerm[], added: readonly RiskTerm[]): RiskTerm[] {
  const byTerm = new Map(current.map((entry) => [entry.term, entry]));
  for (const entry of added) byTerm.set(entry.term, entry);
  return [...byTerm.values()];
}
