import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Button, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Rows of channel + the customer's id on it (openid, buyer id, wa_id, address) inside a customer form. */
export function IdentitiesFormList({ name }: { name: string }) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start">
              <Form.Item
                name={[field.name, 'channel']}
                rules={[{ required: true, message: t('customers.identityChannelRequired') }]}
                style={{ marginBottom: 0, width: 140 }}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={labels.channelOptions}
                  placeholder={t('customers.identityChannel')}
                  aria-label={t('customers.identityChannel')}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'externalId']}
                rules={[
                  { required: true, whitespace: true, max: 200, message: t('customers.externalIdRequired') },
                ]}
                style={{ marginBottom: 0, flex: 1 }}
              >
                <Input placeholder={t('customers.externalId')} aria-label={t('customers.externalId')} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                onClick={() => remove(field.name)}
                aria-label={t('common.delete')}
              />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ channel: 'wechat' })} block>
            {t('customers.addIdentity')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
