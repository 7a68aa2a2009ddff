/** E-mail addresses, including QQ mail (the QQ number is part of the address) and Chinese domain names. */
import { matchesOf } from './context';
import type { PiiLocation } from './pii-kinds';

// The local part is ASCII: allowing Chinese there would swallow the words before it (联系我zhang@qq.com).
// Domain labels may be Chinese (张三@公司.中国 exists, if rarely); the top-level domain is Latin letters or one of
// the Chinese ones in use, so that the address stops where the sentence resumes (abc@qq.com谢谢).
const DOMAIN_LABEL =
  '[A-Za-z0-9\\u4e00-\\u9fff](?:[A-Za-z0-9\\u4e00-\\u9fff-]{0,61}[A-Za-z0-9\\u4e00-\\u9fff])?';
const EMAIL = new RegExp(
  `(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:${DOMAIN_LABEL}\\.)+(?<topLevel>[A-Za-z]{2,24}(?![A-Za-z0-9])|中国|中國|公司|网络)`,
  'g',
);

// logo@2x.png is an image name, not an address.
const FILE_EXTENSION =
  /^(?:png|jpe?g|gif|webp|svg|bmp|heic|pdf|docx?|xlsx?|pptx?|zip|rar|txt|csv|mp[34]|mov|avi)$/i;

export function findEmails(text: string): PiiLocation[] {
  const found: PiiLocation[] = [];
  for (const match of matchesOf(EMAIL, text)) {
    if (FILE_EXTENSION.test(match.groups?.topLevel ?? '')) continue;
    found.push({ kind: 'email', start: match.index, end: match.index + match[0].length });
  }
  return found;
}
