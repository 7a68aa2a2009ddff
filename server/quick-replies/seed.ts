import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';

/** Replies a web-shop desk (seed 002) uses all day; the demo workspace starts with them. */
const DEMO_QUICK_REPLIES: { title: string; body: string; shortcut: string }[] = [
  { title: '问候', body: '您好，请问有什么可以帮您？', shortcut: 'hi' },
  { title: '查询订单', body: '请提供订单号，我帮您查询。', shortcut: 'order' },
  { title: '稍等', body: '好的，请您稍等，我马上为您核实。', shortcut: 'wait' },
  {
    title: '物流',
    body: '您的包裹正在运输中，物流信息一般会在 24 小时内更新，请您耐心等待。',
    shortcut: 'ship',
  },
  {
    title: '退换货',
    body: '商品签收 7 天内支持无理由退换货，请在订单详情页点击“申请售后”提交。',
    shortcut: 'return',
  },
  { title: '结束语', body: '感谢您的咨询，祝您生活愉快！如还有问题，欢迎随时联系我们。', shortcut: 'bye' },
];

/** Gives a workspace the demo quick replies, unless it already has some. */
export async function seedQuickReplies(db: Kysely<Database>, workspaceId: string): Promise<void> {
  const existing = await db
    .selectFrom('quick_replies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('quick_replies')
    .values(DEMO_QUICK_REPLIES.map((reply, position) => ({ workspace_id: workspaceId, ...reply, position })))
    .execute();
}
