import type { EscalationLevel, SlaDuration, SlaPolicyBody, SlaTarget } from '@shared/sla';

/**
 * The five seed SOPs as service-level presets: taxonomy, calendar, policies and escalation in one choice. Every
 * number comes from PRODUCT.md's "Service levels written in the seeds" and is pinned by presets.test.ts. Hours are
 * counted on the clock (customers wait on weekends too); "working days" on the official Chinese calendar.
 */
export interface ServicePreset {
  id: string;
  name: string;
  source: string;
  description: string;
  /** The request taxonomy (shared/taxonomy.ts) the preset brings. */
  taxonomyPresetId: string;
  policies: SlaPolicyBody[];
  /** Chat promises the web widget keeps (seed 002): automatic welcome and human greeting, in seconds. */
  chat?: { autoWelcomeSeconds: number; humanGreetingSeconds: number };
}

const seconds = (amount: number): SlaDuration => ({ amount, unit: 'seconds', time: 'calendar' });
const minutes = (amount: number): SlaDuration => ({ amount, unit: 'minutes', time: 'calendar' });
const hours = (amount: number): SlaDuration => ({ amount, unit: 'hours', time: 'calendar' });
const workingDays = (amount: number): SlaDuration => ({ amount, unit: 'workingDays', time: 'business' });

const target = (metric: SlaTarget['metric'], duration: SlaDuration, when?: SlaTarget['when']): SlaTarget => ({
  metric,
  ...duration,
  ...(when && { when }),
});

const urgent = { priorities: ['urgent' as const] };
const important = { priorities: ['important' as const] };

/** Deadlines the customer is waiting on escalate; closing-the-loop ones (survey, notice) only warn the owner. */
const ESCALATED_METRICS: EscalationLevel['metrics'] = [
  'first_response',
  'next_response',
  'progress_update',
  'resolution',
  'registered',
  'classified',
  'assigned',
  'collaboration_plan',
  'callback',
  'explanation',
];

/** Late → owner and supervisor told; an hour later still late → priority raised and the supervisor told again. */
const STANDARD_ESCALATION: EscalationLevel[] = [
  {
    afterMinutes: 0,
    metrics: ESCALATED_METRICS,
    actions: [{ kind: 'notify_assignee' }, { kind: 'notify_supervisor' }],
  },
  {
    afterMinutes: 60,
    metrics: ESCALATED_METRICS,
    actions: [{ kind: 'raise_priority' }, { kind: 'notify_supervisor' }],
  },
];

const policy = (name: string, targets: SlaTarget[], escalations = STANDARD_ESCALATION): SlaPolicyBody => ({
  name,
  enabled: true,
  calendarId: null,
  match: {},
  targets,
  pauseStatuses: ['pending_customer'],
  warnAtShare: 0.8,
  warningActions: [{ kind: 'notify_assignee' }],
  escalations,
});

const CHAT_CHANNELS = ['web_chat', 'app', 'wechat', 'wecom', 'qq', 'whatsapp'];

export const SERVICE_PRESETS: ServicePreset[] = [
  {
    id: 'multi-platform',
    name: '多平台客户服务',
    source: 'seed 000 多平台客户服务响应与支持',
    description: '电商与社交平台统一受理：按优先级首次响应，部门 1 小时内给方案，解决后 2 小时内调查满意度。',
    taxonomyPresetId: 'multi-platform',
    policies: [
      policy('多平台服务标准', [
        target('registered', minutes(15)),
        target('first_response', hours(1), urgent),
        target('first_response', hours(2), important),
        target('first_response', hours(4)),
        target('resolution', hours(4), urgent),
        target('resolution', hours(8), important),
        target('resolution', hours(24)),
        target('collaboration_plan', hours(1)),
        target('survey', hours(2)),
        target('callback', hours(1)),
      ]),
    ],
  },
  {
    id: 'response-process',
    name: '企业服务响应流程',
    source: 'seed 001 客户服务需求响应流程',
    description:
      '登记 5 分钟、分类 15 分钟、分派 10 分钟；紧急 2 小时解决并每小时通报进度，一般需求 3 个工作日（按法定工作日与调休计算）。',
    taxonomyPresetId: 'response-process',
    policies: [
      policy('企业服务标准', [
        target('registered', minutes(5)),
        target('classified', minutes(15)),
        target('assigned', minutes(10)),
        // "紧急需求立即响应": as soon as the three stages allow, 5 + 15 + 10 minutes.
        target('first_response', minutes(30), urgent),
        target('first_response', hours(24), important),
        target('first_response', workingDays(3)),
        target('resolution', hours(2), urgent),
        target('resolution', hours(24), important),
        target('resolution', workingDays(3)),
        target('result_notice', minutes(30)),
        target('progress_update', hours(1), urgent),
        target('progress_update', hours(6), important),
        target('progress_update', hours(24)),
        target('callback', hours(24)),
      ]),
    ],
  },
  {
    id: 'online-service',
    name: '在线客服服务规范',
    source: 'seed 002 在线客服服务规范',
    description:
      '在线会话 30 秒内人工响应，语音/视频 15 秒接起；超时自动升级主管，坐席 1 小时内提交超时说明；1–3 分 2 小时内回访。',
    taxonomyPresetId: 'online-service',
    chat: { autoWelcomeSeconds: 10, humanGreetingSeconds: 30 },
    policies: [
      policy(
        '在线客服标准',
        [
          target('first_response', seconds(15), { channels: ['phone'] }),
          target('first_response', seconds(30), { channels: CHAT_CHANNELS }),
          target('resolution', hours(2), urgent),
          target('resolution', hours(24)),
          target('callback', hours(2)),
        ],
        [
          {
            afterMinutes: 0,
            metrics: ESCALATED_METRICS,
            actions: [
              { kind: 'notify_supervisor' },
              { kind: 'notify_assignee' },
              { kind: 'require_explanation', withinMinutes: 60 },
            ],
          },
          {
            afterMinutes: 60,
            metrics: ESCALATED_METRICS,
            actions: [{ kind: 'raise_priority' }, { kind: 'notify_supervisor' }],
          },
        ],
      ),
    ],
  },
  {
    id: 'customer-communication',
    name: '多渠道客户沟通',
    source: 'seed 003 客户沟通工具集',
    description:
      '电话 15 秒接听、在线 2 分钟、邮件与留言 4 小时；咨询 24 小时、技术故障 48 小时（复杂 72 小时）、投诉建议 72 小时。',
    taxonomyPresetId: 'customer-communication',
    policies: [
      policy('多渠道沟通标准', [
        target('first_response', seconds(15), { channels: ['phone'] }),
        target('first_response', minutes(2), { channels: CHAT_CHANNELS }),
        target('first_response', hours(4)),
        target('resolution', hours(24), { types: ['presale'] }),
        target('resolution', hours(72), { types: ['aftersale'], subtypes: ['repair'], tags: ['复杂'] }),
        target('resolution', hours(48), { types: ['aftersale'], subtypes: ['repair'] }),
        target('resolution', hours(72), { types: ['aftersale'], subtypes: ['complaint'] }),
      ]),
    ],
  },
  {
    id: 'standard-scripts',
    name: '技术支持标准流程',
    source: 'seed 004 客服标准话术与处理流程',
    description: '5 分钟内响应，紧急事件 2 分钟响应、30 分钟内首次反馈；投诉与建议解决后 24 小时内回访调查。',
    taxonomyPresetId: 'standard-scripts',
    policies: [
      policy('技术支持标准', [
        target('first_response', minutes(2), { types: ['emergency'] }),
        target('first_response', minutes(2), urgent),
        target('first_response', minutes(5)),
        target('progress_update', minutes(30), { types: ['emergency'] }),
        target('progress_update', minutes(30), urgent),
        target('survey', hours(24), { types: ['complaint', 'suggestion'] }),
      ]),
    ],
  },
];

export const findServicePreset = (id: string) => SERVICE_PRESETS.find((preset) => preset.id === id);
