import { contentTokens } from '@server/routing/duplicates/similarity';
import { indexTokens } from '@server/search/segmenter';
import { describe, expect, it } from 'vitest';
import { detectIncidents, incidentSignature, ticketSimilarity, type WordedTicket } from './cluster';

const ticket = (id: string, subject: string): WordedTicket => ({
  id,
  subject,
  words: contentTokens(indexTokens(subject)),
});
const OPENINGS = ['', '你好，', '急！', '客服在吗，', '刚才', '今天'];
const ENDINGS = ['', '，怎么回事', '！！', '，快点修复', '，急死了', '。'];
/** The same outage in the words of many customers. */
const outage = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    ticket(`outage-${i}`, `${OPENINGS[i % 6]}APP一打开就闪退，登录不了${ENDINGS[Math.floor(i / 6) % 6]}`),
  );
const settings = { threshold: 30, similarity: 0.5 };

describe('similar tickets', () => {
  it('share two words, or every word of the shorter one: one word in common is chance', () => {
    expect(ticketSimilarity(ticket('a', 'APP闪退').words, ticket('b', 'APP怎么下载').words)).toBe(0);
    expect(
      ticketSimilarity(ticket('a', 'APP闪退').words, ticket('b', '打开APP就闪退').words),
    ).toBeGreaterThan(0.5);
  });
});

describe('an incident signature', () => {
  it('holds the words at least half of the tickets use, the most used first', () => {
    const members = [
      ticket('1', 'APP闪退，登录不了'),
      ticket('2', 'APP闪退了，一直转圈'),
      ticket('3', '应用闪退无法登录'),
      ticket('4', 'APP 闪退'),
    ].map((t) => t.words);
    expect(incidentSignature(members)).toEqual(['闪退', 'app', '登录']);
  });
});

describe('detecting an incident', () => {
  it('opens none for 29 similar tickets and one for the 30th, linking all 30 and no dissimilar one', () => {
    const tickets = outage(30);
    const unrelated = ticket('returns', '衣服尺码不合适想退货');
    const before = detectIncidents({
      tickets: tickets.slice(28, 29),
      openIncidents: [],
      recent: [...tickets.slice(0, 28), unrelated],
      ...settings,
    });
    expect(before.opened).toEqual([]);

    const after = detectIncidents({
      tickets: tickets.slice(29),
      openIncidents: [],
      recent: [...tickets.slice(0, 29), unrelated],
      ...settings,
    });
    expect(after.opened).toHaveLength(1);
    const [opened] = after.opened;
    expect(opened?.ticketIds.sort()).toEqual(tickets.map((t) => t.id).sort());
    expect(opened?.signature).toEqual(expect.arrayContaining(['app', '闪退', '登录']));
    expect(opened?.title).toContain('闪退');
    expect(after.links.has('returns')).toBe(false);
  });

  it('links a new ticket to the open incident whose signature it covers, and leaves the others', () => {
    const detection = detectIncidents({
      tickets: [ticket('new', '登录的时候APP闪退'), ticket('other', '发票抬头写错了')],
      openIncidents: [{ id: 'incident-1', signature: new Set(['app', '闪退', '登录']) }],
      recent: [],
      ...settings,
    });
    expect([...detection.links]).toEqual([['new', 'incident-1']]);
    expect(detection.opened).toEqual([]);
  });

  it('links the rest of a batch to the incident its first tickets opened', () => {
    const tickets = outage(32);
    const detection = detectIncidents({ tickets, openIncidents: [], recent: [], ...settings });
    expect(detection.opened).toHaveLength(1);
    expect(new Set(detection.links.values())).toEqual(new Set(['opened:0']));
    expect(detection.links.size).toBe(32);
  });
});
