/**
 * One round's mail, from the IMAP folder into tickets: downloaded a chunk at a time (few round trips, bounded memory),
 * committed, and only then acknowledged on the server — flagged \Seen, or moved to the processed folder.
 *
 * The mails of a chunk are committed side by side, so the intake pipeline puts them in one transaction, except that
 * a mail waits for the earlier mails of its thread: a reply must find its original already committed, and a
 * ticket's messages keep the order they arrived in.
 */
import type { ImapFlow } from 'imapflow';
import { messageIds } from './message-id';

export interface Candidate {
  uid: number;
  size: number;
}

export interface TakeOutcome {
  /** Committed, gone from the folder meanwhile, or skipped for its size: not to be taken again. */
  handled: number[];
  /** To be taken again on the next round. */
  failed: number[];
  /** Above the size cap: left unread on the server. */
  skipped: number[];
}

const CHUNK_MESSAGES = 100;
const CHUNK_BYTES = 32 * 1024 * 1024;

/** The UIDs and sizes of a range of the open folder, oldest first. */
export async function listCandidates(client: ImapFlow, range: string): Promise<Candidate[]> {
  const messages = await client.fetchAll(range, { uid: true, size: true }, { uid: true });
  return messages.map((m) => ({ uid: m.uid, size: m.size ?? 0 })).sort((a, b) => a.uid - b.uid);
}

export async function takeMail(options: {
  client: ImapFlow;
  candidates: Candidate[];
  maxMessageBytes: number;
  processedFolder: string | null;
  /** True once the mail is handled (committed, or answered as a duplicate, a bounce or ignored). */
  commit(uid: number, source: Buffer): Promise<boolean>;
  /** Checked between chunks: the mail not reached yet is neither handled nor failed. */
  stopped(): boolean;
}): Promise<TakeOutcome> {
  const { client, maxMessageBytes } = options;
  const outcome: TakeOutcome = { handled: [], failed: [], skipped: [] };
  for (const chunk of chunksOf(options.candidates, maxMessageBytes)) {
    if (options.stopped()) break;
    const wanted = chunk.filter((m) => m.size <= maxMessageBytes).map((m) => m.uid);
    const sources =
      wanted.length > 0
        ? await client.fetchAll(wanted.join(','), { uid: true, source: true }, { uid: true })
        : [];
    const threads: { ids: Set<string>; committed: Promise<boolean> }[] = [];
    const results = chunk.map(({ uid, size }) => {
      if (size > maxMessageBytes) return { uid, result: Promise.resolve('skipped' as const) };
      const source = sources.find((m) => m.uid === uid)?.source;
      // Expunged since it was listed: nothing to take.
      if (!source) return { uid, result: Promise.resolve('gone' as const) };
      const ids = threadIdsOf(source);
      const earlier = threads.filter((thread) => ids.some((id) => thread.ids.has(id)));
      // A reply whose original failed would open a ticket of its own: it waits for the next round with it.
      const committed = Promise.all(earlier.map((thread) => thread.committed)).then((done) =>
        done.every(Boolean) ? options.commit(uid, source) : false,
      );
      threads.push({ ids: new Set(ids), committed });
      return { uid, result: committed.then((ok) => (ok ? ('committed' as const) : ('failed' as const))) };
    });

    const acknowledged: number[] = [];
    for (const { uid, result } of results) {
      const settled = await result;
      if (settled === 'committed') acknowledged.push(uid);
      if (settled === 'skipped') outcome.skipped.push(uid);
      if (settled === 'failed') outcome.failed.push(uid);
      else outcome.handled.push(uid);
    }
    if (acknowledged.length > 0) {
      const range = acknowledged.join(',');
      if (options.processedFolder) await client.messageMove(range, options.processedFolder, { uid: true });
      else await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
    }
  }
  return outcome;
}

/** The Message-IDs a mail names in its header (its own, In-Reply-To, References): the thread it belongs to. */
export function threadIdsOf(source: Buffer): string[] {
  const blankLines = [source.indexOf('\r\n\r\n'), source.indexOf('\n\n')].filter((index) => index >= 0);
  const end = blankLines.length > 0 ? Math.min(...blankLines) : Math.min(source.length, 64 * 1024);
  const header = source
    .subarray(0, end)
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const values = [...header.matchAll(/^(?:message-id|in-reply-to|references):(.*)$/gim)].map(
    (match) => match[1] ?? '',
  );
  return messageIds(values);
}

/** Consecutive runs of at most CHUNK_MESSAGES mails and CHUNK_BYTES (a mail above the cap is not downloaded). */
function chunksOf(candidates: Candidate[], maxMessageBytes: number): Candidate[][] {
  const chunks: Candidate[][] = [];
  let current: Candidate[] = [];
  let bytes = 0;
  for (const candidate of candidates) {
    const cost = candidate.size > maxMessageBytes ? 0 : candidate.size;
    if (current.length > 0 && (current.length >= CHUNK_MESSAGES || bytes + cost > CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(candidate);
    bytes += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
