import { EditOutlined } from '@ant-design/icons';
import type { Customer } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { MaskedField } from '@app/privacy/MaskedField';
import { MaskedText } from '@app/privacy/MaskedText';
import { spansOf } from '@app/privacy/masked-segments';
import { useCan } from '@app/session/use-session';
import { Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditCustomerModal } from './EditCustomerModal';

export function CustomerProfileCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const can = useCan();
  const formatDateTime = useFormatDateTime();
  const [editing, setEditing] = useState(false);
  const none = t('common.none');
  const attributes = Object.entries(customer.attributes);

  return (
    <Card
      title={t('customers.profile')}
      extra={
        can('customers:update') && (
          <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 100 } }}>
        <Descriptions.Item label={t('customers.number')}>
          <Typography.Text copyable>{customer.number}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.name')}>{customer.name || none}</Descriptions.Item>
        <Descriptions.Item label={t('customers.nickname')}>
          <MaskedField owner={customer} field="nickname" />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.phone')}>
          <MaskedField owner={customer} field="phone" copyable />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.email')}>
          <MaskedField owner={customer} field="email" copyable />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.company')}>
          <MaskedField owner={customer} field="company" />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.tags')}>
          {customer.tags.length > 0 ? (
            <Flex gap={4} wrap>
              {customer.tags.map((tag) => (
                <Tag key={tag} color="blue">
                  {tag}
                </Tag>
              ))}
            </Flex>
          ) : (
            none
          )}
        </Descriptions.Item>
        {attributes.map(([key, value]) => (
          <Descriptions.Item key={`attribute:${key}`} label={key}>
            {value ? (
              <MaskedText text={value} spans={spansOf(customer.personalData, `attributes.${key}`)} />
            ) : (
              none
            )}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('customers.createdAt')}>
          {formatDateTime(customer.createdAt)}
        </Descriptions.Item>
      </Descriptions>
      {customer.notes && (
        <>
          <Typography.Text type="secondary">{t('customers.notes')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            <MaskedText text={customer.notes} spans={spansOf(customer.personalData, 'notes')} />
          </Typography.Paragraph>
        </>
      )}
      <EditCustomerModal customer={editing ? customer : null} onClose={() => setEditing(false)} />
    </Card>
  );
}
