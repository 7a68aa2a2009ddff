import { LinkOutlined, SwapOutlined } from '@ant-design/icons';
import { useCustomer } from '@app/api/customers';
import type { TicketDetail } from '@app/api/types';
import { CustomerPicker } from '@app/customers/CustomerPicker';
import { customerName } from '@app/customers/customer-format';
import { IdentityTags } from '@app/customers/IdentityTags';
import { MaskedField } from '@app/privacy/MaskedField';
import { useCan } from '@app/session/use-session';
import { Button, Card, Descriptions, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChannelTag, StatusTag } from '../TicketTags';
import type { SaveTicket } from './use-ticket-editor';

/** Who is asking: their profile, accounts on each channel and every other ticket they have opened anywhere. */
export function CustomerPanel({
  ticket,
  save,
  editable,
}: {
  ticket: TicketDetail;
  save: SaveTicket;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [changing, setChanging] = useState(false);
  const customer = useCustomer(ticket.customer?.id);
  const mayLink = editable && can('tickets:update');

  const link = async (customerId: string | null) => {
    if (customerId && (await save({ customerId }, { successMessage: t('ticket.customer.linked') })))
      setChanging(false);
  };

  if (!ticket.customer || changing) {
    return (
      <Card size="small" title={t('ticket.customer.title')}>
        <Flex vertical gap={8}>
          {!ticket.customer && (
            <Typography.Text type="secondary">{t('ticket.customer.none')}</Typography.Text>
          )}
          {mayLink && (
            <CustomerPicker autoFocus={changing} onChange={(customerId) => void link(customerId)} />
          )}
          {changing && (
            <Button size="small" onClick={() => setChanging(false)} style={{ alignSelf: 'start' }}>
              {t('common.cancel')}
            </Button>
          )}
        </Flex>
      </Card>
    );
  }

  const profile = customer.data;
  // Tickets merged away live on inside another ticket; only separate requests are listed.
  const otherTickets = (profile?.tickets ?? []).filter(
    (other) => other.id !== ticket.id && !other.mergedInto,
  );

  return (
    <Card
      size="small"
      title={t('ticket.customer.title')}
      extra={
        mayLink && (
          <Button type="text" size="small" icon={<SwapOutlined />} onClick={() => setChanging(true)}>
            {t('ticket.customer.change')}
          </Button>
        )
      }
    >
      {!profile ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <Flex vertical gap={12}>
          <Flex vertical>
            <Link to={`/customers/${profile.id}`}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {customerName(profile)} <LinkOutlined />
              </Typography.Text>
            </Link>
            <Typography.Text type="secondary" copyable={{ text: profile.number }} style={{ fontSize: 12 }}>
              {profile.number}
            </Typography.Text>
          </Flex>
          <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 80 } }}>
            <Descriptions.Item label={t('customers.nickname')}>
              <MaskedField owner={profile} field="nickname" />
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.phone')}>
              <MaskedField owner={profile} field="phone" copyable />
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.email')}>
              <MaskedField owner={profile} field="email" copyable />
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.company')}>
              <MaskedField owner={profile} field="company" />
            </Descriptions.Item>
          </Descriptions>
          {profile.tags.length > 0 && (
            <Flex gap={4} wrap>
              {profile.tags.map((tag) => (
                <Tag key={tag} color="blue">
                  {tag}
                </Tag>
              ))}
            </Flex>
          )}
          {profile.identities.length > 0 && <IdentityTags identities={profile.identities} />}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ticket.customer.otherTickets', { count: otherTickets.length })}
            </Typography.Text>
            <List
              size="small"
              dataSource={otherTickets.slice(0, 10)}
              locale={{ emptyText: t('ticket.customer.noOtherTickets') }}
              renderItem={(other) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
                    <Flex justify="space-between" gap={8}>
                      <Link to={`/tickets/${other.id}`}>{other.number}</Link>
                      <StatusTag status={other.status} />
                    </Flex>
                    <Typography.Text ellipsis={{ tooltip: other.subject }}>{other.subject}</Typography.Text>
                    <div>
                      <ChannelTag channel={other.channel} />
                    </div>
                  </Flex>
                </List.Item>
              )}
            />
            {otherTickets.length > 10 && (
              <Link to={`/customers/${profile.id}`}>{t('ticket.customer.allTickets')}</Link>
            )}
          </div>
        </Flex>
      )}
    </Card>
  );
}
