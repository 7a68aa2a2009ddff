import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, type ButtonProps, Flex, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * One message to every customer of an incident: the holding reply or the resolution. Tickets that had it already
 * do not get it again, so sending twice is harmless.
 */
export function BroadcastModal({
  open,
  title,
  intro,
  okText,
  initialText,
  recipients,
  danger = false,
  pending,
  onSend,
  onClose,
}: {
  open: boolean;
  title: string;
  intro: string;
  okText: string;
  initialText: string;
  /** How many tickets will get it now. */
  recipients: number;
  danger?: boolean;
  pending: boolean;
  /** Resolves with how many tickets got it. */
  onSend: (text: string) => Promise<number>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();

  const submit = ({ text }: { text: string }) =>
    onSend(text.trim()).then(
      (sent) => {
        void message.success(t('incidents.broadcast.sent', { count: sent }));
        onClose();
      },
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': 'broadcast-confirm' } as ButtonProps}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{intro}</Typography.Text>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ text: initialText }}
          onFinish={submit}
          preserve={false}
        >
          <Form.Item
            name="text"
            rules={[
              { required: true, whitespace: true, max: 2000, message: t('incidents.broadcast.required') },
            ]}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              autoFocus
              autoSize={{ minRows: 4, maxRows: 10 }}
              maxLength={2000}
              showCount
              aria-label={title}
              data-testid="broadcast-text"
            />
          </Form.Item>
        </Form>
        <Alert
          type={recipients > 0 ? 'info' : 'warning'}
          showIcon
          title={
            recipients > 0
              ? t('incidents.broadcast.recipients', { count: recipients })
              : t('incidents.broadcast.noRecipients')
          }
          description={t('incidents.broadcast.noPersonalData')}
        />
      </Flex>
    </Modal>
  );
}
