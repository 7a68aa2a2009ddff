/**
 * What a messaging-platform adapter (WeChat Official Account, WeCom 微信客服, WhatsApp, Douyin) adds to a channel
 * adapter: the platform calls Kefu's webhook URL (`/api/v1/platforms/{accountId}/webhook`) to verify it and to
 * push messages and events, and the admin page's "test connection" asks the platform whether the credentials work.
 */
import type { Database } from '@server/db/schema';
import type { IntakePipeline } from '@server/intake/pipeline';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { ChannelAdapter } from '../adapter';
import type { ChannelAccount } from '../repo';
import type { PlatformAccessTokens } from './access-tokens';

export interface PlatformRequest {
  method: 'GET' | 'POST';
  /** The query string's parameters (signature, timestamp, nonce, echostr, hub.challenge…). */
  query: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received (empty for GET): signatures are computed over these bytes. */
  body: Buffer;
}

/** What the platform is answered: WeChat wants `success` or an echo as text, Douyin a JSON object. */
export interface PlatformResponse {
  status: number;
  contentType: string;
  body: string;
}

/** The app services a platform adapter uses; built once in app.ts. */
export interface PlatformDeps {
  db: Kysely<Database>;
  /** Every inbound message goes through it; it resolves after the commit that stores the messages. */
  intake: IntakePipeline;
  /** Platform access tokens shared by every app process, refreshed by one of them at a time. */
  tokens: PlatformAccessTokens;
  /** Tell connected agents about a commit made outside the intake (delivery receipts). */
  poke(workspaceId: string): void;
  log: FastifyBaseLogger;
}

export interface ConnectionCheck {
  ok: boolean;
  /** What the admin reads: "access_token 已获取" or the platform's error code and message. */
  detail: string;
}

export interface PlatformAdapter extends ChannelAdapter {
  /**
   * Handles one call of the platform to the webhook URL. Throws an HttpProblem (nothing stored) when the request is
   * not genuine or not well-formed; otherwise resolves, after the commit that stores what it acknowledges, with
   * what the platform must be answered.
   */
  webhook(request: PlatformRequest, account: ChannelAccount): Promise<PlatformResponse>;
  /** Asks the platform whether the account's credentials work (fetches an access token, reads the account). */
  testConnection(account: ChannelAccount): Promise<ConnectionCheck>;
  /** Background work to start with the app (a pull-style platform catching up after a restart). */
  start?(): void;
  stop?(): Promise<void>;
}
