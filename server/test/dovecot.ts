/**
 * A private dovecot IMAP server on 127.0.0.1 for the IMAP tests and the bench: its own free port, temporary
 * directory and instance name, so every test file (each in its own worker) and both CI runs get a server no other
 * touches. Needs Debian's dovecot-imapd and root (dovecot writes the mail as its own user).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';
const PASSWORD = 'secret';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface StoredMail {
  uid: number;
  flags: string[];
  messageId: string | null;
}

export interface Dovecot {
  host: '127.0.0.1';
  port: number;
  /**
   * A mail account: every login name is one, with the server's one password (dovecot re-reads a passwd file at
   * most once a second, so accounts added in a hurry would not all be there yet).
   */
  addUser(user: string): DovecotUser;
  /** Stores a raw message in a folder of the account, as a delivery agent would; answers its UID. */
  append(
    account: DovecotUser,
    raw: Buffer | string,
    options?: { folder?: string; flags?: string[] },
  ): Promise<number>;
  /** A logged-in client of the account, for a caller that times its own commands; it logs out itself. */
  client(account: DovecotUser): Promise<ImapFlow>;
  /** Stores several messages over one connection (the bench's backlog). */
  appendMany(account: DovecotUser, raws: (Buffer | string)[], folder?: string): Promise<void>;
  createFolder(account: DovecotUser, folder: string): Promise<void>;
  deleteFolder(account: DovecotUser, folder: string): Promise<void>;
  /** Marks every message of the folder unread again, as someone in a mail client might. */
  markUnseen(account: DovecotUser, folder?: string): Promise<void>;
  /** What the folder holds now, with each message's flags. */
  list(account: DovecotUser, folder?: string): Promise<StoredMail[]>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers with its IMAP greeting. */
function greeting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('* OK')));
  });
}

function configOf(dir: string, port: number): string {
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log
instance_name = kefu-test-${process.pid}-${path.basename(dir)}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A test logs in with a wrong password on purpose; the next test must not wait out a penalty.
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:${dir}/home/%u/Maildir
passdb {
  driver = static
  args = password=${PASSWORD}
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

const tailOf = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
};
const logTail = (dir: string) =>
  `${tailOf(path.join(dir, 'startup.log'))}\n${tailOf(path.join(dir, 'log'))}`.trim();

/**
 * Runs `dovecot -c config`, which forks its master into the background and exits. Its output goes to a file: a
 * pipe would stay open in the daemon, and waiting for it would never end.
 */
function launch(dir: string, config: string): Promise<void> {
  const output = fs.openSync(path.join(dir, 'startup.log'), 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(DOVECOT, ['-c', config], { stdio: ['ignore', output, output] });
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.closeSync(output);
      if (code === 0) resolve();
      else reject(new Error(`dovecot exited with ${code}`));
    });
  });
}

function clientOf(port: number, account: DovecotUser) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: account.user, pass: account.password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  return client;
}

async function withClient<T>(
  port: number,
  account: DovecotUser,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = clientOf(port, account);
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    const { responseText, executedCommand } = error as { responseText?: string; executedCommand?: string };
    throw new Error(
      `dovecot (${account.user}): ${(error as Error).message} ${executedCommand ?? ''} ${responseText ?? ''}`,
    );
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Starts dovecot on a free port; `stop()` ends it and removes its directory. */
export async function startDovecot(): Promise<Dovecot> {
  if (!fs.existsSync(DOVECOT)) {
    throw new Error(
      `${DOVECOT} is missing: the IMAP tests run against a real dovecot. Install it with \`apt-get install dovecot-imapd\`.`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The IMAP tests start a private dovecot, which needs root (it writes mail as the dovecot user).',
    );
  }
  // A short path: dovecot's sockets live under base_dir, and a socket path may not pass 107 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-imap-'));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'home'));
  execFileSync('chown', ['dovecot:dovecot', path.join(dir, 'home')]);
  const config = path.join(dir, 'dovecot.conf');

  let port = 0;
  let master: number | undefined;
  const killMaster = () => {
    if (master === undefined) return;
    try {
      process.kill(master, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  // A test process that dies without stop() must not leave its dovecot behind.
  process.once('exit', killMaster);

  // Another process may take the free port between the probe and dovecot's bind: try a few.
  const pidFile = path.join(dir, 'run', 'master.pid');
  for (let attempt = 1; master === undefined; attempt += 1) {
    port = await freePort();
    fs.writeFileSync(config, configOf(dir, port));
    const launched = await launch(dir, config).then(
      () => true,
      () => false,
    );
    const started = Date.now();
    let answering = false;
    while (launched && !answering && Date.now() - started < 10_000) {
      answering = await greeting(port);
      if (!answering) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : undefined;
    if (answering && pid) {
      master = pid;
    } else {
      if (pid) process.kill(pid, 'SIGTERM');
      if (attempt >= 5) {
        const log = logTail(dir);
        fs.rmSync(dir, { recursive: true, force: true });
        throw new Error(`dovecot did not start on 127.0.0.1 (last port ${port}):\n${log}`);
      }
    }
  }

  const stop = async () => {
    process.off('exit', killMaster);
    if (master !== undefined) {
      killMaster();
      const pid = master;
      const isRunning = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let waited = 0; isRunning() && waited < 5000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      master = undefined;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  return {
    host: '127.0.0.1',
    port,
    addUser(user) {
      return { user, password: PASSWORD };
    },
    async append(account, raw, { folder = 'INBOX', flags = [] } = {}) {
      return withClient(port, account, async (client) => {
        const appended = await client.append(folder, raw, flags);
        if (appended === false || !appended.uid) throw new Error(`APPEND to ${folder} answered no UID`);
        return appended.uid;
      });
    },
    async client(account) {
      const client = clientOf(port, account);
      await client.connect();
      return client;
    },
    async appendMany(account, raws, folder = 'INBOX') {
      await withClient(port, account, async (client) => {
        for (const raw of raws) await client.append(folder, raw);
      });
    },
    async createFolder(account, folder) {
      await withClient(port, account, (client) => client.mailboxCreate(folder));
    },
    async deleteFolder(account, folder) {
      await withClient(port, account, (client) => client.mailboxDelete(folder));
    },
    async markUnseen(account, folder = 'INBOX') {
      await withClient(port, account, async (client) => {
        await client.mailboxOpen(folder);
        await client.messageFlagsRemove('1:*', ['\\Seen']);
      });
    },
    async list(account, folder = 'INBOX') {
      return withClient(port, account, async (client) => {
        const opened = await client.mailboxOpen(folder, { readOnly: true });
        if (opened.exists === 0) return [];
        const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
        return messages.map((message) => ({
          uid: message.uid,
          flags: [...(message.flags ?? [])],
          messageId: message.envelope?.messageId ?? null,
        }));
      });
    },
    stop,
  };
}
