/**
 * Teams and people a decision names may have gone since the setting or rule was saved (a department deleted, a
 * person deactivated): such a decision falls back to the default team, or to nobody, instead of failing the
 * transaction that holds the customer's message.
 */
import type { Database } from '@server/db/schema';
import type { RoutingSettings } from '@shared/routing';
import type { Kysely } from 'kysely';
import type { RoutingDecision } from './decide';

export async function dropMissingReferences(
  tx: Kysely<Database>,
  workspaceId: string,
  decisions: Map<string, RoutingDecision>,
  settings: Pick<RoutingSettings, 'defaultTeamId'>,
): Promise<void> {
  const teamIds = new Set<string>();
  const userIds = new Set<string>();
  for (const decision of decisions.values()) {
    if (decision.teamId) teamIds.add(decision.teamId);
    if (settings.defaultTeamId) teamIds.add(settings.defaultTeamId);
    for (const id of decision.collaborationDepartmentIds ?? []) teamIds.add(id);
    if (decision.assigneeId) userIds.add(decision.assigneeId);
  }
  const [teams, users] = await Promise.all([
    teamIds.size === 0
      ? []
      : tx
          .selectFrom('departments')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', [...teamIds])
          .execute(),
    userIds.size === 0
      ? []
      : tx
          .selectFrom('users')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', [...userIds])
          .where('deactivated_at', 'is', null)
          .execute(),
  ]);
  const liveTeams = new Set(teams.map((row) => row.id));
  const livePeople = new Set(users.map((row) => row.id));
  const fallbackTeam =
    settings.defaultTeamId && liveTeams.has(settings.defaultTeamId) ? settings.defaultTeamId : null;
  for (const decision of decisions.values()) {
    if (decision.teamId && !liveTeams.has(decision.teamId)) decision.teamId = fallbackTeam;
    if (decision.collaborationDepartmentIds)
      decision.collaborationDepartmentIds = decision.collaborationDepartmentIds.filter((id) =>
        liveTeams.has(id),
      );
    if (decision.assigneeId && !livePeople.has(decision.assigneeId)) {
      decision.assigneeId = null;
      decision.needsAssignment = decision.needsAssignment || decision.isNew;
    }
  }
}
