/**
 * Kefu's own SMTP listener, for an MX record or a forwarding rule pointing at the desk. It accepts mail only for
 * the addresses of enabled mailboxes (550 for the rest, at RCPT, before any data is sent) and answers 250 only
 * once every recipient mailbox has committed the message; a failure answers 451 so the sending server retries,
 * and the retry is recognised as a duplicate of anything that did commit.
 */
import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { type EmailIntakeDeps, receiveEmail } from './inbound';
import { mailboxForRecipient } from './mailboxes';

/** Larger mail is refused at DATA (552) and announced in the EHLO SIZE extension. */
export const MAX_INBOUND_MAIL_BYTES = 30 * 1024 * 1024;

export interface SmtpListenerOptions extends EmailIntakeDeps {
  db: Kysely<Database>;
  host: string;
  port: number;
  /** The name in the greeting and EHLO. */
  hostname?: string;
  logger?: Logger;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

export class SmtpListener {
  private readonly server: SMTPServer;

  constructor(private readonly options: SmtpListenerOptions) {
    this.server = new SMTPServer({
      name: options.hostname ?? 'kefu',
      banner: 'Kefu ESMTP',
      size: MAX_INBOUND_MAIL_BYTES,
      // An MX takes mail from anyone for its own addresses; relaying elsewhere is impossible (recipients are ours).
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      maxClients: 200,
      socketTimeout: 60_000,
      onRcptTo: (address, _session, callback) => {
        mailboxForRecipient(options.db, address.address).then(
          (mailbox) => (mailbox ? callback() : callback(smtpError(550, '5.1.1 No such mailbox here'))),
          () => callback(smtpError(451, '4.3.0 Temporarily unavailable, try again later')),
        );
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: Error & { responseCode?: number }) => callback(error),
        );
      },
    });
    // Client resets and protocol errors end one connection; they are not the desk's failures.
    this.server.on('error', (error) =>
      options.logger?.warn({ code: (error as { code?: string }).code }, 'smtp connection error'),
    );
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    // Past the limit the stream goes on (the client must finish sending to hear 552): drained, not kept.
    for await (const chunk of stream) if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError(552, '5.3.4 Message too big');
    const raw = Buffer.concat(chunks);
    const recipients = [...new Set(session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()))];
    const seen = new Set<string>();
    try {
      for (const recipient of recipients) {
        const mailbox = await mailboxForRecipient(this.options.db, recipient);
        // Switched off since RCPT: the sender retries later and is then refused at RCPT; nothing is dropped.
        if (!mailbox) throw smtpError(451, '4.2.1 Mailbox unavailable, try again later');
        // One mail to two addresses of the same mailbox (To + Cc) is one message.
        if (seen.has(mailbox.id)) continue;
        seen.add(mailbox.id);
        await receiveEmail(this.options, mailbox, raw, { via: 'smtp' });
      }
    } catch (error) {
      if ((error as { responseCode?: number }).responseCode) throw error;
      // The error's name and code only: database messages can quote the values they refused.
      const { name, code } = error as { name?: string; code?: string };
      this.options.logger?.error({ name, code }, 'inbound mail not stored');
      throw smtpError(451, '4.3.0 Not stored, try again later');
    }
  }

  async listen(): Promise<{ port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.server.address();
    return { port: typeof address === 'object' && address ? address.port : this.options.port };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
