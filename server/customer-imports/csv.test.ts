import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { mapHeader, readRow } from './rows';

describe('CSV as spreadsheets write it', () => {
  it('reads quotes, doubled quotes, CRLF, a BOM and line breaks inside quotes, with line numbers', () => {
    const text = '\ufeff姓名,备注\r\n王丽,"说""你好"""\r\n"李强","两行\n备注"\r\n\r\n张伟,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['姓名', '备注'] },
      { line: 2, cells: ['王丽', '说"你好"'] },
      { line: 3, cells: ['李强', '两行\n备注'] },
      { line: 6, cells: ['张伟', ''] },
    ]);
  });

  it('maps Chinese and English headers and reports unknown columns', () => {
    expect(mapHeader(['姓名', 'Email', '手机号', '会员等级'])).toEqual({
      columns: ['name', 'email', 'phone', null],
      unknown: ['会员等级'],
    });
  });

  it('says what is wrong with a row, field by field', () => {
    const { columns } = mapHeader(['姓名', '邮箱', '手机', '渠道', '渠道ID']);
    expect(readRow(4, ['王丽', 'not-mail', '12', 'wechat', ''], columns)).toEqual([
      { row: 4, field: 'email', code: 'invalid_email', message: 'Not an e-mail address' },
      { row: 4, field: 'phone', code: 'invalid_phone', message: 'Not a phone number' },
      {
        row: 4,
        field: 'external_id',
        code: 'channel_without_id',
        message: 'Channel and channel id go together',
      },
    ]);
    expect(
      readRow(5, ['王丽', 'Wang@Example.test', '138 1234 5678', 'wechat', 'o_abc'], columns),
    ).toMatchObject({
      email: 'wang@example.test',
      phone: '138 1234 5678',
      identity: { channel: 'wechat', externalId: 'o_abc' },
    });
  });
});
