/**
 * Emergency mode at intake (seed 002): new tickets join the open incident they resemble, or a surge of similar
 * tickets opens one and alerts the supervisors. Runs inside the transaction that created the tickets; two reads
 * per call (open incidents, the window's tickets), then writes only when something links.
 */
import type { Database } from '@server/db/schema';
import { publishRealtime } from '@server/realtime/publish';
import { contentTokens } from '@server/routing/duplicates/similarity';
import type { RoutingSettings } from '@shared/routing';
import { type Kysely, sql } from 'kysely';
import { writeIncidentMessages } from './broadcast';
import { detectIncidents, type KnownIncident, matchIncident, type WordedTicket } from './cluster';
import { alertSupervisors, insertIncidentLinks } from './incident-links';

/** The window's newest tickets compared per call at most: beyond, a surge is long detected. */
const MAX_RECENT_TICKETS = 2000;

/**
 * Links new tickets to an open incident they resemble, or opens one when incidentThreshold or more similar tickets
 * (the newest included) arrived within incidentWindowMinutes — then alerts the supervisors with notify(). A
 * ticket linking to an incident that has a holding reply gets it at once (the caller tracks the new tickets' SLA
 * clocks after this call; their first response is that reply). Returns ticket → incident for every link made.
 */
export async function linkIncidents(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    tickets: { ticketId: string; subject: string; tokens: string[] }[];
    settings: RoutingSettings;
    now: Date;
  },
): Promise<Map<string, string>> {
  const { workspaceId, settings } = options;
  const linked = new Map<string, string>();
  const tickets: WordedTicket[] = options.tickets
    .map((ticket) => ({ id: ticket.ticketId, subject: ticket.subject, words: contentTokens(ticket.tokens) }))
    .filter((ticket) => ticket.words.size > 0);
  if (tickets.length === 0) return linked;

  let openIncidents = await loadOpenIncidents(tx, workspaceId);
  const needsCount = tickets.some(
    (ticket) => !matchIncident(ticket.words, openIncidents, settings.incidentSimilarity),
  );
  const recent = needsCount
    ? await loadRecentTickets(tx, {
        workspaceId,
        since: new Date(options.now.getTime() - settings.incidentWindowMinutes * 60_000),
      })
    : [];
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
    // Two transactions seeing one surge would open it twice: the second waits here until the first commits, then
    // finds its incident among the open ones and links to it instead.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`kefu-incident-open:${workspaceId}`}))`.execute(tx);
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

  await alertSupervisors(tx, {
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
    await publishRealtime(tx, workspaceId, sent.realtime);
  }
  return linked;
}

async function loadOpenIncidents(tx: Kysely<Database>, workspaceId: string): Promise<KnownIncident[]> {
  const rows = await tx
    .selectFrom('incidents')
    .select(['id', 'signature'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .orderBy('opened_at')
    .execute();
  return rows.map((row) => ({ id: row.id, signature: new Set(row.signature) }));
}

/** The window's tickets in no incident (merged ones are their target's words already). */
async function loadRecentTickets(
  tx: Kysely<Database>,
  options: { workspaceId: string; since: Date },
): Promise<WordedTicket[]> {
  const rows = await tx
    .selectFrom('tickets as t')
    .select(['t.id', 't.subject', 't.search_tokens'])
    .where('t.workspace_id', '=', options.workspaceId)
    .where('t.created_at', '>=', options.since)
    .where('t.merged_into_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incident_tickets as it')
            .select('it.ticket_id')
            .whereRef('it.workspace_id', '=', 't.workspace_id')
            .whereRef('it.ticket_id', '=', 't.id'),
        ),
      ),
    )
    .orderBy('t.created_at', 'desc')
    .limit(MAX_RECENT_TICKETS)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    words: contentTokens(row.search_tokens.split(' ')),
  }));
}
