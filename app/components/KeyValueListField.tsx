import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** Free-form key/value rows inside a form (customer attributes, ticket custom fields); `{key, value}` items. */
export function KeyValueListField({
  name,
  keyLabel,
  valueLabel,
  addLabel,
  maxValueLength,
}: {
  name: string;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
  maxValueLength: number;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <Flex vertical gap={8}>
          {rows.map((row) => (
            <Flex key={row.key} gap={8}>
              <Form.Item
                name={[row.name, 'key']}
                rules={[{ max: 50 }]}
                style={{ marginBottom: 0, width: 160 }}
              >
                <Input placeholder={keyLabel} aria-label={keyLabel} />
              </Form.Item>
              <Form.Item
                name={[row.name, 'value']}
                rules={[{ max: maxValueLength }]}
                style={{ marginBottom: 0, flex: 1 }}
              >
                <Input placeholder={valueLabel} aria-label={valueLabel} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                onClick={() => remove(row.name)}
                aria-label={t('common.delete')}
              />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })} block>
            {addLabel}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
