/**
 * Every mailbox with an IMAP server gets a poller: `reconcile()` (every `reconcileMs`) starts pollers for new
 * mailboxes, stops them for removed or disabled ones, and restarts one whose settings changed (its `updated_at`).
 *
 * Several app processes on one PostgreSQL each poll every mailbox; there is no lock. A second process costs an
 * IMAP connection per mailbox and a second download of each mail, and nothing more: `receiveEmail` answers the
 * copy that commits second as `duplicate`, which is acknowledged like any handled mail, and the UID cursor only
 * moves forward. A per-mailbox advisory lock would need a database session held open per process for as long as
 * it polls, outside the pool every query shares, and a way to notice when that session dies; a duplicate answer
 * is the guarantee the SMTP listener relies on anyway.
 */
import type { EmailMailboxRow } from '@server/db/email-tables';
import { ImapPoller, type ImapPollerDeps } from './imap-poller';
import { mailboxesToPoll } from './mailboxes';

export interface ImapPollersOptions extends ImapPollerDeps {
  reconcileMs?: number;
  /** The mailboxes to watch; every enabled one with an IMAP server by default (tests narrow it to their own). */
  mailboxes?: () => Promise<EmailMailboxRow[]>;
}

const DEFAULT_RECONCILE_MS = 30_000;

export class ImapPollers {
  private readonly pollers = new Map<string, ImapPoller>();
  private timer: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: ImapPollersOptions) {}

  /** Starts watching now and re-reads the mailboxes every `reconcileMs`. */
  start(): void {
    this.stopped = false;
    const reconcile = () =>
      void this.reconcile().catch((error: unknown) =>
        this.options.log?.warn(
          { error: (error as { name?: string }).name ?? 'unknown', code: (error as { code?: string }).code },
          'IMAP mailboxes not read; trying again later',
        ),
      );
    reconcile();
    this.timer ??= setInterval(reconcile, this.options.reconcileMs ?? DEFAULT_RECONCILE_MS);
    this.timer.unref();
  }

  /** Stops every poller and closes its connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reconciling?.catch(() => undefined);
    const running = [...this.pollers.values()];
    this.pollers.clear();
    await Promise.all(running.map((poller) => poller.stop()));
  }

  /** Brings the pollers in line with the mailboxes; calls never overlap. */
  reconcile(): Promise<void> {
    this.reconciling ??= this.bringInLine().finally(() => {
      this.reconciling = null;
    });
    return this.reconciling;
  }

  /** The mailbox ids being polled (the admin page's health, tests). */
  polled(): string[] {
    return [...this.pollers.keys()];
  }

  private readonly load = () => (this.options.mailboxes ?? (() => mailboxesToPoll(this.options.db)))();

  private async bringInLine() {
    if (this.stopped) return;
    let wanted = await this.load();
    if (this.stopped) return;
    const byId = new Map(wanted.map((mailbox) => [mailbox.id, mailbox]));
    const changes: Promise<void>[] = [];
    for (const [id, poller] of this.pollers) {
      const mailbox = byId.get(id);
      if (mailbox && sameSettings(mailbox, poller.mailbox)) continue;
      this.pollers.delete(id);
      changes.push(poller.stop());
    }
    if (changes.length > 0) {
      // A restarted mailbox's new poller starts once the old one has logged out, from the cursor it left.
      await Promise.all(changes);
      if (this.stopped) return;
      wanted = await this.load();
    }
    for (const mailbox of wanted) {
      if (this.pollers.has(mailbox.id)) continue;
      const poller = new ImapPoller(this.options, mailbox);
      this.pollers.set(mailbox.id, poller);
      poller.start();
    }
  }
}

const sameSettings = (a: EmailMailboxRow, b: EmailMailboxRow) =>
  new Date(a.updated_at).getTime() === new Date(b.updated_at).getTime();
