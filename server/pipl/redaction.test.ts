import { describe, expect, it } from 'vitest';
import {
  ERASED_TEXT,
  retentionCutoff,
  retentionMonthsOf,
  safeEntryName,
  scrubEventData,
  uniqueEntryName,
} from './redaction';

describe('retentionCutoff', () => {
  it.each([
    ['2026-08-15T10:30:00.000Z', 6, '2026-02-15T10:30:00.000Z'],
    ['2026-03-31T23:59:59.000Z', 1, '2026-02-28T23:59:59.000Z'],
    ['2028-03-31T00:00:00.000Z', 1, '2028-02-29T00:00:00.000Z'],
    ['2026-01-31T12:00:00.000Z', 2, '2025-11-30T12:00:00.000Z'],
    ['2026-05-20T00:00:00.000Z', 36, '2023-05-20T00:00:00.000Z'],
  ])('%s minus %i months is %s', (now, months, expected) => {
    expect(retentionCutoff(months, new Date(now)).toISOString()).toBe(expected);
  });

  it('reads only a positive whole number of months as switched on', () => {
    expect(retentionMonthsOf({ privacy: { retentionMonths: 24 } })).toBe(24);
    for (const months of [null, undefined, 0, -3, 1.5])
      expect(retentionMonthsOf({ privacy: { retentionMonths: months } })).toBeNull();
    expect(retentionMonthsOf(null)).toBeNull();
    expect(retentionMonthsOf({})).toBeNull();
  });
});

describe('scrubEventData', () => {
  it('replaces free text in field changes, keeping the shape of each value', () => {
    expect(scrubEventData('field_changed', { field: 'subject', from: '王丽 退货', to: '王丽 换货' })).toEqual(
      {
        field: 'subject',
        from: ERASED_TEXT,
        to: ERASED_TEXT,
      },
    );
    expect(
      scrubEventData('field_changed', { field: 'customFields', from: { 联系人: '王丽' }, to: null }),
    ).toEqual({ field: 'customFields', from: {}, to: null });
    expect(scrubEventData('field_changed', { field: 'orderNumbers', from: ['TB1'], to: ['TB2'] })).toEqual({
      field: 'orderNumbers',
      from: [],
      to: [],
    });
    expect(scrubEventData('field_changed', { field: 'description', from: '', to: '地址' })).toEqual({
      field: 'description',
      from: '',
      to: ERASED_TEXT,
    });
  });

  it('scrubs a field it does not know, and leaves ids, enums and other kinds alone', () => {
    expect(scrubEventData('field_changed', { field: 'futureNotes', from: 'x', to: 'y' })).not.toBeNull();
    expect(scrubEventData('field_changed', { field: 'priority', from: 'normal', to: 'urgent' })).toBeNull();
    expect(scrubEventData('status_changed', { from: 'new', to: 'open' })).toBeNull();
    expect(
      scrubEventData('field_changed', { field: 'subject', from: 'a', to: 'b' }, ['description']),
    ).toBeNull();
  });
});

describe('zip entry names', () => {
  it('keeps a file name to one safe segment and numbers duplicates', () => {
    expect(safeEntryName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeEntryName('..')).toBe('file');
    expect(safeEntryName('a\u0000b.png')).toBe('a_b.png');
    const taken = new Set<string>();
    expect(
      ['发票.png', '发票.png', '发票.png', 'README'].map((name) => uniqueEntryName(name, taken)),
    ).toEqual(['发票.png', '发票 (2).png', '发票 (3).png', 'README']);
  });
});
