/** The columns the import understands, in the order the template lists them (Chinese, as the seeds write). */
const TEMPLATE_HEADER = ['姓名', '昵称', '手机', '邮箱', '公司', '标签', '备注', '渠道', '渠道ID'];

/** Saves an empty template; the BOM makes Excel open the Chinese header as UTF-8 instead of garbling it. */
export function downloadCsvTemplate(): void {
  const blob = new Blob([`\ufeff${TEMPLATE_HEADER.join(',')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'kefu-customers-template.csv';
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * A CSV file's text. Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK rather than UTF-8; such a file is
 * not valid UTF-8, so it is read as GB18030 (a superset of GBK) and sent on as UTF-8 like any other.
 */
export async function readCsvFile(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
