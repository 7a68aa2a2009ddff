import { showProblemOnForm } from '@app/api/form-errors';
import {
  type QuickReply,
  type QuickReplyInput,
  useCreateQuickReply,
  useUpdateQuickReply,
} from '@app/api/quick-replies';
import { problemMessage } from '@app/i18n/problem-message';
import { App, type ButtonProps, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** null: closed; 'new': create; a reply: edit it. */
export type QuickReplyEditTarget = QuickReply | 'new' | null;

interface QuickReplyForm {
  title: string;
  body: string;
  shortcut: string;
}

export function QuickReplyFormModal({
  target,
  onClose,
}: {
  target: QuickReplyEditTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<QuickReplyForm>();
  const create = useCreateQuickReply();
  const update = useUpdateQuickReply();
  const isNew = target === 'new';

  const handlers = {
    onSuccess: (reply: QuickReply) => {
      void message.success(
        t(isNew ? 'quickReplies.created' : 'quickReplies.updated', { title: reply.title }),
      );
      onClose();
    },
    onError: (error: unknown) => {
      if (!showProblemOnForm(form, t, error, { quick_reply_shortcut_taken: 'shortcut' }))
        void message.error(problemMessage(t, error));
    },
  };

  const submit = (values: QuickReplyForm) => {
    const body: QuickReplyInput = {
      title: values.title.trim(),
      body: values.body.trim(),
      shortcut: values.shortcut.trim().toLowerCase() || null,
    };
    if (target === 'new') create.mutate(body, handlers);
    else if (target) update.mutate({ id: target.id, changes: body }, handlers);
  };

  return (
    <Modal
      open={target !== null}
      title={isNew ? t('quickReplies.createTitle') : t('quickReplies.editTitle')}
      okText={isNew ? t('common.create') : t('common.save')}
      okButtonProps={{ 'data-testid': 'quick-reply-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {target !== null && (
        <Form<QuickReplyForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={
            target === 'new'
              ? { title: '', body: '', shortcut: '' }
              : { title: target.title, body: target.body, shortcut: target.shortcut ?? '' }
          }
        >
          <Form.Item
            name="title"
            label={t('quickReplies.fields.title')}
            rules={[
              { required: true, whitespace: true, message: t('quickReplies.titleRequired') },
              { max: 60 },
            ]}
          >
            <Input maxLength={60} data-testid="quick-reply-title" />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('quickReplies.fields.body')}
            rules={[
              { required: true, whitespace: true, message: t('quickReplies.bodyRequired') },
              { max: 2000 },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={2000}
              showCount
              data-testid="quick-reply-body"
            />
          </Form.Item>
          <Form.Item
            name="shortcut"
            label={t('quickReplies.fields.shortcut')}
            extra={t('quickReplies.shortcutHelp')}
            rules={[{ pattern: /^[a-zA-Z0-9_-]{0,20}$/, message: t('quickReplies.shortcutInvalid') }]}
          >
            <Input prefix="/" maxLength={20} style={{ maxWidth: 240 }} data-testid="quick-reply-shortcut" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
