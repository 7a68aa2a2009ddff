import type { Database } from '@server/db/schema';
import type { WebChatSettingsRow, WebChatVisitorRow } from '@server/db/web-chat-tables';
import { HttpProblem } from '@server/http/problem';
import type { Keyring } from '@server/privacy/keyring';
import type { Kysely } from 'kysely';
import type { WidgetKeyCache } from './settings';
import { tokenWorkspace, VISITOR_TOKEN_PURPOSE, verifyVisitorToken } from './visitor-token';
import { loadVisitor } from './visitors';

export const invalidVisitorToken = () =>
  new HttpProblem(401, 'invalid_visitor_token', 'The visitor token is not valid; start a new widget session');

export const widgetUnavailable = () =>
  new HttpProblem(404, 'widget_unavailable', 'No enabled web chat has this key');

/** Whether the host page may use this workspace's widget (no list: any page may). */
export function originAllowed(settings: WebChatSettingsRow, origin: string | undefined): boolean {
  if (settings.allowed_origins.length === 0) return true;
  return origin !== undefined && settings.allowed_origins.includes(origin);
}

/**
 * The visitor a token belongs to, with their workspace's widget settings; 401 for a forged or stale token.
 * `origin` null: the request cannot carry one (an image), only the token counts.
 */
export async function authenticateVisitor(
  deps: { db: Kysely<Database>; keyring: Keyring; widgetKeys: WidgetKeyCache },
  token: string,
  origin: string | undefined | null,
): Promise<{ settings: WebChatSettingsRow; visitor: WebChatVisitorRow }> {
  const claims = tokenWorkspace(token);
  if (!claims) throw invalidVisitorToken();
  // A workspace without web chat has issued no tokens: checked first, so a forged one costs a cached read.
  const settings = await deps.widgetKeys.byWorkspace(claims.workspaceId);
  if (!settings) throw invalidVisitorToken();
  const key = await deps.keyring.purposeKey(claims.workspaceId, VISITOR_TOKEN_PURPOSE).catch(() => null);
  if (!key || !verifyVisitorToken(key, token)) throw invalidVisitorToken();
  if (!settings.enabled) throw widgetUnavailable();
  if (origin !== null && !originAllowed(settings, origin)) {
    throw new HttpProblem(403, 'origin_not_allowed', 'This site may not embed the chat widget');
  }
  const visitor = await loadVisitor(deps.db, claims.workspaceId, claims.visitorId);
  if (!visitor) throw invalidVisitorToken();
  return { settings, visitor };
}
