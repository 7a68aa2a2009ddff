/**
 * Routing, inside the transaction that changed the tickets (intake's group commit, createTicket, updateTicket):
 * facts loaded → the classifier's suggestions → decideRouting per ticket (risk, rules, team) → assignees from the
 * teams' strategies → one write of every change with its timeline entries, the acceptance notice and rule
 * messages through the outbox, notifications and webhooks → new tickets checked for duplicates across channels
 * and for an emerging incident. The caller publishes the returned realtime events and tracks SLA clocks after.
 */
import type { CalendarCache } from '@server/calendars/repo';
import type { Database } from '@server/db/schema';
import type { linkIncidents } from '@server/incidents/link-incidents';
import type { RealtimeEvent } from '@server/realtime/publish';
import type { SlaTracker } from '@server/sla/tracker';
import type { RuleTrigger, TypeSuggestion } from '@shared/routing';
import type { Kysely } from 'kysely';
import { extractOrderAmount, orderAmountOf } from './amounts';
import { applyRouting, type RoutedTicket } from './apply-routing';
import { LIVE_CHAT_CHANNELS } from './assignment/candidates';
import { chooseAssignees } from './assignment/choose-assignees';
import { acceptanceNotice, writeAutomatedMessages } from './auto-messages';
import { suggestTypes } from './classifier/model';
import { decideRouting, type RoutingDecision, type RoutingFacts } from './decide';
import type { linkDuplicates } from './duplicates/link-duplicates';
import { countRecentCustomerMessages, loadSlaStates, loadTicketFacts } from './load-facts';
import { continueInMergeTargets } from './merge-followup';
import { dropMissingReferences } from './references';
import type { RoutingConfigCache } from './settings';

export interface RoutingInput {
  ticketId: string;
  /** The request's words: a new ticket's subject, description and first messages; a follow-up's new message. */
  text: string;
  /** Their jieba tokens (the classifier, duplicates and incidents compare these). */
  tokens: string[];
  /** Fields a person just set (an edit being routed): rules leave them as they are. */
  keep?: RoutingFacts['keep'];
}

export interface RoutingResult {
  /** New tickets merged into an older one as duplicates: no clocks of their own. */
  merged: Map<string, string>;
  realtime: RealtimeEvent[];
  /** Ticket columns routing changed, per ticket: the SLA tracker re-matches policies on them. */
  changedColumns: Map<string, string[]>;
  /** Replies were queued in the outbox: wake it after the commit. */
  queuedDeliveries: boolean;
}

/** Merges new tickets into the older open ticket they repeat; new ticket id → the ticket it went into. */
export type DuplicateLinker = typeof linkDuplicates;

/** Links new tickets to an open incident or opens one on a surge. */
export type IncidentLinker = typeof linkIncidents;

export class TicketRouter {
  constructor(
    private readonly deps: {
      config: RoutingConfigCache;
      calendars: CalendarCache;
      sla: SlaTracker;
      linkDuplicates?: DuplicateLinker;
      linkIncidents?: IncidentLinker;
    },
  ) {}

  get configCache(): RoutingConfigCache {
    return this.deps.config;
  }

  async route(
    tx: Kysely<Database>,
    options: {
      workspaceId: string;
      trigger: RuleTrigger;
      inputs: readonly RoutingInput[];
      /** Who caused it (the agent's form or edit); null for a channel message. */
      actorUserId: string | null;
    },
  ): Promise<RoutingResult> {
    const { workspaceId, trigger } = options;
    const result: RoutingResult = {
      merged: new Map(),
      realtime: [],
      changedColumns: new Map(),
      queuedDeliveries: false,
    };
    if (options.inputs.length === 0) return result;
    const config = await this.deps.config.get(workspaceId, tx);
    const { settings } = config;
    const now = this.deps.sla.now();
    let candidates = options.inputs;
    let facts = await loadTicketFacts(
      tx,
      workspaceId,
      candidates.map((input) => input.ticketId),
    );
    if (trigger === 'ticket_created' && this.deps.linkDuplicates) {
      // Duplicates first: a repeat of an open request joins it and is routed there as the customer writing again
      // (new risk words still raise it), instead of being assigned and acknowledged a second time.
      const merged = await this.deps.linkDuplicates(tx, {
        workspaceId,
        settings,
        sla: this.deps.sla,
        // In the batch's order: a later ticket is compared with the earlier new ones.
        tickets: candidates.flatMap((input) => {
          const ticket = facts.get(input.ticketId);
          return ticket
            ? [
                {
                  ticketId: ticket.id,
                  customerId: ticket.customerId,
                  orderNumbers: ticket.orderNumbers,
                  tokens: input.tokens,
                  createdAt: now,
                },
              ]
            : [];
        }),
      });
      if (merged.size > 0) {
        result.merged = merged;
        const newIds = new Set(options.inputs.map((input) => input.ticketId));
        // A repeat of another new ticket of this batch adds its words to that ticket, which is routed as new below.
        candidates = candidates
          .filter((input) => !merged.has(input.ticketId))
          .map((input) => {
            const repeats = options.inputs.filter((other) => merged.get(other.ticketId) === input.ticketId);
            if (repeats.length === 0) return input;
            return {
              ...input,
              text: [input.text, ...repeats.map((other) => other.text)].join('\n'),
              tokens: [...new Set([...input.tokens, ...repeats.flatMap((other) => other.tokens)])],
            };
          });
        const followUpInputs = options.inputs.flatMap((input) => {
          const target = merged.get(input.ticketId);
          return target && !newIds.has(target) ? [{ ...input, ticketId: target }] : [];
        });
        for (const [source, target] of merged) {
          result.realtime.push({ kind: 'ticket.updated', ticketId: source, data: { mergedInto: target } });
          result.realtime.push({ kind: 'ticket.updated', ticketId: target, data: { mergedFrom: source } });
        }
        if (followUpInputs.length > 0) {
          const followUps = await this.route(tx, {
            ...options,
            trigger: 'customer_message',
            inputs: followUpInputs,
          });
          result.realtime.push(...followUps.realtime);
          result.queuedDeliveries ||= followUps.queuedDeliveries;
          result.realtime.push(
            ...(await continueInMergeTargets(tx, {
              workspaceId,
              sla: this.deps.sla,
              targetIds: followUpInputs.map((input) => input.ticketId),
              changedColumns: followUps.changedColumns,
            })),
          );
        }
      }
    }
    // A merge may have moved a remaining ticket's conversation: read them again then (rare), not on every group.
    if (result.merged.size > 0)
      facts = await loadTicketFacts(
        tx,
        workspaceId,
        candidates.map((input) => input.ticketId),
      );
    // Repeated messages make a ticket important: one already important or urgent is not counted.
    const raisable = [...facts.values()]
      .filter((ticket) => ticket.priority === 'normal')
      .map((ticket) => ticket.id);
    const [recent, slaStates, calendar] = await Promise.all([
      trigger === 'customer_message'
        ? countRecentCustomerMessages(tx, workspaceId, raisable, {
            minutes: settings.repeatWindowMinutes,
            atMost: settings.repeatMessages,
          })
        : new Map<string, number>(),
      config.uses.slaState
        ? loadSlaStates(
            tx,
            workspaceId,
            candidates.map((input) => input.ticketId),
          )
        : new Map(),
      config.uses.businessHours ? this.deps.calendars.get(tx, workspaceId, null) : null,
    ]);
    const inputs = candidates.filter((input) => facts.has(input.ticketId));
    const withinBusinessHours = calendar ? calendar.calendar.isOpenAt(now) : true;

    const unclassified = inputs.filter(
      (input) => trigger === 'ticket_created' && !facts.get(input.ticketId)?.type,
    );
    const suggestions = new Map<string, TypeSuggestion | null>();
    if (unclassified.length > 0) {
      const found = await suggestTypes(tx, {
        workspaceId,
        types: config.ticketConfig.types,
        documents: unclassified.map((input) => ({ text: input.text, tokens: input.tokens })),
      });
      for (const [index, input] of unclassified.entries())
        suggestions.set(input.ticketId, found[index] ?? null);
    }

    const decisions = new Map<string, RoutingDecision>();
    for (const input of inputs) {
      const ticket = facts.get(input.ticketId);
      if (!ticket) continue;
      // A follow-up is judged on its own words: the ticket's first line already counted when it was new (and an
      // agent who lowered the priority since is not overruled by old words or the order's amount field).
      const text = trigger === 'ticket_updated' ? `${ticket.subject}\n${ticket.description}` : input.text;
      const orderAmount =
        trigger === 'customer_message' ? extractOrderAmount(text) : orderAmountOf(ticket.customFields, text);
      decisions.set(
        ticket.id,
        decideRouting({
          facts: {
            trigger,
            channel: ticket.channel,
            text,
            customerTier: ticket.customerTier,
            customerTags: ticket.customerTags,
            ticketTags: ticket.tags,
            orderAmount,
            withinBusinessHours,
            type: ticket.type,
            subtype: ticket.subtype,
            priority: ticket.priority,
            slaState: slaStates.get(ticket.id) ?? 'on_track',
            teamId: ticket.teamId,
            assigneeId: ticket.assigneeId,
            recentCustomerMessages: recent.get(ticket.id) ?? 0,
            priorityReason: ticket.priorityReason,
            keep: input.keep,
          },
          rules: config.rules,
          settings,
          suggestion: suggestions.get(ticket.id) ?? null,
        }),
      );
    }

    await dropMissingReferences(tx, workspaceId, decisions, settings);
    const toAssign = [...decisions].filter(([, decision]) => decision.needsAssignment);
    const assignees =
      toAssign.length > 0
        ? await chooseAssignees(tx, {
            workspaceId,
            successManagerTiers: settings.successManagerTiers,
            requests: toAssign.map(([ticketId, decision]) => ({
              ticketId,
              teamId: decision.teamId,
              customerId: facts.get(ticketId)?.customerId ?? null,
              isChat: LIVE_CHAT_CHANNELS.includes(facts.get(ticketId)?.channel ?? ''),
            })),
          })
        : new Map();

    const routed: RoutedTicket[] = [];
    for (const [ticketId, decision] of decisions) {
      const ticket = facts.get(ticketId);
      if (!ticket) continue;
      const assignment = assignees.get(ticketId);
      routed.push({
        ticket,
        decision: assignment ? { ...decision, assigneeId: assignment.assigneeId } : decision,
        strategy: assignment?.strategy ?? null,
      });
    }
    const applied = await applyRouting(tx, {
      workspaceId,
      config,
      routed,
      actorUserId: options.actorUserId,
      announce: trigger !== 'ticket_created',
    });
    result.realtime.push(...applied.realtime);
    for (const [id, columns] of applied.changedColumns) result.changedColumns.set(id, columns);
    result.queuedDeliveries ||= applied.queuedDeliveries;

    const { linkIncidents } = this.deps;
    if (trigger === 'ticket_created' && linkIncidents && inputs.length > 0) {
      const incidents = await linkIncidents(tx, {
        workspaceId,
        settings,
        now,
        tickets: inputs.map((input) => ({
          ticketId: input.ticketId,
          subject: facts.get(input.ticketId)?.subject ?? '',
          tokens: input.tokens,
        })),
      });
      result.realtime.push(...incidents.realtime);
      for (const [ticketId, incidentId] of incidents.links)
        result.realtime.push({ kind: 'ticket.updated', ticketId, data: { incidentId } });
    }
    return result;
  }

  /**
   * The acceptance notice for a ticket that got its first owner outside routing (an agent assigning it from the
   * queue, a transfer): 需求已受理，由{坐席}… goes out once, when `first_owner_id` was still empty before the change.
   */
  async acknowledgeFirstOwner(
    tx: Kysely<Database>,
    options: { workspaceId: string; ticketId: string; assigneeId: string },
  ): Promise<RealtimeEvent[]> {
    const { workspaceId } = options;
    const config = await this.deps.config.get(workspaceId, tx);
    const [facts, person] = await Promise.all([
      loadTicketFacts(tx, workspaceId, [options.ticketId]),
      tx
        .selectFrom('users')
        .select(['name', 'employee_no'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', options.assigneeId)
        .executeTakeFirst(),
    ]);
    const ticket = facts.get(options.ticketId);
    if (!ticket || !person) return [];
    const notice = acceptanceNotice(config, ticket, {
      name: person.name,
      employeeNo: person.employee_no ?? '',
    });
    return notice ? writeAutomatedMessages(tx, workspaceId, [notice]) : [];
  }
}
