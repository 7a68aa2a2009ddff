import type { Identity } from '@server/customers/service';

export type ImportField =
  | 'name'
  | 'nickname'
  | 'phone'
  | 'email'
  | 'company'
  | 'tags'
  | 'notes'
  | 'channel'
  | 'external_id';

/** Header names as Chinese teams and English exports write them. */
const HEADER_ALIASES: Record<string, ImportField> = {
  姓名: 'name',
  名称: 'name',
  客户名称: 'name',
  name: 'name',
  昵称: 'nickname',
  nickname: 'nickname',
  手机: 'phone',
  手机号: 'phone',
  电话: 'phone',
  联系电话: 'phone',
  phone: 'phone',
  mobile: 'phone',
  邮箱: 'email',
  电子邮箱: 'email',
  email: 'email',
  公司: 'company',
  company: 'company',
  标签: 'tags',
  tags: 'tags',
  备注: 'notes',
  notes: 'notes',
  渠道: 'channel',
  channel: 'channel',
  渠道id: 'external_id',
  外部id: 'external_id',
  external_id: 'external_id',
  externalid: 'external_id',
};

/** Stable reasons a row was not imported; the app shows them in the user's language. */
export type RowErrorCode =
  | 'invalid_email'
  | 'invalid_phone'
  | 'channel_without_id'
  | 'name_too_long'
  | 'tag_too_long'
  | 'empty_row'
  | 'identity_taken'
  | 'row_failed';

export interface RowError {
  row: number;
  field: string;
  code: RowErrorCode;
  message: string;
}

export interface ImportRow {
  line: number;
  name: string;
  nickname: string;
  phone: string | null;
  email: string | null;
  company: string;
  tags: string[];
  notes: string;
  identity: Identity | null;
}

/** Maps header cells to fields; unknown columns are reported, a file without any known column is refused. */
export function mapHeader(cells: string[]): { columns: (ImportField | null)[]; unknown: string[] } {
  const columns = cells.map((cell) => HEADER_ALIASES[cell.trim().toLowerCase().replace(/\s+/g, '')] ?? null);
  const unknown = cells
    .filter((_, index) => columns[index] === null)
    .map((cell) => cell.trim())
    .filter(Boolean);
  return { columns, unknown };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s-]{6,20}$/;

/** Validates one data row; either a clean row or the list of what is wrong with it, by field. */
export function readRow(
  line: number,
  cells: string[],
  columns: (ImportField | null)[],
): ImportRow | RowError[] {
  const value = (field: ImportField) => {
    const index = columns.indexOf(field);
    return index >= 0 ? (cells[index] ?? '').trim() : '';
  };
  const errors: RowError[] = [];
  const email = value('email').toLowerCase();
  const phone = value('phone');
  const channel = value('channel');
  const externalId = value('external_id');
  if (email && !EMAIL.test(email))
    errors.push({ row: line, field: 'email', code: 'invalid_email', message: 'Not an e-mail address' });
  if (phone && !PHONE.test(phone))
    errors.push({ row: line, field: 'phone', code: 'invalid_phone', message: 'Not a phone number' });
  if (Boolean(channel) !== Boolean(externalId)) {
    errors.push({
      row: line,
      field: channel ? 'external_id' : 'channel',
      code: 'channel_without_id',
      message: 'Channel and channel id go together',
    });
  }
  if (value('name').length > 100)
    errors.push({ row: line, field: 'name', code: 'name_too_long', message: 'At most 100 characters' });
  const tags = value('tags')
    .split(/[|、;；]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (tags.some((tag) => tag.length > 30))
    errors.push({
      row: line,
      field: 'tags',
      code: 'tag_too_long',
      message: 'Tags have at most 30 characters',
    });
  if (!value('name') && !value('nickname') && !phone && !email && !externalId) {
    errors.push({
      row: line,
      field: 'name',
      code: 'empty_row',
      message: 'A row needs a name, nickname, phone, e-mail or channel id',
    });
  }
  if (errors.length) return errors;
  return {
    line,
    name: value('name'),
    nickname: value('nickname'),
    phone: phone || null,
    email: email || null,
    company: value('company'),
    tags,
    notes: value('notes'),
    identity: channel ? { channel, externalId } : null,
  };
}
