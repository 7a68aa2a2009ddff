import { MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useCustomer } from '@app/api/customers';
import { isApiProblem } from '@app/api/problem';
import { LoadFailed } from '@app/components/LoadFailed';
import { NotFoundResult } from '@app/components/NotFoundResult';
import { PageHeader } from '@app/components/PageHeader';
import { useFormatDateTime } from '@app/components/use-format-date';
import { useCan } from '@app/session/use-session';
import { NewTicketModal } from '@app/tickets/new/NewTicketModal';
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CustomerIdentitiesCard } from './CustomerIdentitiesCard';
import { CustomerPrivacyActions } from './CustomerPrivacyActions';
import { CustomerProfileCard } from './CustomerProfileCard';
import { CustomerTicketsTable } from './CustomerTicketsTable';
import { customerName } from './customer-format';
import { MergeCustomerModal } from './MergeCustomerModal';

export function CustomerPage() {
  const { t } = useTranslation();
  const can = useCan();
  const formatDateTime = useFormatDateTime();
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  const [merging, setMerging] = useState(false);
  const [creatingTicket, setCreatingTicket] = useState(false);

  if (customer.isError) {
    if (isApiProblem(customer.error) && customer.error.status === 404) return <NotFoundResult />;
    return <LoadFailed error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  if (!customer.data) return <Skeleton active />;
  const { tickets, ...profile } = customer.data;

  return (
    <>
      <PageHeader
        title={customerName(profile)}
        extra={
          !profile.mergedInto && (
            <Space wrap>
              {profile.erasedAt && (
                <Tag color="volcano" data-testid="customer-erased">
                  {t('privacy.customer.erasedTag')}
                </Tag>
              )}
              <CustomerPrivacyActions customer={profile} />
              {can('customers:merge') && (
                <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                  {t('customers.merge.open')}
                </Button>
              )}
              {can('tickets:create') && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingTicket(true)}>
                  {t('tickets.create')}
                </Button>
              )}
            </Space>
          )
        }
      />
      {profile.mergedInto && (
        <Alert
          type="warning"
          showIcon
          title={t('customers.mergedNotice', { number: profile.mergedInto.number })}
          action={
            <Link to={`/customers/${profile.mergedInto.id}`}>
              {t('customers.openSurvivor', { number: profile.mergedInto.number })}
            </Link>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {profile.erasedAt && (
        <Alert
          type="info"
          showIcon
          title={t('privacy.customer.erasedNotice', { time: formatDateTime(profile.erasedAt) })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <CustomerProfileCard customer={profile} />
            <CustomerIdentitiesCard customer={profile} />
          </Flex>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('customers.ticketsTitle', { count: tickets.length })}>
            <CustomerTicketsTable tickets={tickets} />
          </Card>
        </Col>
      </Row>
      <MergeCustomerModal target={profile} open={merging} onClose={() => setMerging(false)} />
      <NewTicketModal open={creatingTicket} customer={profile} onClose={() => setCreatingTicket(false)} />
    </>
  );
}
