import fs from 'node:fs';
import path from 'node:path';
import { attachmentPath } from '@server/attachments/service';
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { Database, PrivacyJobsTable } from '@server/db/schema';
import { conflict, notFound } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, type Selectable, sql } from 'kysely';
import { loadCallRecords } from './customer-calls';
import {
  customerGroupIds,
  customerTicketIds,
  isAnyOf,
  loadCustomerRecords,
  loadTicketRecord,
  type TicketRecord,
} from './customer-data';
import { ZipFileWriter } from './zip-writer';

export type PrivacyJobRow = Selectable<PrivacyJobsTable>;

/** Where the PIPL tools find attachment files and keep export archives, both inside the data directory. */
export interface PiplStorage {
  attachmentsRoot: string;
  exportsDir: string;
}

/** Exports live next to the attachments (`<data dir>/exports`), never under a directory the web server serves. */
export function piplStorage(attachmentsRoot: string): PiplStorage {
  return { attachmentsRoot, exportsDir: path.join(path.dirname(attachmentsRoot), 'exports') };
}

export const exportFilePath = (storage: PiplStorage, fileKey: string) =>
  path.join(storage.exportsDir, fileKey);

/** An archive is a full copy of someone's personal data: it is kept only long enough to be handed over. */
export const EXPORT_KEPT_DAYS = 7;
// Progress is saved after every ticket; silence this long means the process running the export is gone.
const STALLED_AFTER_MS = 2 * 60_000;

const README = (customerNumber: string, workspaceName: string, generatedAt: Date) =>
  [
    '个人信息副本 / Copy of personal information',
    '',
    `客户编号 Customer:   ${customerNumber}`,
    `工作区 Workspace:    ${workspaceName}`,
    `生成时间 Generated:  ${generatedAt.toISOString()}`,
    '',
    'customer.json  客户资料、渠道身份，以及合并进该客户的重复记录（原文）',
    '               Profile and channel identities, with records merged into it (original values)',
    'tickets.json   工单及其全部消息（含内部备注）、时间与渠道（原文）',
    '               Tickets with every message (internal notes included), times and channels (original text)',
    'calls.json     通话记录（号码与备注为脱敏形式，原文见 customer.json 与 tickets.json）',
    '               Phone calls (number and notes masked; the originals are in customer.json and tickets.json)',
    'attachments/   工单附件，按工单编号分目录 / Files, one folder per ticket number',
    '',
    '依据《个人信息保护法》第四十五条提供。请通过安全渠道交付，交付后删除本地副本。',
    'Provided under PIPL Article 45. Hand it over through a secure channel and delete local copies afterwards.',
    '',
  ].join('\n');

/**
 * Starts an export of everything held about a customer: the job is recorded and audited at once (the caller gets
 * its id), then the archive is written in the background, ticket by ticket, with progress the app polls. Nothing
 * is read inside a transaction, so a large export never holds the database.
 */
export async function startCustomerExport(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  storage: PiplStorage,
  options: { actor: Principal; ip: string | null; customerId: string; log?: FastifyBaseLogger },
): Promise<PrivacyJobRow> {
  const { workspaceId, userId } = options.actor;
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'number', 'erased_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', options.customerId)
    .executeTakeFirst();
  if (!customer) throw notFound('Customer');
  if (customer.erased_at) throw conflict('already_erased', "This customer's personal data was erased");
  const customerIds = await customerGroupIds(db, workspaceId, customer.id);
  const ticketIds = await customerTicketIds(db, workspaceId, customerIds);

  const job = await db
    .insertInto('privacy_jobs')
    .values({
      workspace_id: workspaceId,
      kind: 'export',
      customer_id: customer.id,
      total: ticketIds.length,
      requested_by: userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    workspaceId,
    actorUserId: userId,
    action: 'pii.export_requested',
    targetType: 'customer',
    targetId: customer.id,
    detail: { jobId: job.id, customerNumber: customer.number, tickets: ticketIds.length },
    ip: options.ip,
  });
  void writeExport(db, vault, storage, {
    job,
    customerNumber: customer.number,
    customerIds,
    ticketIds,
    log: options.log,
  });
  return job;
}

async function writeExport(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  storage: PiplStorage,
  options: {
    job: PrivacyJobRow;
    customerNumber: string;
    customerIds: string[];
    ticketIds: string[];
    log?: FastifyBaseLogger;
  },
): Promise<void> {
  const { job } = options;
  const workspaceId = job.workspace_id;
  const fileKey = path.join(workspaceId, `${job.id}.zip`);
  const partPath = path.join(storage.exportsDir, 'tmp', `${job.id}.zip.part`);
  const save = (changes: Partial<Pick<PrivacyJobRow, 'processed' | 'status' | 'file_key' | 'error'>>) =>
    db
      .updateTable('privacy_jobs')
      .set({
        ...changes,
        updated_at: sql<Date>`now()`,
        ...(changes.status ? { finished_at: sql<Date>`now()` } : {}),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', job.id)
      .execute();
  let writer: ZipFileWriter | undefined;
  try {
    fs.mkdirSync(path.dirname(partPath), { recursive: true, mode: 0o700 });
    fs.mkdirSync(path.join(storage.exportsDir, workspaceId), { recursive: true, mode: 0o700 });
    writer = new ZipFileWriter(partPath);
    const [customers, workspace] = await Promise.all([
      loadCustomerRecords(db, vault, workspaceId, options.customerIds),
      db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirstOrThrow(),
    ]);
    const tickets: TicketRecord[] = [];
    let processed = 0;
    for (const ticketId of options.ticketIds) {
      const loaded = await loadTicketRecord(db, vault, workspaceId, ticketId);
      if (loaded) {
        for (const [index, attachment] of loaded.record.attachments.entries()) {
          const source = attachmentPath(
            { root: storage.attachmentsRoot, maxBytes: 0 },
            { storage_key: loaded.storageKeys[index] ?? '' },
          );
          const entry = attachment.file;
          if (entry && fs.existsSync(source)) {
            await writer.addFile(entry, source);
            continue;
          }
          attachment.file = null;
          for (const message of loaded.record.messages)
            message.files = message.files.filter((file) => file !== entry);
        }
        tickets.push(loaded.record);
      }
      processed++;
      await save({ processed });
    }
    const [customer, ...mergedRecords] = customers;
    writer.addText('customer.json', `${JSON.stringify({ ...customer, mergedRecords }, null, 2)}\n`);
    writer.addText('tickets.json', `${JSON.stringify(tickets, null, 2)}\n`);
    const calls = await loadCallRecords(db, {
      workspaceId,
      customerIds: options.customerIds,
      ticketIds: options.ticketIds,
    });
    writer.addText('calls.json', `${JSON.stringify(calls, null, 2)}\n`);
    writer.addText('README.txt', README(options.customerNumber, workspace.name, new Date()));
    await writer.close();

    // An erasure that ran meanwhile wins: the data it removed must not survive in a fresh archive.
    const current = await db
      .selectFrom('customers')
      .select('erased_at')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', job.customer_id ?? '')
      .executeTakeFirst();
    if (!current || current.erased_at) {
      fs.rmSync(partPath, { force: true });
      await save({ status: 'failed', error: "The customer's data was erased while the export ran" });
      return;
    }
    fs.renameSync(partPath, exportFilePath(storage, fileKey));
    await save({ status: 'completed', file_key: fileKey });
  } catch (error) {
    writer?.abort();
    fs.rmSync(partPath, { force: true });
    options.log?.error({ err: error, jobId: job.id }, 'customer export failed');
    await save({ status: 'failed', error: 'The export could not be written; request it again' }).catch(
      () => undefined,
    );
  }
}

/** The job as the admin sees it; an export cut off by a restart reads as failed, with the reason. */
export function presentPrivacyJob(job: PrivacyJobRow, now = new Date()) {
  const stalled = job.status === 'running' && now.getTime() - job.updated_at.getTime() > STALLED_AFTER_MS;
  return {
    id: job.id,
    kind: job.kind,
    customerId: job.customer_id,
    status: stalled ? ('failed' as const) : job.status,
    processed: job.processed,
    total: job.total,
    error: stalled ? 'Interrupted by a restart; request the export again' : job.error,
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
    downloadUrl:
      job.status === 'completed' && job.file_key ? `/api/v1/privacy-jobs/${job.id}/download` : null,
  };
}

/**
 * Forgets export archives: those of the given customers (an erasure) or those older than EXPORT_KEPT_DAYS. The
 * rows stay (who exported whom and when); their file keys go first, then the files.
 */
export async function removeExports(
  db: Kysely<Database>,
  storage: PiplStorage,
  options: { workspaceId: string; customerIds?: string[]; finishedBefore?: Date },
): Promise<number> {
  let query = db
    .selectFrom('privacy_jobs')
    .select(['id', 'file_key'])
    .where('workspace_id', '=', options.workspaceId)
    .where('file_key', 'is not', null);
  if (options.customerIds) query = query.where(isAnyOf('customer_id', options.customerIds));
  if (options.finishedBefore) query = query.where('finished_at', '<', options.finishedBefore);
  const removed = await query.execute();
  if (removed.length === 0) return 0;
  await db
    .updateTable('privacy_jobs')
    .set({ file_key: null, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', options.workspaceId)
    .where(
      isAnyOf(
        'id',
        removed.map((row) => row.id),
      ),
    )
    .execute();
  for (const row of removed)
    if (row.file_key) fs.rmSync(exportFilePath(storage, row.file_key), { force: true });
  return removed.length;
}
