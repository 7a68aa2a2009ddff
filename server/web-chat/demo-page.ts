/**
 * `/widget-demo`: a sample shop page with the chat widget embedded exactly as a customer's site would embed it, to
 * try the widget (and show it to a team) without a site of one's own. `?key=` picks the workspace's widget; without
 * it, the workspace whose web chat was set up first.
 */
import type { Api, RouteDeps } from '@server/http/api';
import { HttpProblem } from '@server/http/problem';
import { z } from 'zod';
import { ensureWebChat } from './settings';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const PAGES: Record<string, { title: string; body: string }> = {
  '': {
    title: '智能手表 X2 — 示例商城',
    body: '<h1>智能手表 X2</h1><p>¥1,299 · 心率血氧监测 · 14 天续航</p><p><a href="/widget-demo/order">查看我的订单</a></p>',
  },
  order: {
    title: '我的订单 — 示例商城',
    body: '<h1>我的订单</h1><p>订单 DD20261201001 · 智能手表 X2 · 待发货</p><p><a href="/widget-demo">返回商品页</a></p>',
  },
};

export function registerWidgetDemoPage(app: Api, deps: RouteDeps): void {
  app.get(
    '/widget-demo/:page?',
    {
      schema: {
        hide: true,
        params: z.object({ page: z.string().optional() }),
        querystring: z.object({ key: z.string().max(100).optional() }),
      },
    },
    async (request, reply) => {
      const page = PAGES[request.params.page ?? ''];
      if (!page) throw new HttpProblem(404, 'not_found', 'No such demo page');
      let key = request.query.key;
      if (!key) {
        // The workspace whose web chat was set up first (the demo's on `npm start`), else the first workspace.
        const configured = await deps.db
          .selectFrom('web_chat_settings')
          .select('widget_key')
          .orderBy('created_at')
          .limit(1)
          .executeTakeFirst();
        const workspace = configured
          ? null
          : await deps.db
              .selectFrom('workspaces')
              .select('id')
              .orderBy('created_at')
              .limit(1)
              .executeTakeFirst();
        if (!configured && !workspace)
          throw new HttpProblem(404, 'not_found', 'No workspace yet: finish the setup first');
        key = configured?.widget_key ?? (await ensureWebChat(deps.db, workspace?.id as string)).widget_key;
      }
      const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 720px; margin: 40px auto; padding: 0 16px">
<p style="color:#888">示例商城 · 网页聊天预览（这不是真实商店）</p>
${page.body}
<script src="/widget.js" data-key="${escapeHtml(key)}" async></script>
</body></html>`;
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html);
    },
  );
}
