/**
 * SPF/DKIM/DMARC verdicts as a receiving server recorded them (RFC 8601 Authentication-Results, RFC 7208
 * Received-SPF), for the agent to see next to the sender. Kefu does not verify anything itself here.
 *
 * These are ordinary header fields a sender can write too, so only trusted ones count: those whose authserv-id
 * is in `trustedAuthservIds` (the mailbox provider's or the own MX's name), or, when no list is given, the topmost
 * field — the one the last receiving server prepended. A forged "spf=pass" further down is ignored either way.
 */

export type AuthVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none';

export interface AuthResults {
  spf: AuthVerdict | null;
  dkim: AuthVerdict | null;
  dmarc: AuthVerdict | null;
}

type Method = keyof AuthResults;
const METHODS: Method[] = ['spf', 'dkim', 'dmarc'];

// temperror/permerror/policy neither vouch for nor refute the sender: shown as neutral.
const VERDICTS: Record<string, AuthVerdict> = {
  pass: 'pass',
  fail: 'fail',
  hardfail: 'fail',
  softfail: 'softfail',
  neutral: 'neutral',
  none: 'none',
  temperror: 'neutral',
  permerror: 'neutral',
  policy: 'neutral',
};

/** The verdicts from a message's trusted authentication headers; null where nothing trusted says. */
export function readAuthResults(
  headers: { authenticationResults: string[]; receivedSpf: string[] },
  options: { trustedAuthservIds?: readonly string[] } = {},
): AuthResults {
  const trusted = options.trustedAuthservIds?.map((id) => id.toLowerCase());
  const fields = headers.authenticationResults
    .map(parseAuthenticationResults)
    .filter((field, index) => (trusted ? trusted.includes(field.authservId) : index === 0));

  const results: AuthResults = { spf: null, dkim: null, dmarc: null };
  for (const method of METHODS) {
    const verdicts = fields.flatMap((field) =>
      field.results.filter((r) => r.method === method).map((r) => r.verdict),
    );
    // Several DKIM signatures are normal (the author's and the mailing service's); one valid one authenticates.
    results[method] = verdicts.includes('pass') ? 'pass' : (verdicts[0] ?? null);
  }
  if (!results.spf && !trusted) results.spf = receivedSpfVerdict(headers.receivedSpf[0]);
  return results;
}

function parseAuthenticationResults(value: string): {
  authservId: string;
  results: { method: Method; verdict: AuthVerdict }[];
} {
  const [head = '', ...clauses] = stripComments(value).split(';');
  const results = clauses.flatMap((clause) => {
    const match = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(clause);
    const method = match?.[1]?.toLowerCase() as Method | undefined;
    const verdict = VERDICTS[match?.[2]?.toLowerCase() ?? ''];
    return method && verdict ? [{ method, verdict }] : [];
  });
  return { authservId: head.trim().split(/\s+/)[0]?.toLowerCase() ?? '', results };
}

function receivedSpfVerdict(value: string | undefined): AuthVerdict | null {
  const word = value
    ?.trim()
    .split(/[\s(;]/)[0]
    ?.toLowerCase();
  return word ? (VERDICTS[word] ?? null) : null;
}

/** RFC 5322 comments, nested ones too: they hold free text such as "(domain of x designates …)". */
function stripComments(value: string): string {
  let depth = 0;
  let out = '';
  for (const char of value) {
    if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) out += char;
  }
  return out;
}
