import { PlusOutlined } from '@ant-design/icons';
import { useUpdateCustomer } from '@app/api/customers';
import type { Customer, CustomerIdentity } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { MaskedText } from '@app/privacy/MaskedText';
import { useCan } from '@app/session/use-session';
import { ChannelIcon } from '@app/tickets/channel-icon';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { App, Button, Card, Flex, Form, Input, List, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The customer's accounts on each channel; a new message from any of them finds this record. */
export function CustomerIdentitiesCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const labels = useTicketLabels();
  const [form] = Form.useForm<CustomerIdentity>();
  const updateCustomer = useUpdateCustomer();

  const add = (identity: CustomerIdentity) =>
    updateCustomer.mutate(
      {
        customerId: customer.id,
        changes: { addIdentities: [{ channel: identity.channel, externalId: identity.externalId.trim() }] },
      },
      {
        onSuccess: () => {
          message.success(t('customers.identityAdded'));
          form.resetFields(['externalId']);
        },
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  return (
    <Card title={t('customers.identities')}>
      <List
        size="small"
        dataSource={customer.identities}
        locale={{ emptyText: t('customers.noIdentities') }}
        renderItem={(identity) => (
          <List.Item>
            <Flex gap={8} align="center" style={{ minWidth: 0 }}>
              <ChannelIcon channel={identity.channel} />
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {labels.channel(identity.channel)}
              </Typography.Text>
              {identity.personalDataId ? (
                <Typography.Text style={{ minWidth: 0 }}>
                  <MaskedText
                    text={identity.externalId}
                    spans={[
                      { id: identity.personalDataId, kind: null, start: 0, end: identity.externalId.length },
                    ]}
                  />
                </Typography.Text>
              ) : (
                <Typography.Text copyable ellipsis style={{ minWidth: 0 }}>
                  {identity.externalId}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {can('customers:update') && !customer.mergedInto && (
        <Form<CustomerIdentity>
          form={form}
          onFinish={add}
          initialValues={{ channel: 'wechat' }}
          style={{ marginTop: 12 }}
        >
          <Flex gap={8} align="start">
            <Form.Item name="channel" rules={[{ required: true }]} style={{ marginBottom: 0, width: 120 }}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={labels.channelOptions}
                aria-label={t('customers.identityChannel')}
              />
            </Form.Item>
            <Form.Item
              name="externalId"
              rules={[
                { required: true, whitespace: true, max: 200, message: t('customers.externalIdRequired') },
              ]}
              style={{ marginBottom: 0, flex: 1 }}
            >
              <Input placeholder={t('customers.externalIdShort')} aria-label={t('customers.externalId')} />
            </Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} loading={updateCustomer.isPending}>
              {t('customers.addIdentityShort')}
            </Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
