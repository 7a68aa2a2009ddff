import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { addTicketMessage } from '@server/tickets/add-message';
import { SLA_METRICS } from '@shared/sla';
import { z } from 'zod';
import {
  conditionsSchema,
  durationSchema,
  policyBodySchema,
  policyListSchema,
  policyPatchSchema,
  policySchema,
  previewBody,
  previewSchema,
} from './policies/schema';
import {
  createPolicy,
  deletePolicy,
  listPolicies,
  presentPolicy,
  reorderPolicies,
  updatePolicy,
} from './policies/service';
import { presetSummary } from './preset-summary';
import { SERVICE_PRESETS } from './presets';
import { previewPolicy } from './service';

const tags = ['service levels'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const presetListSchema = z.object({
  currentPresetId: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string(),
      description: z.string(),
      targets: z.array(
        durationSchema.extend({
          metric: z.enum(SLA_METRICS),
          when: conditionsSchema.optional(),
        }),
      ),
    }),
  ),
});

/** SLA policies (ordered, with escalation), the live preview, the seed presets, and the explanation an agent owes. */
export function registerSlaRoutes(api: Api, deps: RouteDeps): void {
  const { db, guards, serviceLevels } = deps;

  api.get('/sla/policies', {
    schema: {
      tags,
      summary: 'List SLA policies in the order they are matched',
      response: { 200: policyListSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) => ({
      items: (await listPolicies(db, principalOf(request).workspaceId)).map(presentPolicy),
    }),
  });

  api.post('/sla/policies', {
    schema: {
      tags,
      summary: 'Add an SLA policy (matched after the existing ones)',
      body: policyBodySchema,
      response: { 201: policySchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const row = await createPolicy(db, actor, request.body);
      void serviceLevels.policiesChanged(actor.workspaceId);
      return reply.status(201).send(presentPolicy(row));
    },
  });

  api.patch('/sla/policies/:id', {
    schema: {
      tags,
      summary: 'Change an SLA policy; open tickets it covers get their deadlines recomputed',
      params: idParams,
      body: policyPatchSchema,
      response: { 200: policySchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      const row = await updatePolicy(db, actor, request.params.id, request.body);
      void serviceLevels.policiesChanged(actor.workspaceId);
      return presentPolicy(row);
    },
  });

  api.delete('/sla/policies/:id', {
    schema: {
      tags,
      summary: 'Delete an SLA policy',
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      await deletePolicy(db, actor, request.params.id);
      void serviceLevels.policiesChanged(actor.workspaceId);
      return reply.status(204).send(null);
    },
  });

  api.put('/sla/policies/order', {
    schema: {
      tags,
      summary: 'Reorder the SLA policies (the first matching one applies)',
      body: z.object({ ids: z.array(z.uuid()).max(200) }),
      response: { 200: policyListSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      const rows = await reorderPolicies(db, actor, request.body.ids);
      void serviceLevels.policiesChanged(actor.workspaceId);
      return { items: rows.map(presentPolicy) };
    },
  });

  api.post('/sla/preview', {
    schema: {
      tags,
      summary: 'When a ticket would be due under a (possibly unsaved) policy',
      body: previewBody,
      response: { 200: previewSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) =>
      previewPolicy(db, serviceLevels.deps.calendars, {
        workspaceId: principalOf(request).workspaceId,
        policy: request.body.policy,
        ticket: request.body.ticket,
        from: request.body.from ? new Date(request.body.from) : serviceLevels.deps.tracker.now(),
      }),
  });

  api.get('/sla/presets', {
    schema: {
      tags,
      summary: 'The five seed SOPs as service-level presets',
      response: { 200: presetListSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) => {
      const workspace = await db
        .selectFrom('workspaces')
        .select('sla_preset_id')
        .where('id', '=', principalOf(request).workspaceId)
        .executeTakeFirst();
      return {
        currentPresetId: workspace?.sla_preset_id ?? null,
        items: SERVICE_PRESETS.map(presetSummary),
      };
    },
  });

  api.post('/sla/presets/:presetId/apply', {
    schema: {
      tags,
      summary: "Replace the workspace's taxonomy and SLA policies with a preset's",
      params: z.object({ presetId: z.string().min(1).max(100) }),
      response: { 200: z.object({ presetId: z.string() }), ...errors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request) => {
      const { presetId } = await serviceLevels.applyPreset(principalOf(request), request.params.presetId);
      return { presetId };
    },
  });

  api.post('/tickets/:id/sla/explanation', {
    schema: {
      tags,
      summary:
        'Write the explanation an overdue ticket owes (seed 002: within 1 h); kept as an internal note',
      params: idParams,
      body: z.object({ text: z.string().trim().min(1).max(5000) }),
      response: { 204: z.null(), 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'update'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      await addTicketMessage(db, {
        actor,
        ticketId: request.params.id,
        direction: 'note',
        body: `【超时说明】${request.body.text}`,
        vault: deps.vault,
        sla: serviceLevels.deps.tracker,
        slaEvents: (at) => [{ kind: 'explanation_written', at }],
      });
      deps.realtime.poke(actor.workspaceId);
      return reply.status(204).send(null);
    },
  });
}
