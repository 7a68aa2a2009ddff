/**
 * The routing vocabulary (seeds 000–004, steps 2–4): rules and their conditions and actions, the risk lexicon,
 * team strategies, agent presence, duplicates and incidents. Server and app both read it; the zod schemas that
 * validate it live in server/routing/schema.ts.
 */
import type { TicketPriority } from './tickets';

/** Agent presence: round-robin and least-loaded pick only `online` people; an idle session turns `away`. */
export const PRESENCE_STATES = ['online', 'away', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/**
 * How a team hands out its tickets. Every strategy first keeps a repeat customer with their previous owner when
 * the team says `sticky`, and a high-value customer with their customer success manager (seed 003).
 */
export const ROUTING_STRATEGIES = ['round_robin', 'least_loaded', 'manual'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** When a rule is evaluated: a new ticket (however it was created), a customer writing again, an agent's edit. */
export const RULE_TRIGGERS = ['ticket_created', 'customer_message', 'ticket_updated'] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

export const SLA_CONDITION_STATES = ['on_track', 'breaching_soon', 'breached'] as const;
export type SlaConditionState = (typeof SLA_CONDITION_STATES)[number];

/** One condition of a rule. Text conditions look at the (masked) subject, description and the new message. */
export type RuleCondition =
  | { field: 'channel'; operator: 'in' | 'not_in'; values: string[] }
  | {
      field: 'text';
      operator: 'contains_any' | 'contains_all' | 'contains_none' | 'matches';
      /** The words of contains_*. */
      values?: string[];
      /** The regular expression of `matches` (case-insensitive). */
      pattern?: string;
    }
  | { field: 'customer_tier'; operator: 'in' | 'not_in'; values: string[] }
  | { field: 'customer_tags' | 'ticket_tags'; operator: 'has_any' | 'has_all' | 'has_none'; values: string[] }
  | { field: 'order_amount'; operator: 'gte' | 'lt'; value: number }
  | { field: 'business_hours'; operator: 'is'; value: boolean }
  | { field: 'type' | 'subtype' | 'priority'; operator: 'in' | 'not_in' | 'is_empty'; values: string[] }
  | { field: 'sla_state'; operator: 'in'; values: SlaConditionState[] };

export type RuleConditionField = RuleCondition['field'];

/** What a matching rule does. Later rules override earlier ones field by field; tags add up. */
export type RuleAction =
  | { kind: 'set_type'; type: string; subtype: string | null }
  | { kind: 'set_priority'; priority: TicketPriority }
  | { kind: 'set_team'; teamId: string }
  | { kind: 'assign'; assigneeId: string }
  | { kind: 'add_tags'; tags: string[] }
  | { kind: 'needs_collaboration'; departmentIds: string[] }
  /** A reply to the customer through their channel; `{ticketNumber}`, `{customerName}` are filled in. */
  | { kind: 'send_message'; template: string }
  | { kind: 'webhook'; url: string };

export type RuleActionKind = RuleAction['kind'];

export interface RoutingRule {
  id: string;
  name: string;
  enabled: boolean;
  triggers: RuleTrigger[];
  /** `all`: every condition must hold; `any`: one is enough. No conditions: always. */
  match: 'all' | 'any';
  conditions: RuleCondition[];
  actions: RuleAction[];
  /** No later rule is evaluated after this one matched. */
  stopAfterMatch: boolean;
}

/** One entry of the risk lexicon: a word that makes a request urgent (or important), and why. */
export interface RiskTerm {
  term: string;
  priority: Exclude<TicketPriority, 'normal'>;
  /** Shown on the ticket: 媒体曝光, 监管投诉, 法律风险, 安全, 数据安全, 情绪激动… */
  category: string;
}

/** The workspace's routing settings (管理 → 分派与路由). */
export interface RoutingSettings {
  riskTerms: RiskTerm[];
  /** This many customer messages on one ticket within `repeatWindowMinutes` raise it to important. */
  repeatMessages: number;
  repeatWindowMinutes: number;
  /** An order amount (CNY) at or above which a request is important; null: off. */
  largeOrderAmount: number | null;
  /** An amount at or above which it is urgent (a large loss, seeds 000/001); null: off. */
  urgentOrderAmount: number | null;
  /** The classifier's suggestion is applied as the ticket's type from this confidence on (0–1). */
  autoClassifyConfidence: number;
  /** Team per request type key (seed 001: consult → frontline, complaint → supervisors, fault → technical…). */
  typeTeams: Record<string, string>;
  /** Team for tickets no rule and no type sends anywhere; null: stays unassigned in 未分配. */
  defaultTeamId: string | null;
  /** Customer tiers that go to their customer success manager (seed 003: high-value customers). */
  successManagerTiers: string[];
  /** The message the customer gets when the ticket is accepted and assigned, per language. */
  acceptanceTemplate: Record<'zh-CN' | 'en', string>;
  sendAcceptance: boolean;
  /** Duplicates across channels: how far back, and the similarity (0–1) to merge at once or to suggest. */
  duplicateWindowMinutes: number;
  duplicateMergeScore: number;
  duplicateSuggestScore: number;
  /** Emergency mode: more than `incidentThreshold` similar tickets within `incidentWindowMinutes` open an incident. */
  incidentThreshold: number;
  incidentWindowMinutes: number;
  incidentSimilarity: number;
  /** Minutes without activity after which an online agent shows as away. */
  autoAwayMinutes: number;
}

export const DEFAULT_ACCEPTANCE_TEMPLATE: Record<'zh-CN' | 'en', string> = {
  'zh-CN': '您好，您的需求已受理，由{agentName}（工号{employeeNo}）为您跟进，工单号{ticketNumber}。',
  en: 'Hello, your request has been accepted. {agentName} (staff no. {employeeNo}) is following it up; your ticket number is {ticketNumber}.',
};

/** The risk words the seeds name (upset customers, complaints to regulators or media, legal threats, safety, data). */
export const DEFAULT_RISK_TERMS: RiskTerm[] = [
  ...['曝光', '媒体', '记者', '上热搜', '发微博', '网上曝光'].map((term) => ({
    term,
    priority: 'urgent' as const,
    category: '媒体曝光',
  })),
  ...['12315', '315', '消协', '消费者协会', '工商', '市场监管', '投诉到'].map((term) => ({
    term,
    priority: 'urgent' as const,
    category: '监管投诉',
  })),
  ...['律师', '起诉', '法院', '报警', '警察', '诈骗', '骗子'].map((term) => ({
    term,
    priority: 'urgent' as const,
    category: '法律风险',
  })),
  ...['安全隐患', '爆炸', '起火', '着火', '漏电', '受伤', '烫伤', '过敏', '中毒'].map((term) => ({
    term,
    priority: 'urgent' as const,
    category: '人身安全',
  })),
  ...['数据泄露', '信息泄露', '隐私泄露', '被盗号', '盗刷'].map((term) => ({
    term,
    priority: 'urgent' as const,
    category: '数据安全',
  })),
  // Core business down, not one person's login trouble: 无法登录 alone would make every password question urgent.
  ...['系统崩溃', '全部瘫痪', '都无法登录', '业务中断', '业务全停', '宕机'].map((term) => ({
    term,
    priority: 'urgent' as const,
    category: '核心业务中断',
  })),
  ...['投诉', '差评', '太气人', '气死', '非常不满', '忍无可忍', '退一赔三', '垃圾'].map((term) => ({
    term,
    priority: 'important' as const,
    category: '情绪激动',
  })),
];

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  riskTerms: DEFAULT_RISK_TERMS,
  repeatMessages: 3,
  repeatWindowMinutes: 5,
  largeOrderAmount: 2000,
  urgentOrderAmount: 10000,
  autoClassifyConfidence: 0.6,
  typeTeams: {},
  defaultTeamId: null,
  successManagerTiers: ['vip', 'key_account'],
  acceptanceTemplate: DEFAULT_ACCEPTANCE_TEMPLATE,
  sendAcceptance: true,
  duplicateWindowMinutes: 60 * 24,
  duplicateMergeScore: 0.75,
  duplicateSuggestScore: 0.4,
  incidentThreshold: 30,
  incidentWindowMinutes: 5,
  incidentSimilarity: 0.5,
  autoAwayMinutes: 15,
};

/** Why a ticket got its priority, shown on the ticket: 紧急：包含『曝光』. */
export interface PriorityReason {
  priority: TicketPriority;
  /** `risk_term`, `repeat_messages`, `order_amount` or `rule`. */
  source: 'risk_term' | 'repeat_messages' | 'order_amount' | 'rule';
  /** The matched words, the rule's name, the amount or the message count. */
  detail: string[];
  category?: string;
}

/** The classifier's (or the cold-start keywords') suggestion of a type, and what the agent did with it. */
export interface TypeSuggestion {
  type: string;
  subtype: string | null;
  confidence: number;
  source: 'classifier' | 'keywords';
  /** Null until an agent accepts it (true) or corrects it (false). */
  accepted: boolean | null;
}
