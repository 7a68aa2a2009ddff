import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { helpdeskDictionary } from './helpdesk-dictionary';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(helpdeskDictionary());
  }
  return jieba;
}

// Punctuation, symbols and whitespace are never search terms.
const NOT_A_TERM = /^[\s\p{P}\p{S}]+$/u;
/** Indexed text per document is capped: search needs the gist, not a 50-page e-mail thread. */
export const MAX_INDEXED_CHARACTERS = 20_000;

function clean(tokens: string[]): string[] {
  return tokens
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token.length > 0 && !NOT_A_TERM.test(token));
}

/**
 * Tokens to index: jieba's search mode, which keeps whole words and adds their parts (退换货 → 退换 换货 退换货),
 * so that a search for a part still finds the whole. Stored space-joined; the database turns them into a tsvector
 * of exactly these lexemes (array_to_tsvector), so PostgreSQL's Latin-minded parser never re-splits them.
 */
export function indexTokens(text: string): string[] {
  return clean(segmenter().cutForSearch(text.slice(0, MAX_INDEXED_CHARACTERS), true));
}

/** Tokens of what someone typed in the search box: precise mode, every token must match. */
export function queryTokens(query: string): string[] {
  return [...new Set(clean(segmenter().cut(query.slice(0, 200), true)))];
}

/** A tsquery that requires every token, written as quoted lexemes so that no parser touches them. */
export function allTokensQuery(tokens: string[]): string {
  return tokens.map((token) => `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' & ');
}

/** Distinct tokens a ticket's search document may hold; beyond it, the earliest words of a long thread win. */
export const MAX_DOCUMENT_TOKENS = 5000;

/** Adds tokens to a stored, space-joined token set without repeating any. */
export function unionTokens(stored: string, added: string[]): string {
  const tokens = new Set(stored ? stored.split(' ') : []);
  for (const token of added) {
    if (tokens.size >= MAX_DOCUMENT_TOKENS) break;
    tokens.add(token);
  }
  return [...tokens].join(' ');
}
