import { showProblemOnForm } from '@app/api/form-errors';
import { revealPersonalData } from '@app/api/privacy';
import { isApiProblem } from '@app/api/problem';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaskSpan } from './masked-segments';
import { piiKindLabel } from './pii-kinds';

const REASON_LENGTH = { min: 2, max: 200 };

/** Asks why the original is needed, then fetches it; the server writes the reason to the audit log. */
export function RevealPersonalDataModal({
  span,
  mask,
  onClose,
  onRevealed,
}: {
  span: MaskSpan;
  mask: string;
  onClose: () => void;
  onRevealed: (spanId: string, original: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);
  const kind = piiKindLabel(t, span.kind);

  const submit = async ({ reason }: { reason: string }) => {
    setPending(true);
    try {
      const revealed = await revealPersonalData(span.id, reason.trim());
      onRevealed(span.id, revealed.text);
      onClose();
    } catch (error) {
      setPending(false);
      // A refusal is final (and audited too): there is nothing to correct in the form.
      if (isApiProblem(error) && error.status === 403) {
        void message.error(problemMessage(t, error));
        onClose();
      } else if (!showProblemOnForm(form, t, error)) {
        void message.error(problemMessage(t, error));
      }
    }
  };

  return (
    <Modal
      open
      title={t('privacy.reveal.title', { kind })}
      okText={t('privacy.reveal.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'pii-reveal-confirm' }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('privacy.reveal.audited')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary">
        {t('privacy.reveal.masked', { masked: mask })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('privacy.reveal.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              ...REASON_LENGTH,
              transform: (value: string | undefined) => value?.trim(),
              message: t('privacy.reveal.reasonLength', REASON_LENGTH),
            },
          ]}
        >
          <Input.TextArea
            data-testid="pii-reveal-reason"
            autoFocus
            showCount
            maxLength={REASON_LENGTH.max}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('privacy.reveal.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
