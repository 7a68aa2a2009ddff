import type {
  routingMemberSchema,
  routingTeamSchema,
  updateAgentRoutingBody,
  updateTeamRoutingBody,
} from '@server/routing/assignment/schema';
import type {
  ruleBodySchema,
  ruleSchema,
  ruleTestBody,
  ruleTestResultSchema,
  settingsSchema,
} from '@server/routing/schema';
import type { PresenceState } from '@shared/routing';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from './client';
import { meQueryKey } from './me';
import type { Me } from './types';

export type RoutingRule = z.infer<typeof ruleSchema>;
export type RoutingRuleBody = z.infer<typeof ruleBodySchema>;
export type RuleTestSample = z.input<typeof ruleTestBody>;
export type RuleTestResult = z.infer<typeof ruleTestResultSchema>;
export type RoutingSettings = z.infer<typeof settingsSchema>;
export type RoutingSettingsWithDefaults = RoutingSettings & { defaults: RoutingSettings };
export type RoutingTeam = z.infer<typeof routingTeamSchema>;
export type RoutingMember = z.infer<typeof routingMemberSchema>;
export type TeamRoutingChanges = z.input<typeof updateTeamRoutingBody>;
export type AgentRoutingChanges = z.input<typeof updateAgentRoutingBody>;

const rulesKey = ['routing-rules'] as const;
const settingsKey = ['routing-settings'] as const;
const teamsKey = ['routing-teams'] as const;

export function useRoutingRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: ({ signal }) => apiRequest<{ items: RoutingRule[] }>('/routing/rules', { signal }),
    select: (page) => [...page.items].sort((a, b) => a.position - b.position),
  });
}

function useRefreshRules() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: rulesKey });
}

export function useCreateRoutingRule() {
  const refresh = useRefreshRules();
  return useMutation({
    mutationFn: (body: RoutingRuleBody) =>
      apiRequest<RoutingRule>('/routing/rules', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateRoutingRule() {
  const refresh = useRefreshRules();
  return useMutation({
    mutationFn: ({ ruleId, changes }: { ruleId: string; changes: Partial<RoutingRuleBody> }) =>
      apiRequest<RoutingRule>(`/routing/rules/${ruleId}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

export function useDeleteRoutingRule() {
  const refresh = useRefreshRules();
  return useMutation({
    mutationFn: (ruleId: string) => apiRequest<void>(`/routing/rules/${ruleId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

/** The new evaluation order; the table shows it at once, before the server has answered. */
export function useReorderRoutingRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      apiRequest<{ items: RoutingRule[] }>('/routing/rules/order', { method: 'PUT', body: { ids } }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: rulesKey });
      const before = queryClient.getQueryData<{ items: RoutingRule[] }>(rulesKey);
      if (before) {
        const byId = new Map(before.items.map((rule) => [rule.id, rule]));
        const items = ids.flatMap((id, position) => {
          const rule = byId.get(id);
          return rule ? [{ ...rule, position }] : [];
        });
        queryClient.setQueryData(rulesKey, { items });
      }
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) queryClient.setQueryData(rulesKey, context.before);
    },
    onSuccess: (page) => queryClient.setQueryData(rulesKey, page),
  });
}

/** Runs a sample message through the rules (the saved ones, or the drafts sent along) without changing anything. */
export function useRuleTestRun() {
  return useMutation({
    mutationFn: (sample: RuleTestSample) =>
      apiRequest<RuleTestResult>('/routing/rules/test', { method: 'POST', body: sample }),
  });
}

export function useRoutingSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => apiRequest<RoutingSettingsWithDefaults>('/routing/settings', { signal }),
  });
}

/** Sends only the fields given; the answer (without `defaults`) replaces the cached settings. */
export function useUpdateRoutingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<RoutingSettings>) =>
      apiRequest<RoutingSettings>('/routing/settings', { method: 'PATCH', body: patch }),
    onSuccess: (settings) =>
      queryClient.setQueryData<RoutingSettingsWithDefaults>(settingsKey, (before) =>
        before ? { ...settings, defaults: before.defaults } : before,
      ),
  });
}

export function useRoutingTeams(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: teamsKey,
    queryFn: ({ signal }) => apiRequest<{ items: RoutingTeam[] }>('/routing/teams', { signal }),
    select: (page) => page.items,
    enabled: options.enabled ?? true,
  });
}

export function useUpdateTeamRouting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, changes }: { teamId: string; changes: TeamRoutingChanges }) =>
      apiRequest<RoutingTeam>(`/routing/teams/${teamId}`, { method: 'PUT', body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}

export function useUpdateAgentRouting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, changes }: { userId: string; changes: AgentRoutingChanges }) =>
      apiRequest<RoutingMember>(`/routing/agents/${userId}`, { method: 'PUT', body: changes }),
    // An agent sits in one team, but the list is small: reloading it is simpler than patching it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}

/** Me carries the caller's presence once the server includes it; until then the team list says it. */
type MeWithPresence = Me & { presence?: PresenceState; user: Me['user'] & { presence?: PresenceState } };

/** The logged-in person's presence, or null while it is not known. */
export function useMyPresence(me: Me, options: { canReadTeams: boolean }): PresenceState | null {
  const withPresence = me as MeWithPresence;
  const fromMe = withPresence.presence ?? withPresence.user.presence ?? null;
  const teams = useRoutingTeams({ enabled: fromMe === null && options.canReadTeams });
  if (fromMe) return fromMe;
  for (const team of teams.data ?? []) {
    const member = team.members.find((person) => person.id === me.user.id);
    if (member) return member.presence;
  }
  return null;
}

export function useSetMyPresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (presence: PresenceState) =>
      apiRequest<{ presence: PresenceState; presenceChangedAt: string | null }>('/me/presence', {
        method: 'PUT',
        body: { presence },
      }),
    onSuccess: ({ presence }) => {
      queryClient.setQueryData<MeWithPresence>(meQueryKey, (me) => (me ? { ...me, presence } : me));
      return queryClient.invalidateQueries({ queryKey: teamsKey });
    },
  });
}
