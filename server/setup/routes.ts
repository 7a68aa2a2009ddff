import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { installPreset } from '@server/sla/apply-preset';
import { SERVICE_PRESETS } from '@server/sla/presets';
import { z } from 'zod';
import { completeSetup, describeSetupToken } from './service';

const tags = ['setup'];
const tokenParams = z.object({ token: z.string().min(20).max(100) });
const completeSetupBody = z.object({
  token: z.string().min(20).max(100),
  /** Renames the workspace (the brand, or the client of an outsourcing centre). */
  workspaceName: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254),
  employeeNo: z.string().trim().min(1).max(32).optional(),
  password: z.string().min(1).max(256),
  /** The seed SOP the desk starts from: taxonomy, calendar and service levels (see GET /sla/presets). */
  presetId: z.enum(SERVICE_PRESETS.map((preset) => preset.id) as [string, ...string[]]).optional(),
});

export function registerSetupRoutes(
  api: Api,
  { db, loginAttemptsPerMinute, serviceLevels }: RouteDeps,
): void {
  const rateLimit = { max: loginAttemptsPerMinute, timeWindow: '1 minute' };

  api.get('/setup/:token', {
    schema: {
      tags,
      summary: 'Check a first-run setup link',
      params: tokenParams,
      response: { 200: z.object({ workspaceName: z.string() }), 404: problemSchema },
    },
    config: { rateLimit },
    handler: async (request) => describeSetupToken(db, request.params.token),
  });

  api.post('/setup', {
    schema: {
      tags,
      summary: 'Create the first admin with a one-time setup link',
      body: completeSetupBody,
      response: {
        204: z.null(),
        400: problemSchema,
        404: problemSchema,
        409: problemSchema,
        422: problemSchema,
      },
    },
    config: { rateLimit },
    handler: async (request, reply) => {
      const { presetId, ...setup } = request.body;
      const { workspaceId } = await completeSetup(db, setup);
      if (presetId)
        await installPreset(db, serviceLevels.deps.calendars, { workspaceId, presetId, actorUserId: null });
      return reply.status(204).send(null);
    },
  });
}
