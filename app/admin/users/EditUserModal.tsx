import { showProblemOnForm } from '@app/api/form-errors';
import type { UpdateUserInput, User } from '@app/api/types';
import { useUpdateUser } from '@app/api/users';
import { useDepartmentOptions } from '@app/components/department-options';
import { employeeNoRules } from '@app/components/employee-no-rules';
import { problemMessage } from '@app/i18n/problem-message';
import type { Role } from '@shared/roles';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoleOptions } from './role-options';

interface EditUserForm {
  name: string;
  employeeNo?: string;
  role: Role;
  departmentId?: string;
}

/** Only the fields that really changed are sent, so the audit log names exactly what was edited. */
function changedFields(user: User, values: EditUserForm): UpdateUserInput {
  const changes: UpdateUserInput = {};
  const employeeNo = values.employeeNo?.trim() || null;
  const departmentId = values.departmentId ?? null;
  if (values.name.trim() !== user.name) changes.name = values.name.trim();
  if (employeeNo !== user.employeeNo) changes.employeeNo = employeeNo;
  if (values.role !== user.role) changes.role = values.role;
  if (departmentId !== (user.department?.id ?? null)) changes.departmentId = departmentId;
  return changes;
}

export function EditUserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditUserForm>();
  const updateUser = useUpdateUser();
  const roleOptions = useRoleOptions();
  const departmentOptions = useDepartmentOptions();

  const submit = (values: EditUserForm) => {
    if (!user) return;
    const changes = changedFields(user, values);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    updateUser.mutate(
      { userId: user.id, changes },
      {
        onSuccess: (updated) => {
          message.success(t('users.updated', { name: updated.name }));
          onClose();
        },
        onError: (error) => {
          const placed = showProblemOnForm(form, t, error, {
            employee_no_taken: 'employeeNo',
            last_admin: 'role',
          });
          if (!placed) message.error(problemMessage(t, error));
        },
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.editTitle', { name: user.name }) : ''}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={updateUser.isPending}
      destroyOnHidden
    >
      {user && (
        <Form<EditUserForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={{
            name: user.name,
            employeeNo: user.employeeNo ?? undefined,
            role: user.role,
            departmentId: user.department?.id,
          }}
        >
          <Form.Item label={t('users.email')}>
            <Input value={user.email} disabled />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('users.name')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('users.nameRequired') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="employeeNo" label={t('users.employeeNo')} rules={employeeNoRules(t)}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
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
        </Form>
      )}
    </Modal>
  );
}
