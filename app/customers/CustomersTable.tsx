import type { Customer } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { customerName, maskPhone } from './customer-format';
import { IdentityTags } from './IdentityTags';

export function CustomersTable({
  customers,
  loading,
  emptyText,
  footer,
}: {
  customers: Customer[];
  loading: boolean;
  emptyText: string;
  footer?: string;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const none = t('common.none');

  const columns: TableColumnsType<Customer> = [
    {
      title: t('customers.number'),
      dataIndex: 'number',
      render: (number: string, customer) => (
        <Link to={`/customers/${customer.id}`} style={{ whiteSpace: 'nowrap' }}>
          {number}
        </Link>
      ),
    },
    {
      title: t('customers.name'),
      key: 'name',
      render: (_value, customer) => (
        <Flex vertical>
          <Typography.Text strong>
            {customerName(customer)}
            {customer.erasedAt && (
              <Tag style={{ marginInlineStart: 8 }}>{t('privacy.customer.erasedTag')}</Tag>
            )}
          </Typography.Text>
          {customer.name && customer.nickname && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {customer.nickname}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('customers.phone'),
      dataIndex: 'phone',
      render: (phone: string | null) => (phone ? maskPhone(phone) : none),
    },
    { title: t('customers.email'), dataIndex: 'email', render: (email: string | null) => email ?? none },
    { title: t('customers.company'), dataIndex: 'company', render: (company: string) => company || none },
    {
      title: t('customers.tags'),
      dataIndex: 'tags',
      render: (tags: string[]) => (
        <Flex gap={4} wrap>
          {tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('customers.identities'),
      dataIndex: 'identities',
      render: (identities: Customer['identities']) => <IdentityTags identities={identities} />,
    },
    {
      title: t('customers.updatedAt'),
      dataIndex: 'updatedAt',
      render: (iso: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(iso)}</span>,
    },
  ];

  return (
    <Table<Customer>
      rowKey="id"
      columns={columns}
      dataSource={customers}
      loading={loading}
      pagination={false}
      footer={footer ? () => footer : undefined}
      locale={{ emptyText }}
      scroll={{ x: 'max-content' }}
      size="middle"
    />
  );
}
