/**
 * WhatsApp Cloud API: Meta verifies the webhook URL with `hub.challenge`, then posts signed notifications of the
 * customers' messages and of the status of Kefu's replies (sent, delivered, read, failed). Replies go out through
 * the Graph API's `/{phone-number-id}/messages`; outside the 24-hour window only an approved template is accepted
 * (the reply route refuses free text before it reaches the outbox).
 */
import { timingSafeEqual } from 'node:crypto';
import { HttpProblem } from '@server/http/problem';
import { recordPlatformReceipts } from '@server/outbox/deliveries';
import type { PlatformAdapter, PlatformDeps, PlatformRequest } from '../platform/contract';
import type { ChannelAccount } from '../repo';
import { failureOf, GraphCallError, graphJson, graphUrl, sendWhatsappMessage, settingsOf } from './client';
import { toInboundMessages } from './inbound';
import {
  parseWhatsappBody,
  type WhatsappNotification,
  WhatsappParseError,
  type WhatsappStatusUpdate,
} from './parse';
import { SIGNATURE_HEADER, webhookSignatureMatches } from './signature';

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** A missing secret is the admin's to fix; checking against an empty one would let anyone forge a match. */
const notConfigured = (what: string) =>
  new HttpProblem(
    401,
    'not_configured',
    `This WhatsApp account has no ${what}; save it in the account settings`,
  );

/** Meta's subscription check: echo `hub.challenge` when the verify token is the one the admin entered. */
function verifySubscription(request: PlatformRequest, account: ChannelAccount) {
  const { query } = request;
  const expected = account.credentials.verifyToken;
  if (!expected) throw notConfigured('verify token');
  if (
    query['hub.mode'] !== 'subscribe' ||
    !sameText(query['hub.verify_token'] ?? '', expected) ||
    !query['hub.challenge']
  ) {
    throw new HttpProblem(403, 'verification_failed', 'The verify token does not match this account');
  }
  return { status: 200, contentType: 'text/plain', body: query['hub.challenge'] };
}

function receiptOf(status: WhatsappStatusUpdate) {
  if (status.status !== 'failed') return { platformMessageId: status.messageId, status: status.status };
  const [error] = status.errors;
  const failure = failureOf({ status: 400, code: error?.code ?? null, message: error?.title ?? 'failed' });
  return {
    platformMessageId: status.messageId,
    status: 'failed' as const,
    reason: failure.code,
    detail: failure.message,
  };
}

export function createWhatsappAdapter(deps: PlatformDeps): PlatformAdapter {
  async function notification(request: PlatformRequest, account: ChannelAccount) {
    const { appSecret } = account.credentials;
    if (!appSecret) throw notConfigured('App Secret');
    // Checked over the raw bytes before anything reads them.
    if (!webhookSignatureMatches(appSecret, request.body, request.headers[SIGNATURE_HEADER])) {
      throw new HttpProblem(401, 'bad_signature', 'X-Hub-Signature-256 does not match the App Secret');
    }
    let parsed: WhatsappNotification;
    try {
      parsed = parseWhatsappBody(request.body);
    } catch (error) {
      if (error instanceof WhatsappParseError) throw new HttpProblem(400, 'bad_notification', error.message);
      throw error;
    }
    // One Meta app may serve several numbers; this account answers for its own.
    const { phoneNumberId } = settingsOf(account);
    const messages = parsed.messages.filter((m) => m.phoneNumberId === phoneNumberId);
    const statuses = parsed.statuses.filter((s) => s.phoneNumberId === phoneNumberId);

    const inbound = await toInboundMessages(account, messages);
    if (inbound.length > 0) await deps.intake.accept(inbound);
    const updated = await recordPlatformReceipts(deps.db, {
      workspaceId: account.row.workspace_id,
      channelAccountId: account.row.id,
      receipts: statuses.map(receiptOf),
    });
    if (updated > 0) deps.poke(account.row.workspace_id);
    // Counts only: the skipped items may hold a customer's words.
    deps.log[parsed.unreadable > 0 ? 'warn' : 'info'](
      {
        channelAccountId: account.row.id,
        messages: inbound.length,
        statuses: statuses.length,
        updated,
        unreadable: parsed.unreadable,
      },
      'whatsapp notification stored',
    );
    return { status: 200, contentType: 'text/plain', body: 'OK' };
  }

  return {
    kind: 'whatsapp',
    receive() {
      throw new HttpProblem(404, 'unknown_channel', 'WhatsApp messages arrive through the platform webhook');
    },
    async webhook(request, account) {
      return request.method === 'GET' ? verifySubscription(request, account) : notification(request, account);
    },
    send(message, account, { timeoutMs }) {
      return sendWhatsappMessage(message, account, timeoutMs);
    },
    async testConnection(account) {
      const settings = settingsOf(account);
      try {
        const number = await graphJson<{ display_phone_number?: string; verified_name?: string }>(
          account,
          graphUrl(settings, `${settings.phoneNumberId}?fields=display_phone_number,verified_name`),
          { timeoutMs: 5_000 },
        );
        const name = number.verified_name ? ` (${number.verified_name})` : '';
        return { ok: true, detail: `${number.display_phone_number ?? settings.phoneNumberId}${name}` };
      } catch (error) {
        if (error instanceof GraphCallError) {
          return { ok: false, detail: failureOf(error.graph).message };
        }
        return { ok: false, detail: 'WhatsApp did not answer (network error or timeout)' };
      }
    },
  };
}
