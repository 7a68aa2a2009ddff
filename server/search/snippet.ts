/** A piece of text around the first match, with the character ranges of every matched term inside it. */
export interface Snippet {
  field: string;
  text: string;
  highlights: [number, number][];
}

const CONTEXT = 30;

/**
 * Highlights are ranges, not HTML: the app wraps them in <mark> itself, so customer text can never inject markup.
 * Chinese has no word boundaries to respect; Latin terms match case-insensitively.
 */
export function buildSnippet(field: string, text: string, terms: string[]): Snippet | null {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((term) => lower.indexOf(term)).filter((index) => index >= 0));
  if (!Number.isFinite(first)) return null;
  const start = Math.max(0, first - CONTEXT);
  const end = Math.min(text.length, first + CONTEXT * 3);
  const window = lower.slice(start, end);
  const highlights: [number, number][] = [];
  for (const term of terms) {
    for (let at = window.indexOf(term); at >= 0; at = window.indexOf(term, at + term.length)) {
      highlights.push([at, at + term.length]);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  const merged = highlights.reduce<[number, number][]>((all, range) => {
    const last = all.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else all.push([...range]);
    return all;
  }, []);
  const prefix = start > 0 ? '…' : '';
  return {
    field,
    text: `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`,
    highlights: merged.map(([from, to]) => [from + prefix.length, to + prefix.length]),
  };
}
