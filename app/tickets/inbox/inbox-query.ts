import type { SavedView, TicketListFilter, TicketSlaFilter, TicketSort } from '@app/api/types';
import { dayStartToIso } from '@app/components/workspace-time';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '@shared/tickets';

export const SAVED_VIEW_ORDER: SavedView[] = ['mine', 'my_team', 'unassigned', 'all_open', 'all'];
const SORTS: TicketSort[] = ['last_activity', 'created', 'priority', 'sla_due'];
export const SLA_FILTERS: TicketSlaFilter[] = ['breaching_soon', 'breached'];

/**
 * Everything that decides what the inbox shows. It lives in the URL query string, so a view with its filters
 * can be bookmarked, shared with a colleague and restored with the back button.
 */
export interface InboxState {
  /** Left out of the URL: the inbox's default, which depends on whether the user is searching. */
  view?: SavedView;
  status: TicketStatus[];
  priority: TicketPriority[];
  channel?: string;
  type?: string;
  assigneeId?: string;
  teamId?: string;
  tag?: string;
  /** Calendar days (`2026-11-23`) in the workspace time zone, both included. */
  createdFrom?: string;
  createdTo?: string;
  /** Only tickets with a clock about to run out, or one already past its deadline. */
  sla?: TicketSlaFilter;
  sort: TicketSort;
  q?: string;
}

/** Searching looks through every ticket unless a view was chosen; browsing starts with the open work. */
export const effectiveView = (state: InboxState): SavedView => state.view ?? (state.q ? 'all' : 'all_open');

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  allowed.find((candidate) => candidate === value);
const pickList = <T extends string>(allowed: readonly T[], value: string | null): T[] =>
  (value ?? '').split(',').flatMap((part) => pick(allowed, part) ?? []);
const text = (value: string | null) => value?.trim() || undefined;
const isDay = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function parseInboxParams(params: URLSearchParams): InboxState {
  return {
    view: pick(SAVED_VIEW_ORDER, params.get('view')),
    status: pickList(TICKET_STATUSES, params.get('status')),
    priority: pickList(TICKET_PRIORITIES, params.get('priority')),
    channel: text(params.get('channel')),
    type: text(params.get('type')),
    assigneeId: text(params.get('assigneeId')),
    teamId: text(params.get('teamId')),
    tag: text(params.get('tag')),
    createdFrom: isDay(params.get('createdFrom')),
    createdTo: isDay(params.get('createdTo')),
    sla: pick(SLA_FILTERS, params.get('sla')),
    sort: pick(SORTS, params.get('sort')) ?? 'last_activity',
    q: text(params.get('q')),
  };
}

export function inboxParams(state: InboxState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => {
    if (value) params.set(key, value);
  };
  set('view', state.view);
  set('q', state.q);
  set('status', state.status.join(','));
  set('priority', state.priority.join(','));
  set('channel', state.channel);
  set('type', state.type);
  set('assigneeId', state.assigneeId);
  set('teamId', state.teamId);
  set('tag', state.tag);
  set('createdFrom', state.createdFrom);
  set('createdTo', state.createdTo);
  set('sla', state.sla);
  if (state.sort !== 'last_activity') params.set('sort', state.sort);
  return params;
}

/** Whether anything beyond the view is narrowing the list (offers "clear filters"). */
export const hasFilters = (state: InboxState): boolean =>
  state.status.length > 0 ||
  state.priority.length > 0 ||
  [state.channel, state.type, state.assigneeId, state.teamId, state.tag, state.createdFrom, state.sla].some(
    Boolean,
  );

/** The API query for the state; day bounds become instants at the workspace's midnight. */
export function inboxListFilter(state: InboxState, timeZone: string): TicketListFilter {
  return {
    view: effectiveView(state),
    status: state.status.join(',') || undefined,
    priority: state.priority.join(',') || undefined,
    channel: state.channel,
    type: state.type,
    assigneeId: state.assigneeId,
    teamId: state.teamId,
    tag: state.tag,
    createdFrom: state.createdFrom ? dayStartToIso(state.createdFrom, timeZone) : undefined,
    createdTo: state.createdTo ? dayStartToIso(state.createdTo, timeZone, 1) : undefined,
    q: state.q,
    sla: state.sla,
    sort: state.sort,
  };
}
