import { showProblemOnForm } from '@app/api/form-errors';
import type { CreateUserInput } from '@app/api/types';
import { useCreateUser } from '@app/api/users';
import { useDepartmentOptions } from '@app/components/department-options';
import { employeeNoRules } from '@app/components/employee-no-rules';
import { NewPasswordField } from '@app/components/NewPasswordField';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoleOptions } from './role-options';

type CreateUserForm = Omit<CreateUserInput, 'departmentId'> & { departmentId?: string };

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserForm>();
  const email: string | undefined = Form.useWatch('email', form);
  const createUser = useCreateUser();
  const roleOptions = useRoleOptions();
  const departmentOptions = useDepartmentOptions();

  const submit = (values: CreateUserForm) =>
    createUser.mutate(
      { ...values, employeeNo: values.employeeNo?.trim() || undefined },
      {
        onSuccess: (user) => {
          message.success(t('users.created', { name: user.name }));
          onClose();
        },
        onError: (error) => {
          const placed = showProblemOnForm(form, t, error, {
            email_taken: 'email',
            employee_no_taken: 'employeeNo',
          });
          if (!placed) message.error(problemMessage(t, error));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createUser.isPending}
      destroyOnHidden
    >
      <Form<CreateUserForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ role: 'agent' }}
      >
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[{ required: true, type: 'email', message: t('users.emailRequired') }]}
        >
          <Input autoComplete="off" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('users.name')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('users.nameRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="employeeNo"
          label={t('common.optionalField', { label: t('users.employeeNo') })}
          rules={employeeNoRules(t)}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('users.roleRequired') }]}
        >
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('users.noDepartment')}
            options={departmentOptions}
          />
        </Form.Item>
        <NewPasswordField
          name="password"
          label={t('users.initialPassword')}
          extra={t('users.initialPasswordHelp')}
          email={email}
        />
      </Form>
    </Modal>
  );
}
