import { FireOutlined } from '@ant-design/icons';
import type { TicketDetail } from '@app/api/types';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePriorityReasonText } from './priority-reason';

/**
 * 紧急：包含『曝光』 beside the priority. A reason for another priority than the ticket's now (an agent changed it
 * since) no longer explains anything and is not shown.
 */
export function PriorityReasonTag({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const reasonText = usePriorityReasonText();
  const reason = ticket.priorityReason;
  if (!reason || reason.priority !== ticket.priority) return null;

  return (
    <Tooltip
      title={[t(`ticketRouting.priorityReason.hint.${reason.source}`), reason.category]
        .filter(Boolean)
        .join(t('common.listSeparator'))}
    >
      <Tag
        icon={<FireOutlined />}
        color={reason.priority === 'urgent' ? 'red' : reason.priority === 'important' ? 'orange' : undefined}
        variant="outlined"
        data-testid="priority-reason"
        data-source={reason.source}
      >
        {reasonText(reason)}
      </Tag>
    </Tooltip>
  );
}
