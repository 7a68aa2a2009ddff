import fs from 'node:fs';
import type { AttachmentStore } from '@server/attachments/service';
import { recordAudit } from '@server/audit/service';
import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import { eraseCustomer } from './erase-customer';
import { exportFilePath, piplStorage, presentPrivacyJob, startCustomerExport } from './export-customer';
import { retentionCutoff } from './redaction';
import { countRetention, retentionMonths, runRetention } from './retention';
import { erasureBody, erasureSchema, privacyJobSchema, retentionRunBody, retentionSchema } from './schema';

const tags = ['privacy'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const retentionOff = () =>
  unprocessable('retention_off', 'Set a retention period in Settings → Privacy first');

/** PIPL tools for admins: a customer's data export (Art 45), erasure (Art 47), and the retention period. */
export function registerPiplRoutes(
  api: Api,
  { db, guards, vault }: RouteDeps,
  attachments: AttachmentStore,
): void {
  const storage = piplStorage(attachments.root);

  const loadJob = async (workspaceId: string, id: string) => {
    const job = await db
      .selectFrom('privacy_jobs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!job) throw notFound('Privacy job');
    return job;
  };

  api.post('/customers/:id/exports', {
    schema: {
      tags,
      summary: 'Export everything held about a customer (original values and files) as a zip; poll the job',
      params: idParams,
      response: { 202: privacyJobSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('pii', 'export'),
    handler: async (request, reply) => {
      const job = await startCustomerExport(db, vault, storage, {
        actor: principalOf(request),
        ip: request.ip,
        customerId: request.params.id,
        log: request.log,
      });
      return reply.status(202).send(presentPrivacyJob(job));
    },
  });

  api.get('/privacy-jobs/:id', {
    schema: {
      tags,
      summary: 'Progress of a customer data export',
      params: idParams,
      response: { 200: privacyJobSchema, ...errors },
    },
    preHandler: guards.authorize('pii', 'export'),
    handler: async (request) =>
      presentPrivacyJob(await loadJob(principalOf(request).workspaceId, request.params.id)),
  });

  api.get('/privacy-jobs/:id/download', {
    // No response schema: the body is the archive's bytes, streamed from disk.
    schema: { tags, summary: 'Download a completed export (application/zip)', params: idParams },
    preHandler: guards.authorize('pii', 'export'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const job = await loadJob(actor.workspaceId, request.params.id);
      if (job.status !== 'completed') throw conflict('export_not_ready', 'The export has not completed');
      const file = job.file_key ? exportFilePath(storage, job.file_key) : null;
      if (!file || !fs.existsSync(file)) throw notFound('Export file');
      const customer = await db
        .selectFrom('customers')
        .select('number')
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', job.customer_id ?? '')
        .executeTakeFirst();
      const number = customer?.number ?? 'customer';
      await recordAudit(db, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: 'pii.export_downloaded',
        targetType: 'customer',
        targetId: job.customer_id,
        detail: { jobId: job.id, customerNumber: number },
        ip: request.ip,
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', String(fs.statSync(file).size))
        .header('content-disposition', `attachment; filename="${number}-personal-data.zip"`)
        .header('cache-control', 'no-store')
        .send(fs.createReadStream(file));
    },
  });

  api.post('/customers/:id/erasure', {
    schema: {
      tags,
      summary:
        "Erase a customer's personal data; the tickets stay for statistics with their texts removed (cannot be undone)",
      params: idParams,
      body: erasureBody,
      response: { 200: erasureSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('pii', 'erase'),
    handler: async (request) => {
      const result = await eraseCustomer(db, storage, {
        actor: principalOf(request),
        ip: request.ip,
        customerId: request.params.id,
        confirmNumber: request.body.confirmNumber,
        log: request.log,
      });
      return { ...result, erasedAt: result.erasedAt.toISOString() };
    },
  });

  api.post('/privacy/retention/dry-run', {
    schema: {
      tags,
      summary: 'Count what a retention run would anonymise now; pass its cutoff to the run',
      response: { 200: retentionSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('pii', 'retention'),
    handler: async (request) => {
      const actor = principalOf(request);
      const months = await retentionMonths(db, actor.workspaceId);
      if (months === null) throw retentionOff();
      const cutoff = retentionCutoff(months, new Date());
      const counts = await countRetention(db, { workspaceId: actor.workspaceId, cutoff });
      await recordAudit(db, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: 'pii.retention_dry_run',
        targetType: 'workspace',
        targetId: actor.workspaceId,
        detail: { retentionMonths: months, cutoff: cutoff.toISOString(), ...counts },
        ip: request.ip,
      });
      return { retentionMonths: months, cutoff: cutoff.toISOString(), ...counts };
    },
  });

  api.post('/privacy/retention/run', {
    schema: {
      tags,
      summary:
        'Anonymise messages, descriptions and files older than the dry run’s cutoff (cannot be undone)',
      body: retentionRunBody,
      response: { 200: retentionSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('pii', 'retention'),
    handler: async (request) => {
      const actor = principalOf(request);
      const months = await retentionMonths(db, actor.workspaceId);
      if (months === null) throw retentionOff();
      const cutoff = new Date(request.body.cutoff);
      if (cutoff > retentionCutoff(months, new Date())) {
        throw unprocessable('cutoff_too_recent', `The cutoff must be at least ${months} months ago`, [
          { path: '/cutoff', message: 'Later than the retention period allows; run a new dry run' },
        ]);
      }
      const counts = await runRetention(db, {
        workspaceId: actor.workspaceId,
        cutoff,
        attachmentsRoot: storage.attachmentsRoot,
        log: request.log,
      });
      await recordAudit(db, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: 'pii.retention_run',
        targetType: 'workspace',
        targetId: actor.workspaceId,
        detail: { retentionMonths: months, cutoff: cutoff.toISOString(), ...counts },
        ip: request.ip,
      });
      return { retentionMonths: months, cutoff: cutoff.toISOString(), ...counts };
    },
  });
}
