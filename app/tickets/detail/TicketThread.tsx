import { EditOutlined } from '@ant-design/icons';
import type { TicketDetail } from '@app/api/types';
import { customerName } from '@app/customers/customer-format';
import { MaskedText } from '@app/privacy/MaskedText';
import { spansOf } from '@app/privacy/masked-segments';
import { Button, Card, Empty, Flex, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ThreadMessage } from './ThreadMessage';
import type { SaveTicket } from './use-ticket-editor';

/** The request as first written down; several lines long, so it is edited in a box with explicit save. */
function Description({
  ticket,
  save,
  editable,
}: {
  ticket: TicketDetail;
  save: SaveTicket;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);

  if (draft !== null) {
    return (
      <Flex vertical gap={8}>
        <Input.TextArea
          autoFocus
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          autoSize={{ minRows: 3, maxRows: 16 }}
          maxLength={20_000}
          aria-label={t('ticket.description')}
        />
        <Space>
          <Button
            type="primary"
            size="small"
            onClick={async () => {
              if (draft === ticket.description || (await save({ description: draft }))) setDraft(null);
            }}
          >
            {t('common.save')}
          </Button>
          <Button size="small" onClick={() => setDraft(null)}>
            {t('common.cancel')}
          </Button>
        </Space>
      </Flex>
    );
  }
  return (
    <Flex gap={8} align="start">
      <Typography.Paragraph
        type={ticket.description ? undefined : 'secondary'}
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginBottom: 0, flex: 1 }}
      >
        {ticket.description ? (
          <MaskedText text={ticket.description} spans={spansOf(ticket.personalData, 'description')} />
        ) : (
          t('ticket.noDescription')
        )}
      </Typography.Paragraph>
      {editable && (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setDraft(ticket.description)}
          aria-label={t('ticket.editDescription')}
        />
      )}
    </Flex>
  );
}

export function TicketThread({
  ticket,
  save,
  editable,
}: {
  ticket: TicketDetail;
  save: SaveTicket;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const fallbackName = ticket.customer ? customerName(ticket.customer) : t('ticket.thread.customer');

  return (
    <Card size="small" title={t('ticket.thread.title')}>
      <Flex vertical gap={12}>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ticket.description')}
          </Typography.Text>
          <Description ticket={ticket} save={save} editable={editable} />
        </div>
        {ticket.messages.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.thread.empty')} />
        ) : (
          ticket.messages.map((message) => (
            <ThreadMessage
              key={message.id}
              ticketId={ticket.id}
              message={message}
              customerName={fallbackName}
            />
          ))
        )}
      </Flex>
    </Card>
  );
}
