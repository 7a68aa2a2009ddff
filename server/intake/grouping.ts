/**
 * Lock order for keys: plain UTF-16 code-unit order. Any fixed order keeps two committers from deadlocking;
 * `localeCompare` asked a collator on every comparison, 2 % of intake's CPU when sorting each group's keys.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Items grouped by workspace, workspaces in id order: counters and streams are locked in that order everywhere. */
export function byWorkspace<T>(items: readonly T[], workspaceOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const workspaceId = workspaceOf(item);
    const group = groups.get(workspaceId);
    if (group) group.push(item);
    else groups.set(workspaceId, [item]);
  }
  return [...groups].sort(([a], [b]) => byCodeUnits(a, b));
}
