import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { z } from 'zod';
import { PII_KINDS } from './detector';
import { revealPersonalData } from './reveal';
import { piiKindSchema } from './schema';
import { getPrivacySettings, presentPrivacySettings, updatePrivacySettings } from './settings';

const tags = ['privacy'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const privacySettingsSchema = z.object({
  /** Kinds masked at intake. Text already stored keeps its masks. */
  maskedKinds: z.array(piiKindSchema),
  /** Per kind, a template such as `{first:3}****{last:4}`; the built-in mask where absent. */
  maskFormats: z.partialRecord(piiKindSchema, z.string()),
  /** Message bodies older than this many months are anonymised by the daily retention job; null = off. */
  retentionMonths: z.number().int().nullable(),
  /** A sample of each kind masked with the formats above. */
  examples: z.record(piiKindSchema, z.string()),
});

const updatePrivacySettingsBody = z
  .object({
    maskedKinds: z.array(piiKindSchema).max(PII_KINDS.length),
    maskFormats: z.partialRecord(piiKindSchema, z.string().trim().min(1).max(40)),
    retentionMonths: z.number().int().min(1).max(120).nullable(),
  })
  .partial();

export function registerPrivacyRoutes(api: Api, { db, guards, vault }: RouteDeps): void {
  api.post('/personal-data/:id/reveal', {
    schema: {
      tags,
      summary: 'Reveal one masked original for a stated reason (audited; needs pii:reveal)',
      params: idParams,
      body: z.object({ reason: z.string().trim().min(2).max(200) }),
      response: {
        200: z.object({ id: z.uuid(), kind: piiKindSchema, field: z.string(), text: z.string() }),
        ...errors,
      },
    },
    // Any signed-in user may ask: a refusal is audited too, so the permission is checked in the service.
    preHandler: guards.authenticated,
    handler: async (request) => {
      const revealed = await revealPersonalData(db, vault, {
        actor: principalOf(request),
        spanId: request.params.id,
        reason: request.body.reason,
        ip: request.ip,
      });
      return { ...revealed, kind: piiKindSchema.parse(revealed.kind) };
    },
  });

  api.get('/privacy/settings', {
    schema: {
      tags,
      summary: 'Which personal data is masked at intake, how, and how long message bodies are kept',
      response: { 200: privacySettingsSchema, ...errors },
    },
    preHandler: guards.authorize('workspace', 'update'),
    handler: async (request) =>
      presentPrivacySettings(await getPrivacySettings(db, principalOf(request).workspaceId)),
  });

  api.put('/privacy/settings', {
    schema: {
      tags,
      summary: 'Change masking and retention (audited)',
      body: updatePrivacySettingsBody,
      response: { 200: privacySettingsSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('workspace', 'update'),
    handler: async (request) => {
      const principal = principalOf(request);
      const updated = await updatePrivacySettings(db, { principal, ip: request.ip, changes: request.body });
      vault.forgetRules(principal.workspaceId);
      return presentPrivacySettings(updated);
    },
  });
}
