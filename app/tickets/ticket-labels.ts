import { useTicketConfig } from '@app/api/tickets';
import type { TicketConfig } from '@app/api/types';
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
} from '@shared/tickets';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const isKnownChannel = (channel: string): channel is (typeof TICKET_CHANNELS)[number] =>
  (TICKET_CHANNELS as readonly string[]).includes(channel);

export interface TicketLabels {
  config: TicketConfig | undefined;
  status: (status: TicketStatus) => string;
  /** The workspace's own word (紧急/重要/一般 or 特急/紧急/普通), in either interface language. */
  priority: (priority: TicketPriority) => string;
  channel: (channel: string) => string;
  type: (type: string | null) => string | null;
  subtype: (type: string | null, subtype: string | null) => string | null;
  statusOptions: { value: TicketStatus; label: string }[];
  priorityOptions: { value: TicketPriority; label: string }[];
  channelOptions: { value: TicketChannel; label: string }[];
  typeOptions: { value: string; label: string }[];
  /** Types with their sub-types, for a Cascader. */
  typeTree: { value: string; label: string; children?: { value: string; label: string }[] }[];
}

/** Display names for ticket values: statuses and channels from the locale, types and priorities from the workspace. */
export function useTicketLabels(): TicketLabels {
  const { t } = useTranslation();
  const config = useTicketConfig().data;
  return useMemo(() => {
    const status = (value: TicketStatus) => t(`ticketStatus.${value}`);
    const priority = (value: TicketPriority) => config?.priorityLabels[value] ?? t(`ticketPriority.${value}`);
    const channel = (value: string) => (isKnownChannel(value) ? t(`channels.${value}`) : value);
    const findType = (key: string | null) => config?.types.find((candidate) => candidate.key === key);
    const type = (key: string | null) => (key === null ? null : (findType(key)?.label ?? key));
    const subtype = (typeKey: string | null, key: string | null) => {
      if (key === null) return null;
      // A sub-type that changed together with its type is only found by searching every type.
      const owner = findType(typeKey) ?? config?.types.find((c) => c.subtypes.some((s) => s.key === key));
      return owner?.subtypes.find((candidate) => candidate.key === key)?.label ?? key;
    };
    return {
      config,
      status,
      priority,
      channel,
      type,
      subtype,
      statusOptions: TICKET_STATUSES.map((value) => ({ value, label: status(value) })),
      priorityOptions: TICKET_PRIORITIES.map((value) => ({ value, label: priority(value) })),
      channelOptions: TICKET_CHANNELS.map((value) => ({ value, label: channel(value) })),
      typeOptions: (config?.types ?? []).map((entry) => ({ value: entry.key, label: entry.label })),
      typeTree: (config?.types ?? []).map((entry) => ({
        value: entry.key,
        label: entry.label,
        children: entry.subtypes.length
          ? entry.subtypes.map((sub) => ({ value: sub.key, label: sub.label }))
          : undefined,
      })),
    };
  }, [config, t]);
}
