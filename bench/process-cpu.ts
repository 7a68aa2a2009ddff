import fs from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) used so far by each process, from /proc (Linux). */
export function cpuSecondsByProcess(): Map<number, { name: string; seconds: number }> {
  const result = new Map<number, { name: string; seconds: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      result.set(Number(entry), { name, seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return result;
}

/** CPU used between two samples, summed into the groups `groupOf` names (others ignored). */
export function cpuUsedBetween(
  before: Map<number, { name: string; seconds: number }>,
  after: Map<number, { name: string; seconds: number }>,
  groupOf: (pid: number, name: string) => string | null,
): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [pid, sample] of after) {
    const group = groupOf(pid, sample.name);
    if (!group) continue;
    used[group] = (used[group] ?? 0) + sample.seconds - (before.get(pid)?.seconds ?? 0);
  }
  return used;
}
