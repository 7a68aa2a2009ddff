import type { SlaClockState } from '@shared/sla';
import { Tag } from 'antd';
import { SLA_STATE_COLORS, useSlaLabels } from './sla-labels';

export function SlaStateTag({ state }: { state: SlaClockState }) {
  const labels = useSlaLabels();
  return <Tag color={SLA_STATE_COLORS[state]}>{labels.state(state)}</Tag>;
}
