import { showProblemOnForm } from '@app/api/form-errors';
import { useSubmitSlaExplanation } from '@app/api/tickets';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const MAX_EXPLANATION_LENGTH = 5000;

/** Seed 002: an agent whose ticket escalated explains the delay within the hour. */
export function SlaExplanationModal({
  ticketId,
  open,
  onClose,
}: {
  ticketId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const submitExplanation = useSubmitSlaExplanation();

  const submit = ({ text }: { text: string }) =>
    submitExplanation.mutate(
      { ticketId, text: text.trim() },
      {
        onSuccess: () => {
          message.success(t('sla.explanation.sent'));
          onClose();
        },
        onError: (error) => {
          if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('sla.explanation.title')}
      okText={t('sla.explanation.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitExplanation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('sla.explanation.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="text"
          label={t('sla.explanation.label')}
          rules={[{ required: true, whitespace: true, message: t('sla.explanation.required') }]}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={MAX_EXPLANATION_LENGTH}
            showCount
            placeholder={t('sla.explanation.placeholder')}
            data-testid="sla-explanation-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
