import type { TicketPriority, TicketStatus } from '@shared/tickets';
import { Tag } from 'antd';
import { ChannelIcon } from './channel-icon';
import { useTicketLabels } from './ticket-labels';

const STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'processing',
  pending_customer: 'gold',
  pending_internal: 'purple',
  resolved: 'green',
  closed: 'default',
};

const PRIORITY_COLORS: Record<TicketPriority, string | undefined> = {
  urgent: 'red',
  important: 'orange',
  normal: undefined,
};

export function StatusTag({ status }: { status: TicketStatus }) {
  const labels = useTicketLabels();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined">
      {labels.status(status)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const labels = useTicketLabels();
  return <Tag color={PRIORITY_COLORS[priority]}>{labels.priority(priority)}</Tag>;
}

export function ChannelTag({ channel }: { channel: string }) {
  const labels = useTicketLabels();
  return (
    <Tag icon={<ChannelIcon channel={channel} />} variant="filled">
      {labels.channel(channel)}
    </Tag>
  );
}
