import fs from 'node:fs/promises';
import path from 'node:path';
import type { Api } from '@server/http/api';
import { HttpProblem } from '@server/http/problem';

export const WIDGET_BUNDLE = 'kefu-widget.js';

/**
 * `GET /widget.js`: the chat widget bundle that customers' sites embed. Cross-origin by nature, so it opts out of
 * helmet's same-origin resource policy; cached for five minutes only, so a rebuilt widget reaches sites quickly.
 * Read per request: a widget built after the server started is served without a restart.
 */
export function registerWidgetAssetRoutes(app: Api, { dir }: { dir: string }): void {
  app.get('/widget.js', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    let bundle: Buffer;
    try {
      bundle = await fs.readFile(path.join(dir, WIDGET_BUNDLE));
    } catch {
      throw new HttpProblem(404, 'widget_not_built', 'The chat widget has not been built; run npm run build');
    }
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(bundle);
  });
}
