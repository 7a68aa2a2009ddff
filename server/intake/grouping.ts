/** Items grouped by workspace, workspaces in id order: counters and streams are locked in that order everywhere. */
export function byWorkspace<T>(items: readonly T[], workspaceOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const workspaceId = workspaceOf(item);
    const group = groups.get(workspaceId);
    if (group) group.push(item);
    else groups.set(workspaceId, [item]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}
