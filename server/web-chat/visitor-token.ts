/**
 * Visitor tokens: what the widget keeps in localStorage so a reload or a second tab is the same visitor. A token is
 * `v1.<workspaceId>.<visitorId>.<mac>`, the MAC keyed by the workspace's lookup key: stateless to check, and
 * worthless in another workspace. Signed-in users of the host site are vouched for by the site itself, with an
 * HMAC of `${userId}:${email}` under the workspace's identity secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';

/** The key visitor tokens are signed with: `keyring.purposeKey(workspaceId, VISITOR_TOKEN_PURPOSE)`. */
export const VISITOR_TOKEN_PURPOSE = 'kefu:widget-visitor-token';

function mac(key: Buffer, workspaceId: string, visitorId: string): string {
  return createHmac('sha256', key).update(`${workspaceId}:${visitorId}`).digest('base64url');
}

export function signVisitorToken(key: Buffer, workspaceId: string, visitorId: string): string {
  return [VERSION, workspaceId, visitorId, mac(key, workspaceId, visitorId)].join('.');
}

/** The token's workspace, before its key is known (the MAC is checked by verifyVisitorToken). */
export function tokenWorkspace(token: string): { workspaceId: string; visitorId: string } | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, workspaceId, visitorId] = parts as [string, string, string, string];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (!uuid.test(workspaceId) || !uuid.test(visitorId)) return null;
  return { workspaceId, visitorId };
}

export function verifyVisitorToken(
  key: Buffer,
  token: string,
): { workspaceId: string; visitorId: string } | null {
  const claims = tokenWorkspace(token);
  if (!claims) return null;
  const given = Buffer.from(token.split('.')[3] ?? '');
  const expected = Buffer.from(mac(key, claims.workspaceId, claims.visitorId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? claims : null;
}

/** What the host site signs for a signed-in user: hex HMAC-SHA256 of `${userId}:${email}` (either may be empty). */
export function identitySignature(secret: string, identity: { userId?: string; email?: string }): string {
  return createHmac('sha256', secret)
    .update(`${identity.userId ?? ''}:${identity.email ?? ''}`)
    .digest('hex');
}

export function identityIsGenuine(
  secret: string,
  identity: { userId?: string; email?: string; signature: string },
): boolean {
  const expected = Buffer.from(identitySignature(secret, identity));
  const given = Buffer.from(identity.signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
