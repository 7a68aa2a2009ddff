import { useWebChatSettings } from '@app/api/web-chat';
import { FullPageSpinner } from '@app/components/FullPageSpinner';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Col, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmbedCard } from './EmbedCard';
import { IdentitySecretCard } from './IdentitySecretCard';
import { WebChatSettingsForm } from './WebChatSettingsForm';

/** 网页聊天: the widget's texts, pre-chat form, rating scale, business hours and limits; how to embed it. */
export function WebChatSettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useWebChatSettings();
  const editable = can('channels:manage');

  return (
    <>
      <PageHeader title={t('webChat.title')} description={t('webChat.intro')} />
      {settings.isError && !settings.data ? (
        <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <FullPageSpinner />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <WebChatSettingsForm settings={settings.data} editable={editable} />
          </Col>
          <Col xs={24} xl={10}>
            <Flex vertical gap={16}>
              <EmbedCard settings={settings.data} />
              <IdentitySecretCard settings={settings.data} editable={editable} />
            </Flex>
          </Col>
        </Row>
      )}
    </>
  );
}
