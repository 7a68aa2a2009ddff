import { PageHeader } from '@app/components/PageHeader';
import { Col, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallerHistory } from './CallerHistory';
import { CallLogForm } from './CallLogForm';
import { CallMetricsCards } from './CallMetricsCard';
import { useCallerLookup } from './use-caller-lookup';

/** 来电登记: the calls an agent takes without a CTI, logged with the caller's history on screen. */
export function CallLogPage() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const lookup = useCallerLookup(phone);

  return (
    <>
      <PageHeader title={t('calls.title')} description={t('calls.intro')} />
      <CallMetricsCards />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <CallLogForm caller={lookup.caller} onPhoneChange={setPhone} />
        </Col>
        <Col xs={24} lg={10}>
          <CallerHistory typed={lookup.typed} caller={lookup.caller} loading={lookup.loading} />
        </Col>
      </Row>
    </>
  );
}
