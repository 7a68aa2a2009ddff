import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, isoTimestamp, problemSchema } from '@server/http/common-schema';
import { HttpProblem, notFound } from '@server/http/problem';
import { z } from 'zod';
import { presentCustomerImport, startCustomerImport } from './service';

const CSV_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const tags = ['customers'];

const importSchema = z.object({
  id: z.uuid(),
  status: z.enum(['running', 'completed', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.number().int(),
  /** Per row (1-based CSV line) and field: what was wrong. */
  errors: z.array(
    z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() }),
  ),
  createdAt: isoTimestamp,
  finishedAt: isoTimestamp.nullable(),
});

export function registerCustomerImportRoutes(api: Api, { db, guards, vault }: RouteDeps): void {
  api.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  api.post('/customer-imports', {
    schema: {
      tags,
      summary:
        'Import customers from a CSV file (Content-Type: text/csv; header row 姓名,手机,邮箱,公司,标签,备注,渠道,渠道ID)',
      consumes: ['text/csv'],
      response: {
        202: importSchema,
        400: problemSchema,
        401: problemSchema,
        403: problemSchema,
        413: problemSchema,
        415: problemSchema,
        422: problemSchema,
      },
    },
    bodyLimit: CSV_BODY_LIMIT_BYTES,
    preHandler: guards.authorize('customers', 'import'),
    handler: async (request, reply) => {
      if (typeof request.body !== 'string')
        throw new HttpProblem(415, 'unsupported_media_type', 'Send the file as text/csv');
      const job = await startCustomerImport(db, {
        actor: principalOf(request),
        ip: request.ip,
        csv: request.body,
        vault,
      });
      return reply.status(202).send(presentCustomerImport(job));
    },
  });

  api.get('/customer-imports/:id', {
    schema: {
      tags,
      summary: 'Progress and per-row errors of a customer import',
      params: idParams,
      response: { 200: importSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
    preHandler: guards.authorize('customers', 'import'),
    handler: async (request) => {
      const job = await db
        .selectFrom('customer_imports')
        .selectAll()
        .where('workspace_id', '=', principalOf(request).workspaceId)
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!job) throw notFound('Import');
      return presentCustomerImport(job);
    },
  });
}
