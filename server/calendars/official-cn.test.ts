import { describe, expect, it } from 'vitest';
import { effectiveDays, OFFICIAL_YEARS, officialChineseDays } from './official-cn';

describe('the official Chinese holidays', () => {
  it('has the State Council’s 2026: 33 days off and 6 make-up workdays', () => {
    const days = officialChineseDays(2026);
    expect(days.filter((day) => day.kind === 'holiday')).toHaveLength(33);
    expect(days.filter((day) => day.kind === 'workday').map((day) => day.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    const named = Object.fromEntries(days.map((day) => [day.date, day.name]));
    expect(named['2026-10-01']).toBe('国庆节');
    expect(named['2026-09-25']).toBe('中秋节');
    expect(named['2026-02-17']).toBe('春节');
    expect(named['2026-10-10']).toBe('国庆节 调休上班');
  });

  it('covers 2025 and lists the years it knows', () => {
    expect(OFFICIAL_YEARS).toContain(2025);
    expect(OFFICIAL_YEARS).toContain(2026);
    expect([...OFFICIAL_YEARS]).toEqual([...OFFICIAL_YEARS].sort((a, b) => a - b));
    const days2025 = officialChineseDays(2025);
    expect(days2025.find((day) => day.date === '2025-01-26')).toMatchObject({ kind: 'workday' });
    expect(days2025.find((day) => day.date === '2025-10-06')).toMatchObject({
      kind: 'holiday',
      name: '中秋节',
    });
    expect(officialChineseDays(1999)).toEqual([]);
  });

  it('merges a calendar’s own days over the official ones, date by date', () => {
    const merged = effectiveDays(true, [
      { date: '2026-10-10', kind: 'holiday', name: '店庆' },
      { date: '2026-11-11', kind: 'workday', name: '双十一' },
    ]);
    const byDate = new Map(merged.map((day) => [day.date, day]));
    expect(byDate.get('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'holiday', name: '店庆' });
    expect(byDate.get('2026-11-11')?.kind).toBe('workday');
    expect(byDate.get('2026-10-01')?.name).toBe('国庆节');
    expect(merged.map((day) => day.date)).toEqual(merged.map((day) => day.date).sort());
    expect(effectiveDays(false, [{ date: '2026-11-11', kind: 'workday' }])).toEqual([
      { date: '2026-11-11', kind: 'workday' },
    ]);
  });
});
