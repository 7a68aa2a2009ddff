import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { identityLookupValues, phoneKind } from '@server/customers/personal-fields';
import { createCustomer, updateCustomer } from '@server/customers/service';
import type { CustomerImportRow, Database } from '@server/db/schema';
import { unprocessable } from '@server/http/problem';
import { maskText } from '@server/privacy/spans';
import type { PersonalDataVault } from '@server/privacy/vault';
import { type Kysely, sql } from 'kysely';
import { parseCsv } from './csv';
import { type ImportRow, mapHeader, type RowError, readRow } from './rows';

export const MAX_IMPORT_ROWS = 50_000;
// Progress is written every batch: often enough for a smooth bar, rarely enough not to slow the import.
const PROGRESS_EVERY = 100;
// A huge error report helps nobody; the first ones show what to fix.
const MAX_REPORTED_ERRORS = 1000;

/** The existing customer a row describes: same channel identity, else same e-mail, else same phone number. */
async function findExisting(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  workspaceId: string,
  row: ImportRow,
) {
  const base = db
    .selectFrom('customers')
    .select(['id', 'name', 'nickname', 'phone', 'email', 'company', 'tags', 'notes'])
    .where('workspace_id', '=', workspaceId)
    .where('merged_into_id', 'is', null);
  if (row.identity) {
    const { channel, externalId } = row.identity;
    const stored = await identityLookupValues(vault, workspaceId, channel, externalId);
    const byIdentity = await base
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('customer_identities')
          .select('customer_id')
          .where('workspace_id', '=', workspaceId)
          .where('channel', '=', channel)
          .where('external_id', 'in', stored),
      )
      .executeTakeFirst();
    if (byIdentity) return byIdentity;
  }
  // Phones and e-mails are stored masked; their keyed hashes are what can be compared.
  if (row.email) {
    const hash = await vault.lookupHash(workspaceId, 'email', row.email);
    const byEmail = await base.where('email_hash', '=', hash).executeTakeFirst();
    if (byEmail) return byEmail;
  }
  if (row.phone) {
    const hash = await vault.lookupHash(workspaceId, phoneKind(row.phone), row.phone);
    return base.where('phone_hash', '=', hash).executeTakeFirst();
  }
  return undefined;
}

async function importRow(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  workspaceId: string,
  row: ImportRow,
): Promise<'created' | 'updated'> {
  const existing = await findExisting(db, vault, workspaceId, row);
  if (!existing) {
    await createCustomer(db, {
      workspaceId,
      fields: {
        name: row.name,
        nickname: row.nickname,
        phone: row.phone,
        email: row.email,
        company: row.company,
        tags: row.tags,
        attributes: {},
        notes: row.notes,
      },
      identities: row.identity ? [row.identity] : [],
      vault,
    });
    return 'created';
  }
  // Fill what is missing; never overwrite what an agent already recorded. The notes get the row's notes appended
  // unless an earlier import already did (their personal data would be masked in the stored text, so compare the
  // row's notes masked the same way).
  const maskedNotes = row.notes ? maskText(row.notes, await vault.rules(workspaceId)).text : '';
  const changes = {
    ...(!existing.name && row.name ? { name: row.name } : {}),
    ...(!existing.nickname && row.nickname ? { nickname: row.nickname } : {}),
    ...(!existing.phone && row.phone ? { phone: row.phone } : {}),
    ...(!existing.email && row.email ? { email: row.email } : {}),
    ...(!existing.company && row.company ? { company: row.company } : {}),
    tags: [...new Set([...existing.tags, ...row.tags])],
    ...(row.notes && !existing.notes.includes(maskedNotes)
      ? { notes: [existing.notes, row.notes].filter(Boolean).join('\n') }
      : {}),
    ...(row.identity ? { addIdentities: [row.identity] } : {}),
  };
  await updateCustomer(db, { workspaceId, customerId: existing.id, changes, vault });
  return 'updated';
}

/**
 * Starts a CSV import: the file is checked and the job recorded at once (the caller gets its id and total), then
 * rows are imported one by one in the background, each in its own transaction, with progress and a per-row error
 * report the app polls. A row that fails never stops the others.
 */
export async function startCustomerImport(
  db: Kysely<Database>,
  options: { actor: Principal; ip: string | null; csv: string; vault: PersonalDataVault },
): Promise<CustomerImportRow> {
  const { workspaceId, userId } = options.actor;
  const [header, ...rows] = parseCsv(options.csv);
  if (!header)
    throw unprocessable('empty_csv', 'The file has no rows', [{ path: 'body', message: 'Empty file' }]);
  const { columns } = mapHeader(header.cells);
  if (columns.every((column) => column === null)) {
    throw unprocessable(
      'no_known_columns',
      'No known column in the header row (姓名, 手机, 邮箱, 渠道, 渠道ID …)',
      [{ path: 'body', message: 'Unknown header row' }],
    );
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw unprocessable('too_many_rows', `Import at most ${MAX_IMPORT_ROWS} rows at a time`, [
      { path: 'body', message: 'Too many rows' },
    ]);
  }
  const job = await db
    .insertInto('customer_imports')
    .values({ workspace_id: workspaceId, created_by: userId, total: rows.length, errors: '[]' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    workspaceId,
    actorUserId: userId,
    action: 'customer.import_started',
    targetType: 'customer_import',
    targetId: job.id,
    detail: { rows: rows.length },
    ip: options.ip,
  });

  void (async () => {
    const counts = { processed: 0, created: 0, updated: 0, failed: 0 };
    const errors: RowError[] = [];
    const save = (extra: Record<string, unknown> = {}) =>
      db
        .updateTable('customer_imports')
        .set({
          ...counts,
          errors: JSON.stringify(errors.slice(0, MAX_REPORTED_ERRORS)),
          updated_at: sql<Date>`now()`,
          ...extra,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', job.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    try {
      for (const { line, cells } of rows) {
        const row = readRow(line, cells, columns);
        if (Array.isArray(row)) {
          errors.push(...row);
          counts.failed++;
        } else {
          try {
            counts[await importRow(db, options.vault, workspaceId, row)]++;
          } catch (error) {
            counts.failed++;
            const code = (error as { code?: string }).code;
            errors.push({
              row: line,
              field: code === 'identity_taken' ? 'external_id' : 'row',
              code: code === 'identity_taken' ? 'identity_taken' : 'row_failed',
              message: error instanceof Error ? error.message : 'Could not import this row',
            });
          }
        }
        counts.processed++;
        if (counts.processed % PROGRESS_EVERY === 0) await save();
      }
      await save({ status: 'completed', finished_at: sql<Date>`now()` });
    } catch {
      await save({ status: 'failed', finished_at: sql<Date>`now()` }).catch(() => undefined);
    }
  })();
  return job;
}

// Progress is saved every few seconds at most; silence this long means the process running it is gone.
const STALLED_AFTER_MS = 2 * 60_000;

/** The job as the importer sees it; an import cut off by a restart reads as failed, with the reason. */
export function presentCustomerImport(job: CustomerImportRow, now = new Date()) {
  const stalled = job.status === 'running' && now.getTime() - job.updated_at.getTime() > STALLED_AFTER_MS;
  return {
    id: job.id,
    status: stalled ? ('failed' as const) : job.status,
    total: job.total,
    processed: job.processed,
    created: job.created,
    updated: job.updated,
    failed: job.failed,
    errors: stalled
      ? [
          ...job.errors,
          {
            row: 0,
            field: 'file',
            code: 'interrupted',
            message:
              'Interrupted by a restart; import the file again (imported rows are updated, not duplicated)',
          },
        ]
      : job.errors,
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}
