/**
 * The lookup token kept for this browser tab, so a reload within its 30 minutes still shows the ticket. Session
 * storage: it ends with the tab, and a shared computer's next user does not find it.
 */
const storageKey = (workspace: string) => `kefu.lookup.${workspace}`;

export interface LookupSession {
  token: string;
  expiresAt: string;
}

export function restoreLookupSession(workspace: string): LookupSession | null {
  try {
    const stored = JSON.parse(
      sessionStorage.getItem(storageKey(workspace)) ?? 'null',
    ) as LookupSession | null;
    if (stored && typeof stored.token === 'string' && Date.parse(stored.expiresAt) > Date.now())
      return stored;
  } catch {
    // Unreadable or refused storage: the customer simply looks the ticket up again.
  }
  return null;
}

export function saveLookupSession(workspace: string, session: LookupSession | null): void {
  try {
    if (session) sessionStorage.setItem(storageKey(workspace), JSON.stringify(session));
    else sessionStorage.removeItem(storageKey(workspace));
  } catch {
    // Private windows may refuse storage; the page still works until it is reloaded.
  }
}
