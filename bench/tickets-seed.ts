import type { Database } from '@server/db/schema';
import { indexTokens } from '@server/search/segmenter';
import { type Kysely, sql } from 'kysely';

/** What customers write, pre-segmented once in JS; the SQL generator picks them by row number. */
const PHRASES = [
  '申请退货，衣服尺码不合适',
  'APP一打开就闪退',
  '快递三天没有更新物流',
  '收到的商品破损了',
  '包裹少件，只收到一件',
  '退款什么时候到账',
  '修改收货地址',
  '优惠券用不了',
  '发票怎么开',
  '扫地机器人不充电',
  '重复扣款了请处理',
  '小程序无法登录',
  '客服态度太差我要投诉',
  '建议增加夜间配送',
  '会员积分没有到账',
  '七天无理由退货流程',
  '手机黑屏开不了机',
  '订单显示已签收但没收到',
  '换货进度怎么样了',
  '价格保护申请',
  'The parcel arrived damaged',
  'Refund not received yet',
  '想咨询一下新品的功能',
  '上门维修什么时候来',
  '运费险理赔进度',
];

export const BENCH_PHRASES = PHRASES;

/**
 * Seeds tickets and messages straight in SQL (generate_series) so that a million rows take minutes, not hours.
 * Ticket shape follows a real desk: most tickets closed, a tenth open, a few agents, order numbers on a third.
 */
export async function seedTicketsAtScale(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    tickets: number;
    messagesPerTicket: number;
    agentIds: string[];
    teamIds: string[];
    offset: number;
  },
): Promise<void> {
  const phrases = PHRASES.map((text) => ({ text, tokens: indexTokens(text).join(' ') }));
  await sql`CREATE TEMP TABLE IF NOT EXISTS bench_phrases (n int PRIMARY KEY, text text, tokens text)`.execute(
    db,
  );
  await sql`TRUNCATE bench_phrases`.execute(db);
  await db
    .insertInto('bench_phrases' as never)
    .values(phrases.map((p, n) => ({ n, ...p })) as never)
    .execute();
  const phraseCount = phrases.length;
  const agents = sql.val(options.agentIds);
  const teams = sql.val(options.teamIds);
  await sql`
    INSERT INTO tickets (workspace_id, number, subject, description, channel, priority, status, assignee_id, team_id,
                         order_numbers, search_tokens, received_at, last_activity_at, created_at, updated_at)
    SELECT ${options.workspaceId}::uuid,
           -- Date + serial as Kefu numbers them: one ticket a minute, so the minute of the day is a unique serial.
           to_char(now() - make_interval(mins => g), 'YYYYMMDD') || lpad((g % 1440 + 1)::text, 4, '0'),
           p.text, p.text,
           -- Independent pseudo-random attributes (hashes of g), so that filters combine as in real data.
           (ARRAY['web_chat','email','phone','wechat','taobao','jd'])[1 + abs(hashint4(g)) % 6],
           (ARRAY['urgent','important','normal','normal','normal'])[1 + abs(hashint4(g + 1)) % 5],
           CASE WHEN abs(hashint4(g + 2)) % 10 = 0
                THEN (ARRAY['new','open','pending_customer','pending_internal','resolved'])[1 + abs(hashint4(g + 3)) % 5]
                ELSE 'closed' END,
           CASE WHEN abs(hashint4(g + 4)) % 7 = 0 THEN NULL
                ELSE (${agents}::uuid[])[1 + abs(hashint4(g + 5)) % cardinality(${agents}::uuid[])] END,
           (${teams}::uuid[])[1 + abs(hashint4(g + 6)) % cardinality(${teams}::uuid[])],
           CASE WHEN g % 3 = 0 THEN ARRAY[(3700000000000000000 + g + ${options.offset})::text] ELSE '{}' END,
           -- The ticket's document holds its own words and those of its messages (phrases g+7m, see below).
           p.tokens || ' ' || (SELECT string_agg(mp.tokens, ' ') FROM generate_series(1, ${options.messagesPerTicket}) m
                               JOIN bench_phrases mp ON mp.n = (g + 7 * m) % ${phraseCount}),
           now() - make_interval(mins => g), now() - make_interval(mins => g), now() - make_interval(mins => g), now()
    FROM generate_series(1, ${options.tickets}) g
    JOIN bench_phrases p ON p.n = g % ${phraseCount}`.execute(db);
  await sql`
    INSERT INTO ticket_messages (workspace_id, ticket_id, direction, channel, body, delivery_status, created_at)
    SELECT t.workspace_id, t.id, CASE WHEN m % 2 = 1 THEN 'inbound' ELSE 'outbound' END, t.channel, p.text,
           CASE WHEN m % 2 = 1 THEN 'received' ELSE 'sent' END, t.created_at + make_interval(mins => m)
    FROM tickets t
    CROSS JOIN generate_series(1, ${options.messagesPerTicket}) m
    JOIN bench_phrases subject ON subject.text = t.subject
    JOIN bench_phrases p ON p.n = (subject.n + 7 * m) % ${phraseCount}
    WHERE t.workspace_id = ${options.workspaceId}`.execute(db);
}
