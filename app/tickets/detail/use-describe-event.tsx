import { useDepartments } from '@app/api/departments';
import type { TicketEvent } from '@app/api/types';
import { describeCallEvent } from '@app/calls/describe-call-event';
import { useUserNames } from '@app/components/user-options';
import { describeChatEvent } from '@app/live-chat/describe-chat-event';
import { describeRegistrationEvent } from '@app/manual-entry/describe-registration-event';
import { useSlaLabels } from '@app/sla/sla-labels';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '@shared/tickets';
import { type ReactNode, useCallback, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTicketLabels } from '../ticket-labels';
import { describeRoutingEvent } from './describe-routing-event';
import { describeSlaEvent } from './describe-sla-event';
import { usePriorityReasonText } from './priority-reason';

const FIELDS = [
  'subject',
  'description',
  'type',
  'subtype',
  'priority',
  'customerId',
  'teamId',
  'collaboratorIds',
  'needsCollaboration',
  'collaborationDepartmentIds',
  'tags',
  'customFields',
  'orderNumbers',
  'productModel',
] as const;
type Field = (typeof FIELDS)[number];
/** Fields whose old and new values are too long or too opaque to quote in one line of history. */
const UNQUOTED: readonly Field[] = ['description', 'customFields', 'customerId'];

const isField = (value: unknown): value is Field => FIELDS.includes(value as Field);
const isStatus = (value: unknown): value is TicketStatus => TICKET_STATUSES.includes(value as TicketStatus);
const isPriority = (value: unknown): value is TicketPriority =>
  TICKET_PRIORITIES.includes(value as TicketPriority);
const asString = (value: unknown) => (typeof value === 'string' ? value : null);
const asList = (value: unknown) =>
  Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];

/** One timeline entry as a sentence: field names and values as the agent sees them elsewhere, people by name. */
export function useDescribeEvent(): (event: TicketEvent) => ReactNode {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const slaLabels = useSlaLabels();
  const userNames = useUserNames();
  const reasonText = usePriorityReasonText();
  const departments = useDepartments().data;
  const departmentNames = useMemo(
    () => new Map((departments ?? []).map((department) => [department.id, department.name])),
    [departments],
  );

  return useCallback(
    (event: TicketEvent) => {
      const { data } = event;
      const empty = t('ticket.timeline.empty');
      const separator = t('common.listSeparator');
      const person = (id: unknown) =>
        typeof id === 'string' ? (userNames.get(id) ?? t('ticket.timeline.formerUser')) : empty;
      const department = (id: string) => departmentNames.get(id) ?? t('ticket.timeline.formerDepartment');
      const routing = () => describeRoutingEvent(event, { t, labels, person, department, reasonText });
      // Changes an SLA escalation made on its own (priority raised, reassigned) say so.
      const because = data.reason === 'sla_escalation' ? t('ticket.timeline.becauseSlaEscalation') : '';

      const formatValue = (field: Field, value: unknown): string => {
        if (value === null || value === undefined || value === '') return empty;
        switch (field) {
          case 'priority':
            return isPriority(value) ? labels.priority(value) : String(value);
          case 'type':
            return labels.type(asString(value)) ?? empty;
          case 'subtype':
            return labels.subtype(null, asString(value)) ?? empty;
          case 'teamId':
            return typeof value === 'string' ? department(value) : empty;
          case 'collaboratorIds':
            return asList(value).map(person).join(separator) || empty;
          case 'collaborationDepartmentIds':
            return asList(value).map(department).join(separator) || empty;
          case 'tags':
          case 'orderNumbers':
            return asList(value).join(separator) || empty;
          case 'needsCollaboration':
            return value ? t('ticket.timeline.yes') : t('ticket.timeline.no');
          default:
            return String(value);
        }
      };

      switch (event.kind) {
        case 'created':
          return t('ticket.timeline.created', {
            channel: labels.channel(asString(data.channel) ?? ''),
            priority: isPriority(data.priority) ? labels.priority(data.priority) : empty,
          });
        case 'field_changed': {
          if (!isField(data.field)) return t('ticket.timeline.changedUnknown', { field: String(data.field) });
          const field = t(`ticket.timeline.fields.${data.field}`);
          if (UNQUOTED.includes(data.field)) return t('ticket.timeline.changed', { field });
          const text = t('ticket.timeline.changedFromTo', {
            field,
            from: formatValue(data.field, data.from),
            to: formatValue(data.field, data.to),
          });
          return `${text}${because}`;
        }
        case 'status_changed': {
          const text = t('ticket.timeline.statusChanged', {
            from: isStatus(data.from) ? labels.status(data.from) : empty,
            to: isStatus(data.to) ? labels.status(data.to) : empty,
          });
          if (data.reason === 'customer_replied')
            return `${text}${t('ticket.timeline.becauseCustomerReplied')}`;
          if (data.reason === 'agent_replied') return `${text}${t('ticket.timeline.becauseAgentReplied')}`;
          return text;
        }
        case 'assigned':
          // Routing's own assignments say how the person was chosen (round-robin, sticky…).
          if (data.strategy) return routing() ?? t('ticket.timeline.assigned', { to: person(data.to) });
          if (!data.from) return `${t('ticket.timeline.assigned', { to: person(data.to) })}${because}`;
          if (!data.to) return t('ticket.timeline.unassigned', { from: person(data.from) });
          return `${t('ticket.timeline.reassigned', { from: person(data.from), to: person(data.to) })}${because}`;
        case 'message_added': {
          const direction =
            data.direction === 'note' || data.direction === 'inbound' ? data.direction : 'outbound';
          const count = typeof data.attachments === 'number' ? data.attachments : 0;
          // An inbound message with an actor was written down by an agent (a call), not sent by the customer.
          const text = t(
            `ticket.timeline.message.${direction === 'inbound' && event.actor ? 'inboundLogged' : direction}`,
          );
          return count > 0 ? `${text}${t('ticket.timeline.withAttachments', { count })}` : text;
        }
        case 'merged_into':
        case 'merged_from': {
          const other = asString(data.ticketId);
          return (
            <Trans
              i18nKey={
                event.kind === 'merged_into' ? 'ticket.timeline.mergedInto' : 'ticket.timeline.mergedFrom'
              }
              values={{
                number: asString(data.number) ?? '',
                channel: labels.channel(asString(data.channel) ?? ''),
              }}
              components={{ ticket: other ? <Link to={`/tickets/${other}`} /> : <span /> }}
            />
          );
        }
        case 'email_auto_reply':
          return t('ticket.timeline.emailAutoReply');
        default:
          return (
            routing() ??
            describeSlaEvent(event.kind, data, { t, labels: slaLabels }) ??
            describeChatEvent(event.kind, data, t) ??
            describeCallEvent(event.kind, data, t) ??
            describeRegistrationEvent(event.kind, data, t) ??
            event.kind
          );
      }
    },
    [t, labels, slaLabels, userNames, departmentNames, reasonText],
  );
}
