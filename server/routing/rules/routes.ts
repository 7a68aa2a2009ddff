import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { forbidden } from '@server/http/problem';
import { can } from '@shared/permissions';
import { DEFAULT_ROUTING_SETTINGS } from '@shared/routing';
import { z } from 'zod';
import {
  ruleBodySchema,
  ruleListSchema,
  ruleOrderBody,
  rulePatchSchema,
  ruleSchema,
  ruleTestBody,
  ruleTestResultSchema,
  settingsPatchSchema,
  settingsSchema,
} from '../schema';
import { loadRoutingSettings, updateRoutingSettings } from '../settings';
import { createRule, deleteRule, listRules, presentRule, reorderRules, updateRule } from './service';
import { testRunRules } from './test-run';

const tags = ['routing'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Routing rules (ordered, with a test-run) and the routing settings (risk lexicon, thresholds, templates). */
export function registerRuleRoutes(api: Api, deps: RouteDeps): void {
  const { db, guards, routing, serviceLevels } = deps;
  const changed = (workspaceId: string) => routing.configCache.invalidate(workspaceId);

  api.get('/routing/rules', {
    schema: {
      tags,
      summary: 'Routing rules in the order they are evaluated',
      response: { 200: ruleListSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'read'),
    handler: async (request) => ({
      items: (await listRules(db, principalOf(request).workspaceId)).map(presentRule),
    }),
  });

  api.post('/routing/rules', {
    schema: {
      tags,
      summary: 'Add a rule (evaluated after the existing ones)',
      body: ruleBodySchema,
      response: { 201: ruleSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'manage'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const row = await createRule(db, actor, request.body);
      changed(actor.workspaceId);
      return reply.status(201).send(presentRule(row));
    },
  });

  api.patch('/routing/rules/:id', {
    schema: {
      tags,
      summary: 'Change a rule',
      params: idParams,
      body: rulePatchSchema,
      response: { 200: ruleSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      const row = await updateRule(db, actor, request.params.id, request.body);
      changed(actor.workspaceId);
      return presentRule(row);
    },
  });

  api.delete('/routing/rules/:id', {
    schema: { tags, summary: 'Delete a rule', params: idParams, response: { 204: z.null(), ...errors } },
    preHandler: guards.authorize('routing', 'manage'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      await deleteRule(db, actor, request.params.id);
      changed(actor.workspaceId);
      return reply.status(204).send(null);
    },
  });

  api.put('/routing/rules/order', {
    schema: {
      tags,
      summary: 'Reorder the rules (every rule id, in the new order)',
      body: ruleOrderBody,
      response: { 200: ruleListSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      await reorderRules(db, actor, request.body.ids);
      changed(actor.workspaceId);
      return { items: (await listRules(db, actor.workspaceId)).map(presentRule) };
    },
  });

  api.post('/routing/rules/test', {
    schema: {
      tags,
      summary: 'Run the saved (or draft) rules on a sample message without changing anything',
      body: ruleTestBody,
      response: { 200: ruleTestResultSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'read'),
    handler: async (request) => {
      const actor = principalOf(request);
      const { workspaceId } = actor;
      // Draft rules carry patterns the server compiles: only people who may save rules may try unsaved ones.
      if (request.body.rules && !can(actor.role, 'routing', 'manage'))
        throw forbidden('Only supervisors and admins can try draft rules');
      return testRunRules(db, {
        workspaceId,
        sample: request.body,
        config: routing.configCache,
        isOpenAt: async (at) =>
          (await serviceLevels.deps.calendars.get(db, workspaceId, null))?.calendar.isOpenAt(at) ?? true,
      });
    },
  });

  api.get('/routing/settings', {
    schema: {
      tags,
      summary: 'The risk lexicon, thresholds, type → team mapping and acceptance message',
      response: { 200: settingsSchema.extend({ defaults: settingsSchema }), ...errors },
    },
    preHandler: guards.authorize('routing', 'read'),
    handler: async (request) => ({
      ...(await loadRoutingSettings(db, principalOf(request).workspaceId)),
      defaults: DEFAULT_ROUTING_SETTINGS,
    }),
  });

  api.patch('/routing/settings', {
    schema: {
      tags,
      summary: 'Change routing settings (only the fields sent)',
      body: settingsPatchSchema,
      response: { 200: settingsSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      const settings = await updateRoutingSettings(db, { actor, patch: request.body });
      changed(actor.workspaceId);
      return settings;
    },
  });
}
