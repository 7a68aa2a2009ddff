/**
 * From the model's label posteriors to a suggestion the workspace can use: only types its taxonomy still has
 * (types get renamed and removed after the model learnt them), the type's confidence being the sum of its labels
 * (complaint/attitude 0.4 + complaint/outcome 0.35 is a 0.75-sure complaint), and a sub-type only when it holds
 * most of its type's share.
 */
import type { TypeSuggestion } from '@shared/routing';
import type { TicketType } from '@shared/taxonomy';
import type { LabelPosterior } from './naive-bayes';

/** The best sub-type is named only with more than this share of its type's posterior; else it is a guess. */
const SUBTYPE_SHARE = 0.5;

/** What a stored label means in this taxonomy: its type, and its sub-type if the taxonomy still has it. */
export function resolveLabel(
  label: string,
  types: readonly TicketType[],
): { type: string; subtype: string | null } | null {
  const slash = label.indexOf('/');
  const typeKey = slash === -1 ? label : label.slice(0, slash);
  const type = types.find((candidate) => candidate.key === typeKey);
  if (!type) return null;
  const subtypeKey = slash === -1 ? null : label.slice(slash + 1);
  const known = subtypeKey !== null && type.subtypes.some((subtype) => subtype.key === subtypeKey);
  return { type: type.key, subtype: known ? subtypeKey : null };
}

export function suggestionFromPosteriors(
  posteriors: readonly LabelPosterior[],
  types: readonly TicketType[],
): TypeSuggestion | null {
  const byType = new Map<string, { posterior: number; subtypes: Map<string | null, number> }>();
  for (const { label, posterior } of posteriors) {
    const resolved = resolveLabel(label, types);
    if (!resolved) continue;
    const entry = byType.get(resolved.type) ?? { posterior: 0, subtypes: new Map() };
    entry.posterior += posterior;
    entry.subtypes.set(resolved.subtype, (entry.subtypes.get(resolved.subtype) ?? 0) + posterior);
    byType.set(resolved.type, entry);
  }
  const total = [...byType.values()].reduce((sum, entry) => sum + entry.posterior, 0);
  const ranked = [...byType].sort((a, b) => b[1].posterior - a[1].posterior);
  const [best] = ranked;
  if (!best || total <= 0) return null;
  const [type, { posterior, subtypes }] = best;
  const [subtype, share] = [...subtypes].sort((a, b) => b[1] - a[1])[0] as [string | null, number];
  return {
    type,
    subtype: subtype !== null && share / posterior > SUBTYPE_SHARE ? subtype : null,
    // Renormalised: the labels of types the taxonomy dropped no longer compete.
    confidence: posterior / total,
    source: 'classifier',
    accepted: null,
  };
}
