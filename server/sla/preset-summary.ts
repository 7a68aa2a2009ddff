import type { SlaTarget } from '@shared/sla';
import type { ServicePreset } from './presets';

/** A preset as the chooser lists it: every target of its policies, in order; the app words them. */
export function presetSummary(preset: ServicePreset) {
  const targets: SlaTarget[] = preset.policies.flatMap((policy) => policy.targets);
  return {
    id: preset.id,
    name: preset.name,
    source: preset.source,
    description: preset.description,
    targets: targets.map((target) => ({
      metric: target.metric,
      amount: target.amount,
      unit: target.unit,
      time: target.time,
      ...(target.when && { when: target.when }),
    })),
  };
}
