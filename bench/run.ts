/**
 * `npm run bench`: prints the figures that docs/performance.md records. Not a test: the numbers move with the
 * machine's load; compare runs on the same machine.
 */
import os from 'node:os';
import { classifierBenchLines } from './classifier';
import { measureImapPolling } from './email-imap';
import { measureSmtpIntake } from './email-smtp';
import { measureEventLoopLag } from './event-loop';
import { fuzzPlatformParsers } from './fuzz-platforms';
import { measureIntake } from './intake';
import { measureDetectorAccuracy } from './pii';
import { measureRoutingCost } from './routing';
import { measureSlaScheduler } from './sla';
import { measureStartup } from './startup';
import { measureTicketsAtScale } from './tickets';
import { measureWidgetSockets } from './widget-sockets';

const only = process.argv[2];
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write(`Kefu benchmarks — ${new Date().toISOString()} — ${machine}\n\n`);

if (!only || only === 'startup') {
  const figures = await measureStartup();
  process.stdout.write(
    [
      'Start-up and HTTP (embedded database, one process)',
      `  first start, empty data dir (initdb + migrations)   ${figures.firstStartMs} ms`,
      `  restart on existing data                            ${figures.restartMs} ms`,
      `  idle RSS after start                                ${figures.idleRssMiB} MiB`,
      `  GET /healthz, 20 connections                        ${figures.healthzRequestsPerSecond} req/s, p99 ${figures.healthzP99Ms} ms`,
      `  GET /api/v1/me (session + 2 queries), 20 conns      ${figures.meRequestsPerSecond} req/s, p99 ${figures.meP99Ms} ms`,
      '',
    ].join('\n'),
  );
}

if (!only || only === 'event-loop') {
  const figures = await measureEventLoopLag();
  process.stdout.write(
    [
      `Event-loop lag on the main thread during an embedded report query (${figures.rows.toLocaleString('en')} rows)`,
      `  seeding ${figures.rows.toLocaleString('en')} rows                                 ${figures.seedMs} ms`,
      `  GROUP BY report query, median                       ${figures.reportQueryMs} ms`,
      `  lag p99 while idle                                  ${figures.idleLagP99Ms} ms`,
      `  lag p50 / p99 / max while the query runs            ${figures.lagP50Ms} / ${figures.lagP99Ms} / ${figures.lagMaxMs} ms`,
      '',
    ].join('\n'),
  );
}

if (!only || only === 'tickets') {
  const lines = await measureTicketsAtScale();
  process.stdout.write(
    ['Inbox and search at scale (PostgreSQL, through listTickets)', ...lines, ''].join('\n'),
  );
}

if (!only || only === 'sla') {
  const lines = await measureSlaScheduler();
  process.stdout.write(['SLA scheduler at scale (PostgreSQL, one process)', ...lines, ''].join('\n'));
}

if (!only || only === 'pii') {
  const lines = measureDetectorAccuracy();
  process.stdout.write(
    ['Personal-data detector on the labeled corpus (server/privacy/corpus)', ...lines, ''].join('\n'),
  );
}

if (!only || only === 'classifier') {
  process.stdout.write(
    [
      'Type classifier on the generated labelled set (bench/labelled, naive Bayes in memory)',
      ...classifierBenchLines(),
      '',
    ].join('\n'),
  );
}

if (!only || only === 'routing') {
  const lines = measureRoutingCost();
  process.stdout.write(
    ['Routing decision per message (rules, risk words, team, assignment; no database)', ...lines, ''].join(
      '\n',
    ),
  );
}

for (const engine of ['postgres', 'embedded'] as const) {
  if (!only || only === 'intake' || only === `intake-${engine}`) {
    const lines = await measureIntake(engine);
    process.stdout.write(
      [
        `Intake through the signed API channel (${engine === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'})`,
        ...lines,
        '',
      ].join('\n'),
    );
  }
}

if (!only || only === 'web-chat') {
  const lines = await measureWidgetSockets();
  process.stdout.write(
    [
      `Web-chat widget sockets (one Kefu process, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}; load generator in a second process)`,
      ...lines,
      '',
    ].join('\n'),
  );
}

if (!only || only === 'email-smtp') {
  const runs = await measureSmtpIntake();
  process.stdout.write(
    [
      'E-mail into tickets through the SMTP listener (Kefu process; 8 pooled nodemailer connections; 250 after commit)',
      ...runs.map(
        (run) =>
          `  ${run.engine.padEnd(9)} ${run.mails} mails → ${run.tickets} tickets   ${run.mailsPerSecond} mails/s, per mail p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms`,
      ),
      '',
    ].join('\n'),
  );
}

if (!only || only === 'email-imap') {
  const lines = await measureImapPolling();
  process.stdout.write(
    [
      `E-mail into tickets by IMAP polling (a private dovecot; the poller in-process, ${process.env.BENCH_EMAIL_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`,
      ...lines,
      '',
    ].join('\n'),
  );
}

if (!only || only === 'fuzz') {
  const { lines } = fuzzPlatformParsers();
  process.stdout.write(
    [
      'Platform parsers under malformed input (100,000 generated inputs each; npm run fuzz)',
      ...lines,
      '',
    ].join('\n'),
  );
}
