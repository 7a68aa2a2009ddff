/**
 * The cost of the routing decision per message with 200 rules (issue target: ≤ 1 ms p99): risk words, the rules
 * engine and the team, then the assignment strategy over a 50-person desk. Pure code, no database: the database
 * part of routing is measured with the whole intake path (`npm run bench -- intake`).
 */

import { type Candidate, planAssignments, type TeamRouting } from '@server/routing/assignment/strategies';
import { decideRouting } from '@server/routing/decide';
import { compileRules } from '@server/routing/rules/evaluate';
import { DEFAULT_ROUTING_SETTINGS, type RoutingRule } from '@shared/routing';
import { TICKET_CHANNELS } from '@shared/tickets';

const RULES = 200;
const MESSAGES = 20_000;

const PRODUCTS = [
  '空气净化器',
  '扫地机器人',
  '蓝牙耳机',
  '电饭煲',
  '洗碗机',
  '会员年卡',
  '智能手表',
  '投影仪',
];
const PROBLEMS = ['无法开机', '还没发货', '质量太差', '怎么退款', '发票开错了', '屏幕有坏点', '安装师傅没来'];
const MOODS = ['请问', '麻烦尽快处理', '太气人了', '再不处理我就去曝光', '我要打12315', '谢谢'];

/** A deterministic pseudo-random sequence, so two runs measure the same work. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function generateRules(random: () => number): RoutingRule[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: RULES }, (_, index): RoutingRule => {
    const kind = index % 5;
    const conditions: RoutingRule['conditions'] =
      kind === 0
        ? [
            {
              field: 'text',
              operator: 'contains_any',
              values: [pick(PRODUCTS), pick(PROBLEMS), `词${index}`],
            },
          ]
        : kind === 1
          ? [
              { field: 'channel', operator: 'in', values: [pick(TICKET_CHANNELS), pick(TICKET_CHANNELS)] },
              { field: 'text', operator: 'contains_all', values: [pick(PROBLEMS)] },
            ]
          : kind === 2
            ? [{ field: 'text', operator: 'matches', pattern: `(订单|单号).{0,6}${index}\\d{2}` }]
            : kind === 3
              ? [
                  { field: 'customer_tier', operator: 'in', values: ['vip'] },
                  { field: 'order_amount', operator: 'gte', value: 1000 + index * 10 },
                ]
              : [{ field: 'type', operator: 'in', values: ['complaint'] }];
    return {
      id: `r${index}`,
      name: `规则 ${index}`,
      enabled: true,
      triggers: ['ticket_created'],
      match: kind === 1 ? 'all' : 'any',
      conditions,
      actions: [
        { kind: 'add_tags', tags: [`标签${index % 17}`] },
        { kind: 'set_priority', priority: 'important' },
      ],
      stopAfterMatch: false,
    };
  });
}

export function measureRoutingCost(): string[] {
  const random = sequence(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const rules = compileRules(generateRules(random));
  const memberIds = Array.from({ length: 50 }, (_, index) => `agent-${index}`);
  const candidates = new Map<string, Candidate>(
    memberIds.map((userId, index) => [
      userId,
      {
        userId,
        presence: index % 5 === 0 ? 'away' : 'online',
        deactivated: false,
        skills: [],
        openTickets: index % 7,
        openChats: 0,
        maxOpenTickets: 30,
        maxConcurrentChats: null,
      },
    ]),
  );
  const teams = new Map<string, TeamRouting>(
    ['front', 'complaints', 'technical'].map((id, index) => [
      id,
      {
        id,
        strategy: index === 1 ? 'least_loaded' : 'round_robin',
        stickyOwner: false,
        requiredSkills: [],
        lastAssignedUserId: null,
        memberIds: memberIds.slice(index * 15, index * 15 + 20),
      },
    ]),
  );
  const settings = {
    ...DEFAULT_ROUTING_SETTINGS,
    typeTeams: { consult: 'front', complaint: 'complaints', fault: 'technical' },
    defaultTeamId: 'front',
  };
  const messages = Array.from({ length: MESSAGES }, (_, index) => ({
    text: `${pick(MOODS)}，我买的${pick(PRODUCTS)}${pick(PROBLEMS)}，订单 ${index}${Math.floor(random() * 100)} 金额 ${Math.floor(random() * 20_000)} 元`,
    channel: pick(TICKET_CHANNELS),
    tier: random() < 0.1 ? 'vip' : 'normal',
    type: pick(['consult', 'complaint', 'fault', null]),
  }));

  const route = (message: (typeof messages)[number], index: number) => {
    const decision = decideRouting({
      facts: {
        trigger: 'ticket_created',
        channel: message.channel,
        text: message.text,
        customerTier: message.tier,
        customerTags: [],
        ticketTags: [],
        orderAmount: null,
        withinBusinessHours: true,
        type: message.type,
        subtype: null,
        priority: 'normal',
        slaState: 'on_track',
        teamId: null,
        assigneeId: null,
        recentCustomerMessages: 1,
        priorityReason: null,
      },
      rules,
      settings,
      suggestion: null,
    });
    return planAssignments({
      requests: [
        {
          ticketId: `t${index}`,
          teamId: decision.teamId,
          customerId: null,
          isChat: false,
          successManagerId: null,
          previousOwnerId: null,
        },
      ],
      teams,
      candidates,
    });
  };
  // Warm-up: compiled regexes and optimised code before the clock starts.
  messages.slice(0, 2_000).forEach(route);
  const durations: number[] = [];
  let fired = 0;
  const started = performance.now();
  messages.forEach((message, index) => {
    const before = performance.now();
    fired += route(message, index).assignments.length;
    durations.push(performance.now() - before);
  });
  const totalMs = performance.now() - started;
  durations.sort((a, b) => a - b);
  const at = (share: number) =>
    durations[Math.min(durations.length - 1, Math.floor(share * durations.length))] ?? 0;
  const micro = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  return [
    `  ${RULES} rules, ${MESSAGES.toLocaleString('en')} generated messages, ${memberIds.length} agents in 3 teams`,
    `  decision + assignment per message, p50 / p99 / max   ${micro(at(0.5))} / ${micro(at(0.99))} / ${micro(at(1))}`,
    `  throughput                                           ${Math.round(MESSAGES / (totalMs / 1000)).toLocaleString('en')} messages/s on one core`,
    `  assigned                                             ${fired.toLocaleString('en')} of ${MESSAGES.toLocaleString('en')}`,
  ];
}
