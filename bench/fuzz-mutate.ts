/**
 * Generators of malformed platform payloads for the parser fuzz run: byte-level damage to a valid sample, and
 * structural damage to its parsed form (wrong types, missing and extra keys, deep nesting, huge values). Seeded, so
 * a crash found once is found again with the same seed.
 */

/** xorshift32: fast, and the same sequence for the same seed. */
export function randomSource(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

export type Random = ReturnType<typeof randomSource>;

const NASTY_FRAGMENTS = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&unknown;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '&b;',
  '</xml>',
  '<xml>',
  '"',
  "'",
  '\\',
  '\u0000',
  '\uFEFF',
  '\uD83D',
  '😀',
  '客服',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  'true',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
];

/** Damages the text of a valid sample: flips, cuts, repeats, inserts. */
export function mutateText(sample: string, random: Random): string {
  let text = sample;
  const rounds = 1 + random.int(4);
  for (let round = 0; round < rounds; round++) {
    const at = random.int(text.length + 1);
    switch (random.int(7)) {
      case 0:
        text = text.slice(0, at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1 + random.int(20));
        break;
      case 2: {
        const length = 1 + random.int(40);
        text = text.slice(0, at) + text.slice(at, at + length).repeat(2 + random.int(50)) + text.slice(at);
        break;
      }
      case 3:
        text = text.slice(0, at) + random.pick(NASTY_FRAGMENTS) + text.slice(at);
        break;
      case 4:
        text = text.slice(0, at) + String.fromCharCode(random.int(0xffff)) + text.slice(at + 1);
        break;
      case 5:
        text = text.slice(0, at) + '<a>'.repeat(1 + random.int(2000)) + text.slice(at);
        break;
      default:
        text = text.slice(0, at) + 'x'.repeat(random.int(100_000)) + text.slice(at);
    }
  }
  return text;
}

const weirdValue = (random: Random, depth = 0): unknown => {
  switch (random.int(12)) {
    case 0:
      return null;
    case 1:
      return random.int(2) === 0;
    case 2:
      return random.pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -1e308]);
    case 3:
      return random.pick(NASTY_FRAGMENTS);
    case 4:
      return 'x'.repeat(random.int(200_000));
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return depth < 3 ? [weirdValue(random, depth + 1), weirdValue(random, depth + 1)] : [];
    case 8:
      return depth < 3 ? { [random.pick(NASTY_FRAGMENTS)]: weirdValue(random, depth + 1) } : {};
    case 9: {
      let nested: unknown = 'deep';
      for (let i = 0; i < 1 + random.int(5000); i++) nested = [nested];
      return nested;
    }
    case 10:
      return Object.create(null);
    default:
      return String(random.int(1_000_000));
  }
};

/** Every [container, key] in a JSON value, to pick one to damage. */
function slots(value: unknown, found: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push([value, index]);
      slots(item, found);
    });
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      found.push([value as Record<string, unknown>, key]);
      slots((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

/** Damages the structure of a valid JSON sample: wrong types, missing or extra keys, swapped containers. */
export function mutateJson(sample: unknown, random: Random): unknown {
  if (random.int(20) === 0) return weirdValue(random);
  const copy = structuredClone(sample);
  const rounds = 1 + random.int(3);
  for (let round = 0; round < rounds; round++) {
    const all = slots(copy);
    if (all.length === 0) return weirdValue(random);
    const [container, key] = random.pick(all);
    const action = random.int(4);
    if (action === 0 && !Array.isArray(container)) delete container[key as string];
    else if (action === 1 && !Array.isArray(container))
      container[random.pick(NASTY_FRAGMENTS)] = weirdValue(random);
    else if (Array.isArray(container)) container[key as number] = weirdValue(random);
    else container[key as string] = weirdValue(random);
  }
  return copy;
}
