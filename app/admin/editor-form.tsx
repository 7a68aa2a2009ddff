import { Form, type FormInstance, Typography } from 'antd';
import type { ReactNode } from 'react';

/** What an editor drawer hands its form: the instance it submits and previews from, the start, the save. */
export interface EditorFormProps<Values> {
  form: FormInstance<Values>;
  initialValues: Values;
  onFinish: (values: Values) => void;
  readOnly: boolean;
}

/**
 * The vertical form of an editor drawer. `preserve={false}` drops the values of fields that are no longer shown
 * (an action whose kind changed), so they are not saved along.
 */
export function EditorForm<Values extends object>({
  form,
  initialValues,
  onFinish,
  readOnly,
  testId,
  children,
}: EditorFormProps<Values> & { testId: string; children: ReactNode }) {
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={readOnly}
      preserve={false}
      data-testid={testId}
    >
      {children}
    </Form>
  );
}

/** A titled part of an editor form, with an optional line of help under the title. */
export function FormSection({
  title,
  help,
  children,
}: {
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <section style={{ marginBottom: 24 }}>
      <Typography.Title level={5} style={{ marginBottom: help ? 0 : 12 }}>
        {title}
      </Typography.Title>
      {help && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 12px', fontSize: 13 }}>
          {help}
        </Typography.Paragraph>
      )}
      {children}
    </section>
  );
}
