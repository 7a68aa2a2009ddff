import type { TicketEvent } from '@app/api/types';
import { TICKET_PRIORITIES, type TicketPriority } from '@shared/tickets';
import type { TFunction } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import { Trans } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketLabels } from '../ticket-labels';
import type { PriorityReasonLike } from './priority-reason';

const ASSIGN_STRATEGIES = ['round_robin', 'least_loaded', 'sticky', 'success_manager', 'rule'] as const;

const isPriority = (value: unknown): value is TicketPriority =>
  TICKET_PRIORITIES.includes(value as TicketPriority);
const asString = (value: unknown) => (typeof value === 'string' ? value : null);
const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const asStrings = (value: unknown) =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const isReason = (value: unknown): value is PriorityReasonLike => {
  const reason = asRecord(value);
  return isPriority(reason.priority) && typeof reason.source === 'string' && Array.isArray(reason.detail);
};

interface Helpers {
  t: TFunction;
  labels: TicketLabels;
  person: (id: unknown) => string;
  department: (id: string) => string;
  reasonText: (reason: PriorityReasonLike, options?: { withPriority?: boolean }) => string;
}

/** "咨询 / 产品功能" for a type and sub-type as the events store them. */
const typeName = (labels: TicketLabels, empty: string, value: unknown) => {
  const { type, subtype } = asRecord(value);
  const typeKey = asString(type);
  return (
    [labels.type(typeKey), labels.subtype(typeKey, asString(subtype))].filter(Boolean).join(' / ') || empty
  );
};

/** Routing's timeline entries (and the assignment strategy); null for any other kind of event. */
export function describeRoutingEvent(event: TicketEvent, helpers: Helpers): ReactNode | null {
  const { t, labels, person, department, reasonText } = helpers;
  const { data } = event;
  const empty = t('ticket.timeline.empty');
  const separator = t('common.listSeparator');
  const team = (id: unknown) => (typeof id === 'string' ? department(id) : empty);

  switch (event.kind) {
    case 'routed': {
      const parts: string[] = [];
      const type = asRecord(data.type);
      if (Object.keys(type).length > 0)
        parts.push(
          t('ticketRouting.timeline.routedType', {
            to: typeName(labels, empty, { type: type.to, subtype: type.subtype }),
          }),
        );
      const priority = asRecord(data.priority);
      if (isPriority(priority.to))
        parts.push(
          isReason(priority.reason)
            ? t('ticketRouting.timeline.routedPriorityBecause', {
                to: labels.priority(priority.to),
                why: reasonText(priority.reason, { withPriority: false }),
              })
            : t('ticketRouting.timeline.routedPriority', { to: labels.priority(priority.to) }),
        );
      const toTeam = asRecord(data.team);
      if ('to' in toTeam) parts.push(t('ticketRouting.timeline.routedTeam', { to: team(toTeam.to) }));
      const tags = asStrings(data.tags);
      if (tags.length > 0) parts.push(t('ticketRouting.timeline.routedTags', { tags: tags.join(separator) }));
      const rules = asStrings(data.rules);
      const text =
        parts.length > 0
          ? parts.join(t('ticketRouting.timeline.partSeparator'))
          : t('ticketRouting.timeline.routedNothing');
      return rules.length > 0
        ? t('ticketRouting.timeline.routedByRules', {
            text,
            rules: rules
              .map((rule) => t('ticketRouting.priorityReason.quoted', { text: rule }))
              .join(separator),
          })
        : t('ticketRouting.timeline.routed', { text });
    }
    case 'assigned': {
      const strategy = asString(data.strategy);
      if (!strategy || !(ASSIGN_STRATEGIES as readonly string[]).includes(strategy) || !data.to) return null;
      return t('ticketRouting.timeline.assignedBy', {
        to: person(data.to),
        strategy: t(`ticketRouting.strategy.${strategy as (typeof ASSIGN_STRATEGIES)[number]}`),
      });
    }
    case 'transferred': {
      const teamChanged = data.toTeam && data.toTeam !== data.fromTeam;
      const text = data.to
        ? t('ticketRouting.timeline.transferred', { from: person(data.from), to: person(data.to) })
        : t('ticketRouting.timeline.transferredToQueue', { from: person(data.from) });
      return [
        text,
        teamChanged ? t('ticketRouting.timeline.transferredTeam', { to: team(data.toTeam) }) : '',
        asString(data.reason) ? t('ticketRouting.timeline.because', { reason: asString(data.reason) }) : '',
      ].join('');
    }
    case 'classification_confirmed':
    case 'classification_corrected': {
      const suggestion = asRecord(data.suggestion);
      const to = typeName(labels, empty, data.to);
      if (event.kind === 'classification_confirmed')
        return t('ticketRouting.timeline.confirmed', { type: to });
      return 'type' in suggestion
        ? t('ticketRouting.timeline.corrected', {
            type: to,
            suggested: typeName(labels, empty, suggestion),
            confidence: Math.round(Number(suggestion.confidence ?? 0) * 100),
          })
        : t('ticketRouting.timeline.classified', { type: to });
    }
    case 'incident_linked': {
      const incidentId = asString(data.incidentId);
      return (
        <Trans
          i18nKey="ticketRouting.timeline.incidentLinked"
          values={{ title: asString(data.title) ?? '' }}
          components={{ incident: incidentId ? <Link to={`/incidents/${incidentId}`} /> : <span /> }}
        />
      );
    }
    case 'merge_suggested': {
      const candidates = Array.isArray(data.candidates) ? data.candidates.map(asRecord) : [];
      return (
        <>
          {t('ticketRouting.timeline.mergeSuggested')}
          {candidates.map((candidate, index) => {
            const id = asString(candidate.ticketId);
            const number = asString(candidate.number) ?? '';
            return (
              <Fragment key={id ?? index}>
                {index > 0 && separator}
                {id ? <Link to={`/tickets/${id}`}>{number}</Link> : number}
                {t('ticketRouting.timeline.score', { score: Math.round(Number(candidate.score ?? 0) * 100) })}
              </Fragment>
            );
          })}
        </>
      );
    }
    default:
      return null;
  }
}
