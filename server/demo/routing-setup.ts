/**
 * The demo desk's routing, as a team running seed 000 would set it up: request types to their departments (咨询 →
 * 客服部, 问题 → 售后技术部, 投诉/建议 → 客诉组), anything unclassified to the frontline, a few rules, and the key
 * account 星河科技 with its customer success manager.
 */
import type { Database } from '@server/db/schema';
import type { RoutingRule, RoutingSettings } from '@shared/routing';
import type { Kysely } from 'kysely';

export async function loadDemoRouting(db: Kysely<Database>, workspaceId: string): Promise<void> {
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const team = (name: string) => departments.find((row) => row.name === name)?.id as string;
  const settings: Partial<RoutingSettings> = {
    typeTeams: {
      consult: team('客服部'),
      problem: team('售后技术部'),
      complaint: team('客诉组'),
      suggestion: team('客诉组'),
    },
    defaultTeamId: team('客服部'),
  };
  await db
    .insertInto('routing_settings')
    .values({ workspace_id: workspaceId, settings: JSON.stringify(settings) })
    .execute();
  await db
    .updateTable('departments')
    .set({ routing_strategy: 'least_loaded' })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', team('售后技术部'))
    .execute();

  const rules: Omit<RoutingRule, 'id'>[] = [
    {
      name: '大额订单加急',
      enabled: true,
      triggers: ['ticket_created', 'customer_message'],
      match: 'all',
      conditions: [{ field: 'order_amount', operator: 'gte', value: 5000 }],
      actions: [
        { kind: 'set_priority', priority: 'important' },
        { kind: 'add_tags', tags: ['大额订单'] },
      ],
      stopAfterMatch: false,
    },
    {
      name: '物流问题转售后技术部',
      enabled: true,
      triggers: ['ticket_created'],
      match: 'any',
      conditions: [{ field: 'text', operator: 'contains_any', values: ['物流', '快递', '没发货', '还没到'] }],
      actions: [
        { kind: 'set_type', type: 'problem', subtype: 'logistics' },
        { kind: 'set_team', teamId: team('售后技术部') },
      ],
      stopAfterMatch: false,
    },
    {
      name: '非工作时间来信打标',
      enabled: true,
      triggers: ['ticket_created'],
      match: 'all',
      conditions: [{ field: 'business_hours', operator: 'is', value: false }],
      actions: [{ kind: 'add_tags', tags: ['非工作时间'] }],
      stopAfterMatch: false,
    },
  ];
  await db
    .insertInto('routing_rules')
    .values(
      rules.map((rule, index) => ({
        workspace_id: workspaceId,
        name: rule.name,
        position: index + 1,
        triggers: rule.triggers,
        match: rule.match,
        conditions: JSON.stringify(rule.conditions),
        actions: JSON.stringify(rule.actions),
        stop_after_match: rule.stopAfterMatch,
      })),
    )
    .execute();

  const successManager = await db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'success_manager')
    .executeTakeFirst();
  await db
    .updateTable('customers')
    .set({ tier: 'key_account', success_manager_id: successManager?.id ?? null })
    .where('workspace_id', '=', workspaceId)
    .where('company', '=', '星河科技有限公司')
    .execute();
}
