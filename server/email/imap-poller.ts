/**
 * IMAP polling for one mailbox: one connection that waits in IDLE on the mailbox's folder and takes new mail through
 * `receiveEmail`. A mail is acknowledged on the server (flagged \Seen, or moved to the processed folder) only after it
 * is committed, and the mailbox's UID cursor never passes a mail that failed: that mail is retried on the next round.
 *
 * The cursor is the folder's UID: everything up to `imap_last_uid` is handled. Until the first round on a folder
 * (or after its UIDVALIDITY changed, when its UIDs mean nothing any more) there is no cursor yet, and the unseen
 * mail is what gets taken — not years of history. The cursor is set once such a round leaves nothing behind.
 *
 * The connection state is written to the mailbox row for the admin page: `imap_status`, a short `imap_error` (never
 * an address, a subject or a server's free text) and `imap_checked_at`.
 */
import type { EmailMailboxRow, ImapStatus } from '@server/db/email-tables';
import type { Keyring } from '@server/privacy/keyring';
import { ImapFlow } from 'imapflow';
import { type RawBuilder, sql } from 'kysely';
import { type Candidate, listCandidates, type TakeOutcome, takeMail } from './imap-take';
import { type EmailIntakeDeps, receiveEmail } from './inbound';

export interface ImapPollerDeps extends EmailIntakeDeps {
  keyring: Keyring;
  /** How often the folder is searched without an IDLE notification, in case one was missed. */
  recheckMs?: number;
  /** Mail above this size is left unread on the server and named in `imap_error` instead of being loaded. */
  maxMessageBytes?: number;
  /** Reconnection delays: doubling from `baseMs` up to `maxMs`, with jitter. */
  backoff?: { baseMs: number; maxMs: number };
  log?: { warn(details: object, message: string): void };
}

export const DEFAULT_RECHECK_MS = 60_000;
export const DEFAULT_MAX_MESSAGE_BYTES = 30 * 1024 * 1024;
const DEFAULT_BACKOFF = { baseMs: 1_000, maxMs: 5 * 60_000 };
/** A wrong password is not fixed by retrying; asking often only gets the account locked by the provider. */
const AUTH_FAILURE_DELAY_MS = 10 * 60_000;
/** Mails per round: a long backlog is taken in rounds, each ending with the cursor and the status saved. */
const ROUND_LIMIT = 500;

/** A failure with a reason fit for the admin page. */
class ImapProblem extends Error {
  constructor(
    message: string,
    readonly authentication = false,
  ) {
    super(message);
  }
}

interface ImapError {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
}

function connectProblem(error: unknown, host: string, port: number): ImapProblem {
  const { code, authenticationFailed, tlsFailed } = (error ?? {}) as ImapError;
  if (authenticationFailed) return new ImapProblem('login refused: check the user name and password', true);
  if (tlsFailed || code?.startsWith('ERR_TLS') || code?.includes('CERT')) {
    return new ImapProblem(`TLS with ${host}:${port} failed (${code ?? 'handshake'})`);
  }
  if (code === 'ECONNREFUSED') return new ImapProblem(`${host}:${port} refused the connection`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ImapProblem(`host ${host} not found`);
  if (code === 'CONNECT_TIMEOUT' || code === 'GREETING_TIMEOUT' || code === 'ETIMEDOUT') {
    return new ImapProblem(`${host}:${port} did not answer in time`);
  }
  return new ImapProblem(`could not connect to ${host}:${port} (${code ?? 'unknown error'})`);
}

const reasonOf = (error: unknown) =>
  error instanceof ImapProblem
    ? error.message
    : `connection lost (${(error as ImapError | undefined)?.code ?? 'IMAP error'})`;

export class ImapPoller {
  private readonly recheckMs: number;
  private readonly maxMessageBytes: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private uidValidity: number | null;
  private lastUid: number;
  /** Handled but above the cursor (a mail before them failed): not downloaded again by this process. */
  private readonly handledAboveCursor = new Set<number>();
  /** Whether `imap_error` holds an error of ours to clear once things work (rather than a note on a skipped mail). */
  private errorShown: boolean;
  private stopping = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private wakeRequested = false;

  constructor(
    private readonly deps: ImapPollerDeps,
    readonly mailbox: EmailMailboxRow,
  ) {
    this.recheckMs = deps.recheckMs ?? DEFAULT_RECHECK_MS;
    this.maxMessageBytes = deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    // bigint columns arrive as numbers or strings depending on the pool's parsers.
    this.uidValidity = mailbox.imap_uid_validity === null ? null : Number(mailbox.imap_uid_validity);
    this.lastUid = Number(mailbox.imap_last_uid);
    this.errorShown = mailbox.imap_error !== null && mailbox.imap_status !== 'idle';
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Closes the connection and marks the mailbox as not polled. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await this.running;
    await this.writeState({ imap_status: 'off' }).catch(() => undefined);
  }

  private notify() {
    this.wakeRequested = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      const client = await this.connect().catch((error: unknown) => error as Error);
      if (client instanceof ImapFlow) {
        try {
          while (!this.stopping) {
            this.wakeRequested = false;
            await this.round(client);
            attempt = 0;
            await this.idle(client);
          }
        } catch (error) {
          if (!this.stopping) await this.recordError(error);
        } finally {
          await this.disconnect(client);
        }
      } else {
        await this.recordError(client);
      }
      if (this.stopping) break;
      const authentication = client instanceof ImapProblem && client.authentication;
      await this.pause(this.delayOf(attempt++, authentication));
    }
  }

  private delayOf(attempt: number, authentication: boolean) {
    const ceiling = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** Math.min(attempt, 20));
    // Jitter: pollers that lost one server together do not all come back in the same second.
    const delay = ceiling / 2 + (Math.random() * ceiling) / 2;
    return authentication ? Math.max(delay, Math.min(AUTH_FAILURE_DELAY_MS, this.backoff.maxMs)) : delay;
  }

  private async connect(): Promise<ImapFlow> {
    const { mailbox } = this;
    const host = mailbox.imap_host ?? '';
    const port = mailbox.imap_port ?? (mailbox.imap_tls ? 993 : 143);
    await this.writeState({ imap_status: 'connecting' });
    const password = mailbox.imap_password_ciphertext
      ? await this.deps.keyring.decrypt(mailbox.workspace_id, mailbox.imap_password_ciphertext).catch(() => {
          throw new ImapProblem('the stored password cannot be decrypted: enter it again');
        })
      : '';
    const client = new ImapFlow({
      host,
      port,
      secure: mailbox.imap_tls,
      auth: { user: mailbox.imap_user ?? '', pass: password },
      // Never log: imapflow's logs carry addresses, subjects and the mail itself.
      logger: false,
      // IDLE starts a moment after the last command (a command breaks it on its own): while a round waits for its
      // commits, too, so mail that arrives meanwhile is announced at once.
      autoIdleDelay: 200,
      connectionTimeout: 30_000,
    });
    // Without a listener an 'error' event would end the process; the failing command reports it too.
    client.on('error', () => undefined);
    client.on('exists', (event) => {
      if (event.count > event.prevCount) this.notify();
    });
    client.on('close', () => this.notify());
    try {
      await client.connect();
    } catch (error) {
      client.close();
      throw connectProblem(error, host, port);
    }
    try {
      await client.mailboxOpen(mailbox.imap_folder);
    } catch {
      await this.disconnect(client);
      throw new ImapProblem(`folder "${mailbox.imap_folder}" cannot be opened`);
    }
    if (mailbox.imap_processed_folder) {
      const created = await client.mailboxCreate(mailbox.imap_processed_folder).catch(() => null);
      if (!created) {
        await this.disconnect(client);
        throw new ImapProblem(`folder "${mailbox.imap_processed_folder}" cannot be created`);
      }
    }
    return client;
  }

  private async disconnect(client: ImapFlow) {
    if (!client.usable) return client.close();
    const timeout = setTimeout(() => client.close(), 2000);
    await client.logout().catch(() => client.close());
    clearTimeout(timeout);
  }

  /** Until new mail is announced, the re-check is due, the connection drops or the poller stops. */
  private async idle(client: ImapFlow) {
    if (!this.wakeRequested && !this.stopping) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.recheckMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    if (!this.stopping && !client.usable) throw new ImapProblem('the server closed the connection');
  }

  private pause(ms: number) {
    return new Promise<void>((resolve) => {
      if (this.stopping) return resolve();
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = null;
    });
  }

  private async round(client: ImapFlow) {
    const opened = client.mailbox;
    if (!opened) throw new ImapProblem('the folder was closed');
    const uidValidity = Number(opened.uidValidity);
    if (this.uidValidity !== null && this.uidValidity !== uidValidity) {
      // The folder was re-created (or is another server's): start over from its unseen mail.
      this.uidValidity = null;
      this.lastUid = 0;
      this.handledAboveCursor.clear();
      await this.writeState({ imap_uid_validity: null, imap_last_uid: 0 });
    }
    const outcome =
      this.uidValidity === null ? await this.firstRound(client, uidValidity) : await this.nextRound(client);

    const failed = outcome.failed.length > 0;
    const note =
      outcome.skipped.length > 0
        ? `left unread on the server, larger than ${sizeLabel(this.maxMessageBytes)}: UID ${uidList(outcome.skipped)}`
        : null;
    const error = failed ? `not imported yet, retrying: UID ${uidList(outcome.failed)}` : note;
    await this.writeState({
      imap_status: failed ? 'error' : 'idle',
      imap_checked_at: sql<Date>`now()`,
      ...(error !== null || this.errorShown ? { imap_error: error } : {}),
    });
    this.errorShown = failed;
  }

  /** No cursor yet: the unseen mail. The cursor starts after the folder's mail once none of it is left behind. */
  private async firstRound(client: ImapFlow, uidValidity: number): Promise<TakeOutcome> {
    const uidNext = client.mailbox ? client.mailbox.uidNext : 1;
    const unseen = (await client.search({ seen: false }, { uid: true })) || [];
    const candidates = unseen.length > 0 ? await listCandidates(client, unseen.join(',')) : [];
    const outcome = await this.take(client, candidates);
    if (outcome.handled.length === candidates.length) {
      this.uidValidity = uidValidity;
      this.lastUid = unseen.reduce((last, uid) => Math.max(last, uid), Math.max(uidNext - 1, 0));
      await this.writeState({ imap_uid_validity: uidValidity, imap_last_uid: this.lastUid });
    }
    return outcome;
  }

  /** Everything above the cursor, read or not: someone reading the mailbox in a mail client loses nothing. */
  private async nextRound(client: ImapFlow): Promise<TakeOutcome> {
    const listed = await listCandidates(client, `${this.lastUid + 1}:*`);
    // `n:*` answers the last message even when its UID is below n.
    const candidates = listed.filter((m) => m.uid > this.lastUid && !this.handledAboveCursor.has(m.uid));
    const outcome = await this.take(client, candidates);
    const handled = new Set(outcome.handled);
    const firstPending = candidates.find((m) => !handled.has(m.uid))?.uid ?? Number.POSITIVE_INFINITY;
    // Every listed mail below the first one still pending is handled, in this round or an earlier one.
    const handledThrough = listed.reduce(
      (last, { uid }) => (uid < firstPending ? Math.max(last, uid) : last),
      this.lastUid,
    );
    for (const uid of handled) if (uid > handledThrough) this.handledAboveCursor.add(uid);
    if (handledThrough > this.lastUid) {
      this.lastUid = handledThrough;
      for (const uid of this.handledAboveCursor) {
        if (uid <= handledThrough) this.handledAboveCursor.delete(uid);
      }
      // Another process polling the same mailbox may be further on: the cursor only moves forward.
      await this.deps.db
        .updateTable('email_mailboxes')
        .set({ imap_last_uid: sql<string>`GREATEST(imap_last_uid, ${handledThrough})` })
        .where('workspace_id', '=', this.mailbox.workspace_id)
        .where('id', '=', this.mailbox.id)
        .where('imap_uid_validity', '=', String(this.uidValidity))
        .execute();
    }
    return outcome;
  }

  /** At most ROUND_LIMIT of the candidates; the rest in the next round, which starts at once. */
  private async take(client: ImapFlow, candidates: Candidate[]): Promise<TakeOutcome> {
    if (candidates.length > ROUND_LIMIT) this.notify();
    return takeMail({
      client,
      candidates: candidates.slice(0, ROUND_LIMIT),
      maxMessageBytes: this.maxMessageBytes,
      processedFolder: this.mailbox.imap_processed_folder,
      commit: (uid, source) => this.commit(uid, source),
      stopped: () => this.stopping,
    });
  }

  /** True once the mail is committed (or answered as a duplicate, a bounce or ignored). */
  private async commit(uid: number, source: Buffer): Promise<boolean> {
    try {
      await receiveEmail(this.deps, this.mailbox, source, { via: 'imap' });
      return true;
    } catch (error) {
      this.deps.log?.warn(
        {
          mailboxId: this.mailbox.id,
          uid,
          // Name and code only: database and parser messages can quote the values they refused.
          error: (error as { name?: string }).name ?? 'unknown',
          code: (error as { code?: string }).code,
        },
        'IMAP mail not imported; retrying on the next round',
      );
      return false;
    }
  }

  private async recordError(error: unknown) {
    this.errorShown = true;
    await this.writeState({
      imap_status: 'error',
      imap_error: reasonOf(error),
      imap_checked_at: sql<Date>`now()`,
    }).catch(() => undefined);
  }

  /** Never touches `updated_at`: that one tells the pollers the settings changed. */
  private async writeState(
    columns: Partial<{
      imap_status: ImapStatus;
      imap_error: string | null;
      imap_checked_at: RawBuilder<Date>;
      imap_uid_validity: number | null;
      imap_last_uid: number;
    }>,
  ) {
    await this.deps.db
      .updateTable('email_mailboxes')
      .set(columns)
      .where('workspace_id', '=', this.mailbox.workspace_id)
      .where('id', '=', this.mailbox.id)
      .execute();
  }
}

const uidList = (uids: number[]) =>
  uids.length > 5 ? `${uids.slice(0, 5).join(', ')} and ${uids.length - 5} more` : uids.join(', ');

const sizeLabel = (bytes: number) =>
  bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.round(bytes / 1024)} KB`;
