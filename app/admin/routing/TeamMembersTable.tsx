import { type AgentRoutingChanges, type RoutingMember, useUpdateAgentRouting } from '@app/api/routing';
import { PersonName } from '@app/components/PersonName';
import { PresenceBadge } from '@app/components/PresenceBadge';
import { RoleTag } from '@app/components/RoleTag';
import { problemMessage } from '@app/i18n/problem-message';
import { App, InputNumber, Select, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A capacity typed in and left: saved when it changed; emptied means no limit. */
function CapacityInput({
  value,
  label,
  disabled,
  onSave,
}: {
  value: number | null;
  label: string;
  disabled: boolean;
  onSave: (value: number | null) => void;
}) {
  const { t } = useTranslation();
  // Enter and the blur that follows it must not save twice.
  const committed = useRef(value);
  const commit = (raw: string) => {
    const next = raw.trim() === '' ? null : Number(raw);
    if (next !== null && (!Number.isInteger(next) || next < 0)) return;
    if (next === committed.current) return;
    committed.current = next;
    onSave(next);
  };
  return (
    <InputNumber<number>
      // Remounts after a save, so the shown value is the server's again.
      key={value ?? 'none'}
      size="small"
      min={0}
      max={10_000}
      precision={0}
      defaultValue={value ?? undefined}
      placeholder={t('teamRouting.members.noLimit')}
      disabled={disabled}
      aria-label={label}
      onBlur={(event) => commit(event.target.value)}
      onPressEnter={(event) => commit(event.currentTarget.value)}
      style={{ width: 96 }}
    />
  );
}

/** Who is in the team, whether they are at their desk, what they can do and how much they may take. */
export function TeamMembersTable({ members, canManage }: { members: RoutingMember[]; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updateAgent = useUpdateAgentRouting();

  const save = (member: RoutingMember, changes: AgentRoutingChanges) =>
    updateAgent.mutate(
      { userId: member.id, changes },
      {
        onSuccess: () => void message.success(t('teamRouting.members.saved', { name: member.name })),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  const columns: TableColumnsType<RoutingMember> = [
    {
      title: t('teamRouting.members.name'),
      key: 'name',
      render: (_value, member) => <PersonName person={member} />,
    },
    {
      title: t('teamRouting.members.role'),
      dataIndex: 'role',
      render: (role: RoutingMember['role']) => <RoleTag role={role} />,
    },
    {
      title: t('teamRouting.members.presence'),
      dataIndex: 'presence',
      render: (presence: RoutingMember['presence']) => <PresenceBadge presence={presence} />,
    },
    {
      title: t('teamRouting.members.skills'),
      dataIndex: 'skills',
      width: 260,
      render: (skills: string[], member) => (
        <Select
          mode="tags"
          size="small"
          value={skills}
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', '，', '、']}
          disabled={!canManage}
          placeholder={t('teamRouting.members.noSkills')}
          onChange={(next: string[]) =>
            save(member, { skills: next.map((skill) => skill.trim()).filter(Boolean) })
          }
          aria-label={t('teamRouting.members.skillsOf', { name: member.name })}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: t('teamRouting.members.maxOpenTickets'),
      dataIndex: 'maxOpenTickets',
      render: (value: number | null, member) => (
        <CapacityInput
          value={value}
          label={t('teamRouting.members.maxOpenTicketsOf', { name: member.name })}
          disabled={!canManage}
          onSave={(maxOpenTickets) => save(member, { maxOpenTickets })}
        />
      ),
    },
    {
      title: t('teamRouting.members.maxConcurrentChats'),
      dataIndex: 'maxConcurrentChats',
      render: (value: number | null, member) => (
        <CapacityInput
          value={value}
          label={t('teamRouting.members.maxConcurrentChatsOf', { name: member.name })}
          disabled={!canManage}
          onSave={(maxConcurrentChats) => save(member, { maxConcurrentChats })}
        />
      ),
    },
    {
      title: t('teamRouting.members.load'),
      key: 'load',
      align: 'right',
      render: (_value, member) => {
        const full = member.maxOpenTickets !== null && member.openTickets >= member.maxOpenTickets;
        return (
          <Typography.Text type={full ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {member.maxOpenTickets === null
              ? member.openTickets
              : `${member.openTickets} / ${member.maxOpenTickets}`}
            {member.openChats > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t('teamRouting.members.chats', { count: member.openChats })}
              </Typography.Text>
            )}
          </Typography.Text>
        );
      },
    },
  ];

  return (
    <Table<RoutingMember>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={members}
      pagination={false}
      locale={{ emptyText: t('teamRouting.members.empty') }}
      scroll={{ x: 'max-content' }}
      onRow={(member) =>
        ({
          'data-testid': 'team-member-row',
          'data-presence': member.presence,
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
