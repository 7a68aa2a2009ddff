import { type RoutingTeam, type TeamRoutingChanges, useUpdateTeamRouting } from '@app/api/routing';
import { problemMessage } from '@app/i18n/problem-message';
import { ROUTING_STRATEGIES } from '@shared/routing';
import { App, Card, Flex, Segmented, Select, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TeamMembersTable } from './TeamMembersTable';

/** One team: how it hands out tickets, who may get them, and its members' presence, skills and load. */
export function TeamRoutingCard({ team, canManage }: { team: RoutingTeam; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updateTeam = useUpdateTeamRouting();
  const online = team.members.filter((member) => member.presence === 'online').length;

  const save = (changes: TeamRoutingChanges) =>
    updateTeam.mutate(
      { teamId: team.id, changes },
      {
        onSuccess: () => void message.success(t('teamRouting.team.saved', { name: team.name })),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="baseline">
          <span>{team.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('teamRouting.team.online', { online, total: team.members.length })}
          </Typography.Text>
        </Flex>
      }
      style={{ marginBottom: 16 }}
      data-testid="team-routing-card"
      data-team={team.name}
    >
      <Flex gap={24} wrap align="start" style={{ marginBottom: 12 }}>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('teamRouting.team.strategy')}
          </Typography.Text>
          <Segmented
            value={team.strategy}
            disabled={!canManage}
            options={ROUTING_STRATEGIES.map((strategy) => ({
              value: strategy,
              label: (
                <Tooltip title={t(`teamRouting.strategyHelp.${strategy}`)}>
                  <span>{t(`teamRouting.strategy.${strategy}`)}</span>
                </Tooltip>
              ),
            }))}
            onChange={(strategy) => save({ strategy })}
          />
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('teamRouting.team.sticky')}
          </Typography.Text>
          <Tooltip title={t('teamRouting.team.stickyHelp')}>
            <Switch
              checked={team.stickyOwner}
              disabled={!canManage}
              onChange={(stickyOwner) => save({ stickyOwner })}
              aria-label={t('teamRouting.team.sticky')}
              style={{ alignSelf: 'start' }}
            />
          </Tooltip>
        </Flex>
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 240 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('teamRouting.team.requiredSkills')}
          </Typography.Text>
          <Select
            mode="tags"
            value={team.requiredSkills}
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、']}
            disabled={!canManage}
            placeholder={t('teamRouting.team.noRequiredSkills')}
            onChange={(skills: string[]) =>
              save({ requiredSkills: skills.map((skill) => skill.trim()).filter(Boolean) })
            }
            aria-label={t('teamRouting.team.requiredSkills')}
          />
        </Flex>
      </Flex>
      <TeamMembersTable members={team.members} canManage={canManage} />
    </Card>
  );
}
