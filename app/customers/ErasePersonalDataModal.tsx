import { showProblemOnForm } from '@app/api/form-errors';
import { useEraseCustomer } from '@app/api/privacy';
import type { Customer } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Button, Col, Form, Input, Modal, Result, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** PIPL Art. 47 erasure: says what goes and what stays, and asks for the customer number as confirmation. */
export function ErasePersonalDataModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ confirmNumber: string }>();
  const erase = useEraseCustomer();
  const result = erase.data;

  const submit = ({ confirmNumber }: { confirmNumber: string }) =>
    erase.mutate(
      { customerId: customer.id, confirmNumber: confirmNumber.trim() },
      {
        onError: (error) => {
          if (!showProblemOnForm(form, t, error)) void message.error(problemMessage(t, error));
        },
      },
    );

  if (result) {
    return (
      <Modal open onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
        <Result
          status="success"
          title={t('privacy.customer.erasedTitle', { number: result.customerNumber })}
          extra={
            <Row gutter={16} data-testid="erasure-result">
              <Col span={8}>
                <Statistic title={t('privacy.customer.tickets')} value={result.tickets} />
              </Col>
              <Col span={8}>
                <Statistic title={t('privacy.customer.messages')} value={result.messages} />
              </Col>
              <Col span={8}>
                <Statistic title={t('privacy.customer.attachments')} value={result.attachments} />
              </Col>
            </Row>
          }
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('privacy.customer.eraseTitle', { number: customer.number })}
      okText={t('privacy.customer.eraseConfirm')}
      okButtonProps={{ danger: true, 'data-testid': 'erase-confirm' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={erase.isPending}
      destroyOnHidden
    >
      <Alert
        type="error"
        showIcon
        title={t('privacy.customer.eraseIntro')}
        description={
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            <li>{t('privacy.customer.eraseProfile')}</li>
            <li>{t('privacy.customer.eraseMessages')}</li>
          </ul>
        }
        style={{ marginBottom: 12 }}
      />
      <Typography.Paragraph type="secondary">{t('privacy.customer.eraseKept')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="confirmNumber"
          label={t('privacy.customer.confirmNumber', { number: customer.number })}
          rules={[
            {
              validator: (_rule, value: string | undefined) =>
                value?.trim() === customer.number
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('privacy.customer.confirmNumberMismatch'))),
            },
          ]}
        >
          <Input autoComplete="off" placeholder={customer.number} data-testid="erase-confirm-number" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
