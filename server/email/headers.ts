/**
 * The header fields later steps decide on (loop prevention, sender authentication), read from the raw header
 * lines. Raw lines rather than mailparser's map because these fields may repeat — one Authentication-Results per
 * receiving hop — and their order matters: the topmost was added by the server nearest to us.
 */

export interface EmailHeaders {
  autoSubmitted: string | null;
  precedence: string | null;
  xAutoreply: string | null;
  xAutorespond: string | null;
  xAutoResponseSuppress: string | null;
  /** `<>` on bounces: the null reverse-path. */
  returnPath: string | null;
  /** Topmost (most recently added) first. */
  authenticationResults: string[];
  receivedSpf: string[];
}

/** Unfolded values of one header field, topmost first. */
export function headerValues(lines: ReadonlyArray<{ key: string; line: string }>, key: string): string[] {
  return lines
    .filter((line) => line.key === key)
    .map((line) =>
      line.line
        .slice(line.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

export function readEmailHeaders(lines: ReadonlyArray<{ key: string; line: string }>): EmailHeaders {
  const first = (key: string) => headerValues(lines, key)[0] ?? null;
  return {
    autoSubmitted: first('auto-submitted'),
    precedence: first('precedence'),
    xAutoreply: first('x-autoreply'),
    xAutorespond: first('x-autorespond'),
    xAutoResponseSuppress: first('x-auto-response-suppress'),
    returnPath: first('return-path'),
    authenticationResults: headerValues(lines, 'authentication-results'),
    receivedSpf: headerValues(lines, 'received-spf'),
  };
}
