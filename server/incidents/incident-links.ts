import type { Database } from '@server/db/schema';
import { notify } from '@server/notifications/service';
import type { RealtimeEvent } from '@server/realtime/publish';
import { type Kysely, sql } from 'kysely';

const CHUNK = 500;

/**
 * Opening an incident, by hand or on a surge, happens one transaction at a time per workspace (until commit): the
 * second finds the first's incident among the open ones instead of opening another for the same surge.
 */
export async function lockIncidentOpening(tx: Kysely<Database>, workspaceId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`kefu-incident-open:${workspaceId}`}))`.execute(tx);
}

/**
 * Links tickets to incidents with a timeline entry on each. A ticket belongs to one incident at most: one linked
 * meanwhile by another transaction keeps that link. Returns the links made.
 */
export async function insertIncidentLinks(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    links: readonly { ticketId: string; incidentId: string }[];
    titles: ReadonlyMap<string, string>;
    actorUserId: string | null;
  },
): Promise<{ ticketId: string; incidentId: string }[]> {
  const { workspaceId } = options;
  const made: { ticketId: string; incidentId: string }[] = [];
  for (let start = 0; start < options.links.length; start += CHUNK) {
    const rows = await tx
      .insertInto('incident_tickets')
      .values(
        options.links.slice(start, start + CHUNK).map((link) => ({
          workspace_id: workspaceId,
          incident_id: link.incidentId,
          ticket_id: link.ticketId,
        })),
      )
      .onConflict((conflict) => conflict.columns(['workspace_id', 'ticket_id']).doNothing())
      .returning(['ticket_id', 'incident_id'])
      .execute();
    made.push(...rows.map((row) => ({ ticketId: row.ticket_id, incidentId: row.incident_id })));
  }
  for (let start = 0; start < made.length; start += CHUNK) {
    await tx
      .insertInto('ticket_events')
      .values(
        made.slice(start, start + CHUNK).map((link) => ({
          workspace_id: workspaceId,
          ticket_id: link.ticketId,
          actor_user_id: options.actorUserId,
          kind: 'incident_linked',
          data: JSON.stringify({
            incidentId: link.incidentId,
            title: options.titles.get(link.incidentId) ?? '',
          }),
        })),
      )
      .execute();
  }
  return made;
}

/**
 * Seed 002: the supervisors (and admins) learn at once that an incident opened, and how many tickets it holds.
 * Returns the realtime events announcing the notifications, for the caller to publish last in its transaction.
 */
export async function alertSupervisors(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    incidents: readonly { id: string; title: string; ticketCount: number }[];
    /** Who opened it by hand knows already. */
    exceptUserId?: string;
  },
): Promise<RealtimeEvent[]> {
  if (options.incidents.length === 0) return [];
  const people = await tx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', options.workspaceId)
    .where('role', 'in', ['supervisor', 'admin'])
    .where('deactivated_at', 'is', null)
    .execute();
  return notify(
    tx,
    options.workspaceId,
    people
      .filter((person) => person.id !== options.exceptUserId)
      .flatMap((person) =>
        options.incidents.map((incident) => ({
          userId: person.id,
          kind: 'incident_opened' as const,
          ticketId: null,
          data: { incidentId: incident.id, title: incident.title, ticketCount: incident.ticketCount },
        })),
      ),
    { publish: false },
  );
}
