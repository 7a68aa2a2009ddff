import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { unprocessable } from '@server/http/problem';
import { publishRealtime } from '@server/realtime/publish';
import { contentTokens } from '@server/routing/duplicates/similarity';
import { loadRoutingSettings } from '@server/routing/settings';
import { queryTokens } from '@server/search/segmenter';
import type { Kysely } from 'kysely';
import { incidentCoverage } from './cluster';
import { alertSupervisors, insertIncidentLinks } from './incident-links';

/** A supervisor declares an incident that may have been going on for hours: the day's open tickets may join it. */
const LOOKBACK_HOURS = 24;
const MAX_GATHERED_TICKETS = 5000;

/**
 * Opens an incident by hand (管理者宣布突发事件): its signature is the keywords' words; the open tickets of the last
 * day that cover it join at once, and later ones link at intake. The other supervisors are alerted.
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
  return db.transaction().execute(async (tx) => {
    const incident = await tx
      .insertInto('incidents')
      .values({ workspace_id: workspaceId, title: options.title, signature, opened_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const open = await tx
      .selectFrom('tickets as t')
      .select(['t.id', 't.search_tokens'])
      .where('t.workspace_id', '=', workspaceId)
      .where('t.created_at', '>=', new Date(Date.now() - LOOKBACK_HOURS * 3_600_000))
      .where('t.status', 'not in', ['resolved', 'closed'])
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
      .limit(MAX_GATHERED_TICKETS)
      .execute();
    const words = new Set(signature);
    const made = await insertIncidentLinks(tx, {
      workspaceId,
      links: open
        .filter(
          (ticket) =>
            incidentCoverage(words, contentTokens(ticket.search_tokens.split(' '))) >=
            settings.incidentSimilarity,
        )
        .map((ticket) => ({ ticketId: ticket.id, incidentId: incident.id })),
      titles: new Map([[incident.id, options.title]]),
      actorUserId: actor.userId,
    });
    await alertSupervisors(tx, {
      workspaceId,
      incidents: [{ id: incident.id, title: options.title, ticketCount: made.length }],
      exceptUserId: actor.userId,
    });
    await publishRealtime(
      tx,
      workspaceId,
      made.map((link) => ({
        kind: 'ticket.updated' as const,
        ticketId: link.ticketId,
        data: { incidentId: incident.id },
      })),
    );
    return incident.id;
  });
}
