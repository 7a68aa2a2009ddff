/**
 * Emergency mode at intake (seed 002): new tickets join the open incident they resemble, or a surge of similar
 * tickets opens one and alerts the supervisors. Runs inside the transaction that created the tickets; one read per
 * call when every ticket matches an open incident, else three (open incidents, the window's tickets, open incidents
 * again), then writes only when something links.
 */
import type { Database } from '@server/db/schema';
import type { RealtimeEvent } from '@server/realtime/publish';
import { contentTokens } from '@server/routing/duplicates/similarity';
import type { RoutingSettings } from '@shared/routing';
import type { Kysely } from 'kysely';
import { writeIncidentMessages } from './broadcast';
import { detectIncidents, matchIncident, type WordedTicket } from './cluster';
import { alertSupervisors, insertIncidentLinks, lockIncidentOpening } from './incident-links';
import { loadOpenIncidents, ticketsInNoIncident } from './repo';

/** The window's newest tickets compared per call at most: beyond, a surge is long detected. */
const MAX_RECENT_TICKETS = 2000;

/**
 * Links new tickets to an open incident they resemble, or opens one when incidentThreshold or more similar tickets
 * (the newest included) arrived within incidentWindowMinutes — then alerts the supervisors with notify(). A
 * ticket linking to an incident that has a holding reply gets it at once (the caller tracks the new tickets' SLA
 * clocks after this call; their first response is that reply). Returns ticket → incident for every link made, and
 * the realtime events (the holding replies' messages, the supervisors' notifications) for the caller to publish
 * last: intake takes the stream's counter row after every other lock, as the broadcasts do.
 */
export async function linkIncidents(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    tickets: { ticketId: string; subject: string; tokens: string[] }[];
    settings: RoutingSettings;
    now: Date;
  },
): Promise<{ links: Map<string, string>; realtime: RealtimeEvent[] }> {
  const { workspaceId, settings } = options;
  const linked = new Map<string, string>();
  const realtime: RealtimeEvent[] = [];
  const tickets: WordedTicket[] = options.tickets
    .map((ticket) => ({ id: ticket.ticketId, subject: ticket.subject, words: contentTokens(ticket.tokens) }))
    .filter((ticket) => ticket.words.size > 0);
  if (tickets.length === 0) return { links: linked, realtime };

  let openIncidents = await loadOpenIncidents(tx, workspaceId);
  const needsCount = tickets.some(
    (ticket) => !matchIncident(ticket.words, openIncidents, settings.incidentSimilarity),
  );
  let recent: WordedTicket[] = [];
  if (needsCount) {
    recent = await loadRecentTickets(tx, {
      workspaceId,
      since: new Date(options.now.getTime() - settings.incidentWindowMinutes * 60_000),
    });
    // An incident opened meanwhile (a surge, a supervisor) took its tickets out of the window just read: read the
    // open ones again, so that those tickets are seen either in the window or as that incident.
    openIncidents = await loadOpenIncidents(tx, workspaceId);
  }
  const detect = () =>
    detectIncidents({
      tickets,
      openIncidents,
      recent,
      threshold: settings.incidentThreshold,
      similarity: settings.incidentSimilarity,
    });
  let detection = detect();
  if (detection.opened.length > 0) {
    // Two transactions seeing one surge (or a supervisor declaring it) would open it twice: the second waits here
    // until the first commits, then finds its incident among the open ones and links to it instead.
    await lockIncidentOpening(tx, workspaceId);
    const latest = await loadOpenIncidents(tx, workspaceId);
    const seen = new Set(openIncidents.map((incident) => incident.id));
    if (latest.some((incident) => !seen.has(incident.id))) {
      openIncidents = latest;
      detection = detect();
    }
  }

  // The incidents linked to are held (FOR SHARE) until commit: a concurrent holding reply or resolution waits for
  // these links and then includes them, or has committed and is read here.
  const openIds = new Set(openIncidents.map((incident) => incident.id));
  const existingIds = [...new Set(detection.links.values())].filter((id) => openIds.has(id)).sort();
  const existing =
    existingIds.length > 0
      ? await tx
          .selectFrom('incidents')
          .select(['id', 'title', 'status', 'holding_reply'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', existingIds)
          .orderBy('id')
          .forShare()
          .execute()
      : [];
  const stillOpen = new Map(existing.filter((row) => row.status === 'open').map((row) => [row.id, row]));

  const titles = new Map([...stillOpen.values()].map((row) => [row.id, row.title]));
  const openedIds = new Map<string, string>();
  for (const opened of detection.opened) {
    const row = await tx
      .insertInto('incidents')
      .values({ workspace_id: workspaceId, title: opened.title, signature: opened.signature })
      .returning('id')
      .executeTakeFirstOrThrow();
    openedIds.set(opened.key, row.id);
    titles.set(row.id, opened.title);
  }
  const links = [...detection.links].flatMap(([ticketId, key]) => {
    const incidentId = openedIds.get(key) ?? (stillOpen.has(key) ? key : undefined);
    return incidentId ? [{ ticketId, incidentId }] : [];
  });
  const made = await insertIncidentLinks(tx, { workspaceId, links, titles, actorUserId: null });
  for (const link of made) linked.set(link.ticketId, link.incidentId);

  const alerts = await alertSupervisors(tx, {
    workspaceId,
    incidents: [...openedIds.values()].map((id) => ({
      id,
      title: titles.get(id) ?? '',
      ticketCount: made.filter((link) => link.incidentId === id).length,
    })),
  });

  for (const incident of stillOpen.values()) {
    if (!incident.holding_reply) continue;
    const sent = await writeIncidentMessages(tx, {
      workspaceId,
      incidentId: incident.id,
      kind: 'holding',
      body: incident.holding_reply,
      authorUserId: null,
      ticketIds: made.filter((link) => link.incidentId === incident.id).map((link) => link.ticketId),
      sla: null,
    });
    realtime.push(...sent.realtime);
  }
  realtime.push(...alerts);
  return { links: linked, realtime };
}

/** The window's tickets in no incident (merged ones are their target's words already). */
async function loadRecentTickets(
  tx: Kysely<Database>,
  options: { workspaceId: string; since: Date },
): Promise<WordedTicket[]> {
  const rows = await ticketsInNoIncident(tx, options.workspaceId)
    .select(['t.id', 't.subject', 't.search_tokens'])
    .where('t.created_at', '>=', options.since)
    .orderBy('t.created_at', 'desc')
    .limit(MAX_RECENT_TICKETS)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    words: contentTokens(row.search_tokens.split(' ')),
  }));
}
