import type { AuditFilter } from '@app/api/types';
import { dayStartToIso, useWorkspaceTimeZone } from '@app/components/workspace-time';
import { useSearchParams } from 'react-router';

/** The filter as the page holds it, in the address bar so that a filtered log can be reloaded or linked to. */
export interface AuditFilterState {
  /** Exact action, or a group prefix ending with a dot (`pii.`). */
  action?: string;
  actorId?: string;
  /** Calendar days (`2026-11-23`) in the workspace time zone, both included. */
  from?: string;
  to?: string;
}

const KEYS = ['action', 'actorId', 'from', 'to'] as const;

export function useAuditFilterState(): {
  state: AuditFilterState;
  filter: AuditFilter;
  update: (changes: Partial<AuditFilterState>) => void;
} {
  const [params, setParams] = useSearchParams();
  const timeZone = useWorkspaceTimeZone();
  const state: AuditFilterState = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  const filter: AuditFilter = {
    action: state.action,
    actorId: state.actorId,
    from: state.from ? dayStartToIso(state.from, timeZone) : undefined,
    to: state.to ? dayStartToIso(state.to, timeZone, 1) : undefined,
  };
  const update = (changes: Partial<AuditFilterState>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return { state, filter, update };
}

export const hasAuditFilter = (state: AuditFilterState): boolean => KEYS.some((key) => state[key]);
