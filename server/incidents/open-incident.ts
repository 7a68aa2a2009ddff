import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { conflict, unprocessable } from '@server/http/problem';
import { publishRealtime } from '@server/realtime/publish';
import { contentTokens } from '@server/routing/duplicates/similarity';
import { loadRoutingSettings } from '@server/routing/settings';
import { queryTokens } from '@server/search/segmenter';
import type { Kysely } from 'kysely';
import { incidentCoverage } from './cluster';
import { alertSupervisors, insertIncidentLinks, lockIncidentOpening } from './incident-links';
import { loadOpenIncidents, ticketsInNoIncident } from './repo';

/** A supervisor declares an incident that may have been going on for hours: the day's open tickets may join it. */
const LOOKBACK_HOURS = 24;
const MAX_GATHERED_TICKETS = 5000;

/**
 * Opens an incident by hand (管理者宣布突发事件): its signature is the keywords' words; the open tickets of the last
 * day that cover it join at once, and later ones link at intake. The other supervisors are alerted. An open
 * incident about the same thing (one signature covering the other) is not opened twice: 409 names it.
 */
export async function openIncident(
  db: Kysely<Database>,
  options: { actor: Principal; title: string; keywords: string[] },
): Promise<string> {
  const { actor } = options;
  const { workspaceId } = actor;
  const signature = [...contentTokens(options.keywords.flatMap((keyword) => queryTokens(keyword)))];
  if (signature.length === 0) {
    throw unprocessable('keywords_without_words', 'The keywords hold no word to recognise tickets by', [
      {
        path: 'body/keywords',
        message: 'Name what the complaints say (闪退, 登录), not numbers or single characters',
      },
    ]);
  }
  const settings = await loadRoutingSettings(db, workspaceId);
  const words = new Set(signature);
  return db.transaction().execute(async (tx) => {
    const candidates = await ticketsInNoIncident(tx, workspaceId)
      .select(['t.id', 't.search_tokens'])
      .where('t.created_at', '>=', new Date(Date.now() - LOOKBACK_HOURS * 3_600_000))
      .where('t.status', 'not in', ['resolved', 'closed'])
      .orderBy('t.created_at', 'desc')
      .limit(MAX_GATHERED_TICKETS)
      .execute();
    const gathered = candidates
      .filter(
        (ticket) =>
          incidentCoverage(words, contentTokens(ticket.search_tokens.split(' '))) >=
          settings.incidentSimilarity,
      )
      .map((ticket) => ticket.id);
    // The tickets to link are held (in id order) before the opening lock: intake takes that lock while holding its
    // tickets, so the other order could deadlock with a surge opening right now.
    if (gathered.length > 0) {
      await tx
        .selectFrom('tickets')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', gathered)
        .orderBy('id')
        .forKeyShare()
        .execute();
    }
    await lockIncidentOpening(tx, workspaceId);
    const open = await loadOpenIncidents(tx, workspaceId);
    const same = open.find(
      (incident) =>
        incidentCoverage(incident.signature, words) >= settings.incidentSimilarity ||
        incidentCoverage(words, incident.signature) >= settings.incidentSimilarity,
    );
    if (same) {
      throw conflict('incident_already_open', `The open incident "${same.title}" is about these keywords`);
    }

    const incident = await tx
      .insertInto('incidents')
      .values({ workspace_id: workspaceId, title: options.title, signature, opened_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A ticket a surge linked meanwhile keeps that link.
    const made = await insertIncidentLinks(tx, {
      workspaceId,
      links: gathered.map((ticketId) => ({ ticketId, incidentId: incident.id })),
      titles: new Map([[incident.id, options.title]]),
      actorUserId: actor.userId,
    });
    const alerts = await alertSupervisors(tx, {
      workspaceId,
      incidents: [{ id: incident.id, title: options.title, ticketCount: made.length }],
      exceptUserId: actor.userId,
    });
    await publishRealtime(tx, workspaceId, [
      ...made.map((link) => ({
        kind: 'ticket.updated' as const,
        ticketId: link.ticketId,
        data: { incidentId: incident.id },
      })),
      ...alerts,
    ]);
    return incident.id;
  });
}
