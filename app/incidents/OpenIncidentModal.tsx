import { showProblemOnForm } from '@app/api/form-errors';
import { type IncidentDetail, type OpenIncidentInput, useOpenIncident } from '@app/api/incidents';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A supervisor declares an incident before the surge detector does; recent open tickets using its words join it. */
export function OpenIncidentModal({
  open,
  onOpened,
  onClose,
}: {
  open: boolean;
  onOpened: (incident: IncidentDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpenIncidentInput>();
  const openIncident = useOpenIncident();

  const submit = (values: OpenIncidentInput) =>
    openIncident.mutate(
      { title: values.title.trim(), keywords: values.keywords.map((word) => word.trim()).filter(Boolean) },
      {
        onSuccess: (incident) => {
          void message.success(t('incidents.open.done', { count: incident.ticketCount }));
          onOpened(incident);
        },
        onError: (error) => {
          if (!showProblemOnForm(form, t, error, { keywords_without_words: 'keywords' }))
            void message.error(problemMessage(t, error));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('incidents.open.title')}
      okText={t('incidents.open.submit')}
      confirmLoading={openIncident.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('incidents.open.intro')}</Typography.Paragraph>
      <Form<OpenIncidentInput> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="title"
          label={t('incidents.open.name')}
          rules={[{ required: true, whitespace: true, max: 200, message: t('incidents.open.nameRequired') }]}
        >
          <Input autoFocus maxLength={200} placeholder={t('incidents.open.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="keywords"
          label={t('incidents.open.keywords')}
          extra={t('incidents.open.keywordsHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('incidents.open.keywordsRequired') }]}
        >
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、', ' ']}
            placeholder={t('incidents.open.keywordsPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
