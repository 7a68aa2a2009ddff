import { useCreateDepartment, useUpdateDepartment } from '@app/api/departments';
import { showProblemOnForm } from '@app/api/form-errors';
import type { Department, DepartmentInput } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** `department` null: closed; 'new': create; a department: rename or re-describe it. */
export type DepartmentEditTarget = Department | 'new' | null;

export function DepartmentFormModal({
  target,
  onClose,
}: {
  target: DepartmentEditTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentInput>();
  const createDepartment = useCreateDepartment();
  const updateDepartment = useUpdateDepartment();
  const isNew = target === 'new';
  const pending = createDepartment.isPending || updateDepartment.isPending;

  const onError = (error: unknown) => {
    if (!showProblemOnForm(form, t, error, { department_name_taken: 'name' })) {
      message.error(problemMessage(t, error));
    }
  };

  const submit = (values: DepartmentInput) => {
    const body = { name: values.name.trim(), description: values.description?.trim() ?? '' };
    if (target === 'new') {
      createDepartment.mutate(body, {
        onSuccess: (department) => {
          message.success(t('departments.created', { name: department.name }));
          onClose();
        },
        onError,
      });
    } else if (target) {
      updateDepartment.mutate(
        { departmentId: target.id, changes: body },
        {
          onSuccess: (department) => {
            message.success(t('departments.updated', { name: department.name }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open={target !== null}
      title={isNew ? t('departments.createTitle') : t('departments.editTitle')}
      okText={isNew ? t('common.create') : t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      {target !== null && (
        <Form<DepartmentInput>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={
            isNew ? { name: '', description: '' } : { name: target.name, description: target.description }
          }
        >
          <Form.Item
            name="name"
            label={t('departments.name')}
            rules={[
              { required: true, whitespace: true, message: t('departments.nameRequired') },
              { max: 60 },
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="description" label={t('departments.description')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
