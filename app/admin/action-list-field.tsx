import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, type FormListFieldData, Input } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

type FieldPath = string | number | (string | number)[];

/**
 * An editable list of actions (a routing rule's, an SLA warning's or escalation's): the rows, the list's own
 * error, and a button that adds a row. Each row is drawn by `renderRow`, which places the remove button it is
 * handed; the rows of the two editors are laid out differently, so only the shell is shared.
 */
export function ActionListField({
  name,
  requiredMessage,
  removeLabel,
  addLabel,
  newAction,
  renderRow,
}: {
  name: FieldPath;
  /** The complaint when the list is empty; without it an empty list is fine. */
  requiredMessage?: string;
  removeLabel: string;
  addLabel: string;
  newAction: () => unknown;
  renderRow: (field: FormListFieldData, removeButton: ReactNode) => ReactNode;
}) {
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: (_rule, actions: unknown[] | undefined) =>
            requiredMessage === undefined || (actions ?? []).length > 0
              ? Promise.resolve()
              : Promise.reject(new Error(requiredMessage)),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          {fields.map((field) =>
            renderRow(
              field,
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={removeLabel}
                onClick={() => remove(field.name)}
              />,
            ),
          )}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add(newAction())}
            style={{ alignSelf: 'start' }}
          >
            {addLabel}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** The URL a webhook action posts to; surrounding blanks are allowed, the server trims them. */
const WEBHOOK_URL = /^\s*https?:\/\/\S+\s*$/i;

/** The URL input of a webhook action in the list row `fieldName`. */
export function WebhookUrlItem({
  fieldName,
  invalidMessage,
  ariaLabel,
  style,
}: {
  fieldName: number;
  invalidMessage: string;
  ariaLabel?: string;
  style: CSSProperties;
}) {
  return (
    <Form.Item
      name={[fieldName, 'url']}
      noStyle
      rules={[{ required: true, pattern: WEBHOOK_URL, message: invalidMessage }]}
    >
      <Input placeholder="https://" aria-label={ariaLabel} style={style} />
    </Form.Item>
  );
}
