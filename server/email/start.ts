/**
 * The mail side of a running Kefu: the SMTP listener (one per process, for every workspace's mailboxes) and the
 * IMAP pollers. main.ts starts it after the HTTP server; closing stops both before the database closes.
 */
import type { Database } from '@server/db/schema';
import type { IntakePipeline } from '@server/intake/pipeline';
import type { Keyring } from '@server/privacy/keyring';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ImapPollers } from './imap-pollers';
import { SmtpListener } from './smtp-listener';

export interface MailServices {
  smtpPort: number | null;
  stop(): Promise<void>;
}

export async function startMail(options: {
  db: Kysely<Database>;
  intake: IntakePipeline;
  keyring: Keyring;
  smtp: { host: string; port: number } | null;
  logger: Logger;
  onCommitted: (workspaceId: string) => void;
}): Promise<MailServices> {
  const listener = options.smtp
    ? new SmtpListener({
        db: options.db,
        intake: options.intake,
        onCommitted: options.onCommitted,
        host: options.smtp.host,
        port: options.smtp.port,
        logger: options.logger,
      })
    : null;
  const smtpPort = listener ? (await listener.listen()).port : null;
  const pollers = new ImapPollers({
    db: options.db,
    intake: options.intake,
    keyring: options.keyring,
    onCommitted: options.onCommitted,
    log: options.logger,
  });
  pollers.start();
  return {
    smtpPort,
    async stop() {
      await Promise.all([listener?.close(), pollers.stop()]);
    },
  };
}
