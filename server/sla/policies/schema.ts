import { isoTimestamp } from '@server/http/common-schema';
import {
  DEFAULT_WARN_AT_SHARE,
  MAX_ESCALATION_LEVELS,
  SLA_CLOCK_STATES,
  SLA_DURATION_UNITS,
  SLA_METRICS,
} from '@shared/sla';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '@shared/tickets';
import { z } from 'zod';

const names = z.array(z.string().trim().min(1).max(100)).max(100);

export const conditionsSchema = z.object({
  priorities: z.array(z.enum(TICKET_PRIORITIES)).optional(),
  types: names.optional(),
  subtypes: names.optional(),
  channels: names.optional(),
  customerTiers: names.optional(),
  tags: names.optional(),
});

export const durationSchema = z.object({
  amount: z.number().min(0).max(100_000),
  unit: z.enum(SLA_DURATION_UNITS),
  time: z.enum(['business', 'calendar']),
});

export const targetSchema = durationSchema.extend({
  metric: z.enum(SLA_METRICS),
  when: conditionsSchema.optional(),
});

export const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notify_assignee') }),
  z.object({ kind: z.literal('notify_supervisor') }),
  z.object({ kind: z.literal('raise_priority') }),
  z.object({
    kind: z.literal('reassign'),
    to: z.enum(['supervisor', 'team']),
    teamId: z.uuid().nullable().optional(),
  }),
  z.object({ kind: z.literal('add_tag'), tag: z.string().trim().min(1).max(50) }),
  z.object({ kind: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
  z.object({ kind: z.literal('require_explanation'), withinMinutes: z.number().int().min(1).max(10_080) }),
]);

export const escalationLevelSchema = z.object({
  afterMinutes: z.number().int().min(0).max(100_000),
  metrics: z.array(z.enum(SLA_METRICS)).optional(),
  actions: z.array(actionSchema).min(1).max(10),
});

export const policyBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  calendarId: z.uuid().nullable().default(null),
  match: conditionsSchema.default({}),
  targets: z.array(targetSchema).max(100),
  pauseStatuses: z.array(z.enum(TICKET_STATUSES)).default(['pending_customer']),
  warnAtShare: z.number().min(0.05).max(1).default(DEFAULT_WARN_AT_SHARE),
  warningActions: z.array(actionSchema).max(10).default([]),
  escalations: z.array(escalationLevelSchema).max(MAX_ESCALATION_LEVELS).default([]),
});

export const policyPatchSchema = policyBodySchema.partial();

export const policySchema = policyBodySchema.extend({
  id: z.uuid(),
  position: z.number().int(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});

export const policyListSchema = z.object({ items: z.array(policySchema) });

export const previewBody = z.object({
  policy: policyBodySchema,
  ticket: z.object({
    priority: z.enum(TICKET_PRIORITIES),
    type: z.string().nullable().optional(),
    subtype: z.string().nullable().optional(),
    channel: z.string().min(1).max(50),
    customerTier: z.string().nullable().optional(),
    tags: z.array(z.string()).optional(),
  }),
  from: isoTimestamp.optional(),
});

export const previewSchema = z.object({
  from: isoTimestamp,
  targets: z.array(
    z.object({
      metric: z.enum(SLA_METRICS),
      dueAt: isoTimestamp,
      warnAt: isoTimestamp,
      target: durationSchema,
    }),
  ),
});

export const ticketSlaSchema = z.object({
  metric: z.enum(SLA_METRICS),
  state: z.enum(SLA_CLOCK_STATES),
  dueAt: isoTimestamp.nullable(),
  warnAt: isoTimestamp.nullable(),
  startedAt: isoTimestamp,
  metAt: isoTimestamp.nullable(),
  breachedAt: isoTimestamp.nullable(),
  pausedAt: isoTimestamp.nullable(),
  escalationLevel: z.number().int(),
  target: durationSchema,
});
