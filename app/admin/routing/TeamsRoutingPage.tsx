import { useRoutingSettings, useRoutingTeams } from '@app/api/routing';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Button, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AssignmentDefaultsCard } from './AssignmentDefaultsCard';
import { TeamRoutingCard } from './TeamRoutingCard';

/** 团队与分配: the type → team mapping, then each team's strategy, skills and members' capacity and presence. */
export function TeamsRoutingPage() {
  const { t } = useTranslation();
  const can = useCan();
  const teams = useRoutingTeams();
  const settings = useRoutingSettings();
  const canManage = can('routing:manage');
  const failed = (teams.isError && !teams.data) || (settings.isError && !settings.data);

  return (
    <>
      <PageHeader
        title={t('teamRouting.title')}
        description={t('teamRouting.intro')}
        extra={
          can('departments:read') && (
            <Link to="/admin/departments">
              <Button>{t('teamRouting.departmentsLink')}</Button>
            </Link>
          )
        }
      />
      {failed ? (
        <LoadFailed
          error={teams.error ?? settings.error}
          onRetry={() => void Promise.all([teams.refetch(), settings.refetch()])}
        />
      ) : !teams.data || !settings.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <AssignmentDefaultsCard settings={settings.data} canManage={canManage} />
          {teams.data.length === 0 ? (
            <Empty description={t('teamRouting.empty')} />
          ) : (
            teams.data.map((team) => <TeamRoutingCard key={team.id} team={team} canManage={canManage} />)
          )}
        </>
      )}
    </>
  );
}
