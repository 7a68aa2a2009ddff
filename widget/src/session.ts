import type { WidgetSessionRequest } from '@shared/web-chat';
import { type WidgetApi, WidgetRequestError } from './api';
import { reconnectDelay } from './connection';
import { persistent } from './storage';

const MAX_RENEWALS = 3;

export interface SessionHooks {
  /** What the session request says about the visitor besides the stored token. */
  request(): Omit<WidgetSessionRequest, 'visitorToken'>;
  connected(): void;
  unavailable(): void;
  /** Whether to keep trying after a failure (only while the visitor has the panel open). */
  wanted(): boolean;
}

/**
 * The visitor's token: kept in localStorage so the conversation survives reloads and follows the visitor across
 * tabs; created (or confirmed) once per page through POST /sessions before the socket opens.
 */
export class VisitorSession {
  token: string | null;
  private pending: Promise<boolean> | null = null;
  private failures = 0;
  private renewals = 0;

  constructor(
    private readonly api: WidgetApi,
    private readonly storageKey: string,
    private readonly hooks: SessionHooks,
  ) {
    this.token = persistent.get(storageKey);
  }

  /** Resolves true once there is a token and the socket has been started. */
  ensure(): Promise<boolean> {
    this.pending ??= this.create();
    return this.pending;
  }

  /** The socket refused the token (expired or revoked): a new session, then the same conversation again. */
  renew(): void {
    if (this.renewals++ >= MAX_RENEWALS) return;
    this.pending = null;
    void this.ensure();
  }

  /** A working socket: later refusals may renew again. */
  confirmed(): void {
    this.renewals = 0;
  }

  private async create(): Promise<boolean> {
    try {
      const session = await this.api.session({ ...this.hooks.request(), visitorToken: this.token });
      this.token = session.visitorToken;
      persistent.set(this.storageKey, this.token);
      this.failures = 0;
      this.hooks.connected();
      return true;
    } catch (error) {
      this.pending = null;
      const refused = error instanceof WidgetRequestError && error.status < 500 && error.status !== 429;
      if (refused && this.token) {
        // A token the server no longer knows: start over as a new visitor.
        this.token = null;
        persistent.set(this.storageKey, null);
        return this.ensure();
      }
      this.hooks.unavailable();
      if (!refused) {
        setTimeout(
          () => {
            if (this.hooks.wanted()) void this.ensure();
          },
          reconnectDelay(this.failures++),
        );
      }
      return false;
    }
  }
}
