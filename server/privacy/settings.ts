import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { Database, PrivacySettings } from '@server/db/schema';
import { notFound, unprocessable } from '@server/http/problem';
import { type Kysely, sql } from 'kysely';
import { PII_KINDS, type PiiKind } from './detector';
import { applyMask } from './masks';

/** What each kind's mask looks like with the workspace's formats: the settings page previews these. */
const SAMPLES: Record<PiiKind, string> = {
  id_card: '11010519491231002X',
  mobile: '13812345678',
  landline: '010-62345678',
  bank_card: '6228480402564890018',
  email: 'zhangsan@example.com',
  passport: 'E12345678',
  address: '1号楼2单元301室',
};

export interface PrivacySettingsJson {
  maskedKinds: PiiKind[];
  maskFormats: Partial<Record<PiiKind, string>>;
  retentionMonths: number | null;
  examples: Record<PiiKind, string>;
}

/** The masking rules stored settings amount to: every kind unless narrowed, the built-in masks unless overridden. */
export function maskingRulesOf(stored: PrivacySettings | undefined): {
  kinds: PiiKind[];
  formats: Partial<Record<PiiKind, string>>;
} {
  const kinds = (stored?.maskedKinds ?? [...PII_KINDS]).filter((kind): kind is PiiKind =>
    (PII_KINDS as readonly string[]).includes(kind),
  );
  return { kinds, formats: (stored?.maskFormats ?? {}) as Partial<Record<PiiKind, string>> };
}

export function presentPrivacySettings(stored: PrivacySettings | undefined): PrivacySettingsJson {
  const { kinds: maskedKinds, formats: maskFormats } = maskingRulesOf(stored);
  const examples = Object.fromEntries(
    PII_KINDS.map((kind) => [
      kind,
      applyMask({ kind, start: 0, end: SAMPLES[kind].length, text: SAMPLES[kind] }, maskFormats[kind]),
    ]),
  ) as Record<PiiKind, string>;
  return { maskedKinds, maskFormats, retentionMonths: stored?.retentionMonths ?? null, examples };
}

const TEMPLATE_PART = /\{(first|last):(\d+)\}/g;

/** A mask template must hide something: at most 8 characters shown, and at least one placeholder-free character. */
function checkTemplate(kind: string, template: string) {
  const shown = [...template.matchAll(TEMPLATE_PART)].reduce((sum, match) => sum + Number(match[2]), 0);
  const literal = template.replace(TEMPLATE_PART, '');
  if (shown > 8 || literal.trim().length === 0)
    throw unprocessable('mask_reveals_too_much', 'A mask must hide the value', [
      {
        path: `/maskFormats/${kind}`,
        message: 'Show at most 8 characters and add mask characters such as ****',
      },
    ]);
}

export async function getPrivacySettings(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<PrivacySettings> {
  const row = await db
    .selectFrom('workspaces')
    .select('settings')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) throw notFound('Workspace');
  return row.settings.privacy ?? {};
}

export async function updatePrivacySettings(
  db: Kysely<Database>,
  options: { principal: Principal; ip: string | null; changes: PrivacySettings },
): Promise<PrivacySettings> {
  const { principal, changes } = options;
  for (const [kind, template] of Object.entries(changes.maskFormats ?? {})) checkTemplate(kind, template);
  const before = await getPrivacySettings(db, principal.workspaceId);
  const next: PrivacySettings = { ...before, ...changes };
  await db
    .updateTable('workspaces')
    .set({
      settings: sql`jsonb_set(settings, '{privacy}', ${JSON.stringify(next)}::jsonb)`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', principal.workspaceId)
    .execute();
  await recordAudit(db, {
    workspaceId: principal.workspaceId,
    actorUserId: principal.userId,
    action: 'privacy.settings_changed',
    targetType: 'workspace',
    targetId: principal.workspaceId,
    detail: { before, after: next },
    ip: options.ip,
  });
  return next;
}
