import { isoTimestamp } from '@server/http/common-schema';
import { RULE_TRIGGERS, SLA_CONDITION_STATES } from '@shared/routing';
import { TICKET_PRIORITIES } from '@shared/tickets';
import { z } from 'zod';

const word = z.string().trim().min(1).max(100);
const words = z.array(word).min(1).max(200);
const tag = z.string().trim().min(1).max(50);

/** A regular expression the server can compile, short enough not to be a denial of service by itself. */
const pattern = z
  .string()
  .min(1)
  .max(300)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Not a valid regular expression' },
  );

export const conditionSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('channel'), operator: z.enum(['in', 'not_in']), values: words }),
  z
    .object({
      field: z.literal('text'),
      operator: z.enum(['contains_any', 'contains_all', 'contains_none', 'matches']),
      /** Words to look for (contains_*). */
      values: words.optional(),
      /** A regular expression, case-insensitive (matches). */
      pattern: pattern.optional(),
    })
    .superRefine((condition, context) => {
      if (condition.operator === 'matches' && !condition.pattern)
        context.addIssue({ code: 'custom', path: ['pattern'], message: 'A pattern is required' });
      if (condition.operator !== 'matches' && !condition.values)
        context.addIssue({ code: 'custom', path: ['values'], message: 'At least one word is required' });
    }),
  z.object({ field: z.literal('customer_tier'), operator: z.enum(['in', 'not_in']), values: words }),
  z.object({
    field: z.enum(['customer_tags', 'ticket_tags']),
    operator: z.enum(['has_any', 'has_all', 'has_none']),
    values: words,
  }),
  z.object({
    field: z.literal('order_amount'),
    operator: z.enum(['gte', 'lt']),
    /** CNY; the largest amount named in the request or its custom field orderAmount. */
    value: z.number().min(0).max(1e12),
  }),
  /** Inside the working hours of the workspace's default calendar. */
  z.object({ field: z.literal('business_hours'), operator: z.literal('is'), value: z.boolean() }),
  z.object({
    field: z.enum(['type', 'subtype', 'priority']),
    operator: z.enum(['in', 'not_in', 'is_empty']),
    values: z.array(word).max(200).default([]),
  }),
  z.object({
    field: z.literal('sla_state'),
    operator: z.literal('in'),
    values: z.array(z.enum(SLA_CONDITION_STATES)).min(1),
  }),
]);

export const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set_type'), type: word, subtype: word.nullable().default(null) }),
  z.object({ kind: z.literal('set_priority'), priority: z.enum(TICKET_PRIORITIES) }),
  z.object({ kind: z.literal('set_team'), teamId: z.uuid() }),
  z.object({ kind: z.literal('assign'), assigneeId: z.uuid() }),
  z.object({ kind: z.literal('add_tags'), tags: z.array(tag).min(1).max(20) }),
  z.object({ kind: z.literal('needs_collaboration'), departmentIds: z.array(z.uuid()).max(20) }),
  /** `{ticketNumber}`, `{customerName}`, `{agentName}`, `{employeeNo}` are filled in. */
  z.object({ kind: z.literal('send_message'), template: z.string().trim().min(1).max(2000) }),
  z.object({ kind: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
]);

export const ruleBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  /** When the rule is evaluated: new tickets (any source), a customer writing again, an agent's edit. */
  triggers: z.array(z.enum(RULE_TRIGGERS)).min(1).default(['ticket_created']),
  /** all: every condition must hold; any: one is enough. */
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(conditionSchema).max(30).default([]),
  actions: z.array(actionSchema).min(1).max(20),
  /** Later rules are skipped once this one matched. */
  stopAfterMatch: z.boolean().default(false),
});

export const rulePatchSchema = ruleBodySchema.partial();

export const ruleSchema = ruleBodySchema.extend({
  id: z.uuid(),
  position: z.number().int(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type RuleJson = z.infer<typeof ruleSchema>;

export const ruleListSchema = z.object({ items: z.array(ruleSchema) });

export const ruleOrderBody = z.object({
  /** Every rule id of the workspace, in the new order. */
  ids: z.array(z.uuid()).max(1000),
});

/** A sample request to run the rules on without changing anything. */
export const ruleTestBody = z.object({
  text: z.string().max(10_000),
  channel: z.string().max(50).default('web_chat'),
  trigger: z.enum(RULE_TRIGGERS).default('ticket_created'),
  customerTier: z.string().max(50).default('normal'),
  customerTags: z.array(tag).max(50).default([]),
  orderAmount: z.number().min(0).nullable().default(null),
  /** The moment to judge business hours at; now when absent. */
  at: isoTimestamp.optional(),
  /** Draft rules to evaluate instead of the saved ones (the editor's test-run before saving). */
  rules: z
    .array(ruleBodySchema.extend({ id: z.string().max(100).optional() }))
    .max(500)
    .optional(),
});

const outcomeSchema = z.object({
  type: z.string().nullable(),
  subtype: z.string().nullable(),
  priority: z.enum(TICKET_PRIORITIES),
  priorityReason: z
    .object({
      priority: z.enum(TICKET_PRIORITIES),
      source: z.string(),
      detail: z.array(z.string()),
      category: z.string().optional(),
    })
    .nullable(),
  typeSuggestion: z
    .object({ type: z.string(), subtype: z.string().nullable(), confidence: z.number(), source: z.string() })
    .nullable(),
  teamId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  needsCollaboration: z.boolean(),
  messages: z.array(z.string()),
  webhooks: z.array(z.string()),
});

export const ruleTestResultSchema = z.object({
  /** Every rule in order: whether it matched, which conditions held, whether it was reached at all. */
  rules: z.array(
    z.object({
      id: z.string().nullable(),
      name: z.string(),
      reached: z.boolean(),
      matched: z.boolean(),
      conditions: z.array(z.object({ index: z.number().int(), held: z.boolean() })),
    }),
  ),
  outcome: outcomeSchema,
});

const riskTermSchema = z.object({
  term: z.string().trim().min(1).max(50),
  priority: z.enum(['urgent', 'important']),
  category: z.string().trim().min(1).max(50),
});

const templateSchema = z.string().trim().min(1).max(1000);

export const settingsSchema = z.object({
  /** The risk lexicon: words that make a request urgent or important, with the reason shown on the ticket. */
  riskTerms: z.array(riskTermSchema).max(2000),
  repeatMessages: z.number().int().min(2).max(100),
  repeatWindowMinutes: z.number().int().min(1).max(1440),
  largeOrderAmount: z.number().min(0).nullable(),
  urgentOrderAmount: z.number().min(0).nullable(),
  autoClassifyConfidence: z.number().min(0).max(1),
  /** Team (department id) per request type key. */
  typeTeams: z.record(z.string().max(100), z.uuid()),
  defaultTeamId: z.uuid().nullable(),
  successManagerTiers: z.array(z.string().trim().min(1).max(50)).max(20),
  acceptanceTemplate: z.object({ 'zh-CN': templateSchema, en: templateSchema }),
  sendAcceptance: z.boolean(),
  duplicateWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  duplicateMergeScore: z.number().min(0).max(1),
  duplicateSuggestScore: z.number().min(0).max(1),
  incidentThreshold: z.number().int().min(2).max(10_000),
  incidentWindowMinutes: z.number().int().min(1).max(1440),
  incidentSimilarity: z.number().min(0).max(1),
  autoAwayMinutes: z.number().int().min(1).max(1440),
});

export const settingsPatchSchema = settingsSchema.partial();
