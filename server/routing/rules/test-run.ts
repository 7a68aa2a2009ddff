/**
 * The rules editor's test-run: a sample message goes through the same decision as a real new ticket (classifier
 * suggestion, risk words, rules, the type's team) without writing anything, and every rule reports whether it was
 * reached, whether it matched and which of its conditions held.
 */
import type { Database } from '@server/db/schema';
import { indexTokens } from '@server/search/segmenter';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { orderAmountOf } from '../amounts';
import { suggestTypes } from '../classifier/model';
import { decideRouting } from '../decide';
import type { ruleTestBody } from '../schema';
import type { RoutingConfigCache } from '../settings';
import { compileRules, type RuleFacts } from './evaluate';

export async function testRunRules(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    sample: z.infer<typeof ruleTestBody>;
    config: RoutingConfigCache;
    isOpenAt: (at: Date) => Promise<boolean>;
  },
) {
  const { sample, workspaceId } = options;
  const config = await options.config.get(workspaceId);
  const rules = sample.rules ? compileRules(sample.rules) : config.rules;
  const [suggestion] = await suggestTypes(db, {
    workspaceId,
    types: config.ticketConfig.types,
    documents: [{ text: sample.text, tokens: indexTokens(sample.text) }],
  });
  const facts: RuleFacts = {
    trigger: sample.trigger,
    channel: sample.channel,
    text: sample.text,
    customerTier: sample.customerTier,
    customerTags: sample.customerTags,
    ticketTags: [],
    orderAmount: sample.orderAmount ?? orderAmountOf({}, sample.text),
    withinBusinessHours: await options.isOpenAt(sample.at ? new Date(sample.at) : new Date()),
    type: null,
    subtype: null,
    priority: 'normal',
    slaState: 'on_track',
  };
  const decision = decideRouting({
    facts: {
      ...facts,
      teamId: null,
      assigneeId: null,
      recentCustomerMessages: sample.trigger === 'customer_message' ? 1 : 0,
      priorityReason: null,
    },
    rules,
    settings: config.settings,
    suggestion: suggestion ?? null,
    trace: true,
  });
  return {
    rules: decision.trace,
    outcome: {
      type: decision.type,
      subtype: decision.subtype,
      priority: decision.priority,
      priorityReason: decision.priorityReason,
      typeSuggestion: decision.typeSuggestion,
      teamId: decision.teamId,
      assigneeId: decision.assigneeId,
      tags: decision.addTags,
      needsCollaboration: decision.collaborationDepartmentIds !== null,
      messages: decision.messages,
      webhooks: decision.webhooks,
    },
  };
}
