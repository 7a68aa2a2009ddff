import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import { registerProblemHandlers } from '@server/http/problem';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWidgetAssetRoutes, WIDGET_BUNDLE } from './widget-asset-routes';

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** The route on its own, behind helmet as in the real app (whose default resource policy is same-origin). */
async function appServingWidgetFrom(dir: string) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  apps.push(app);
  registerProblemHandlers(app);
  await app.register(fastifyHelmet);
  registerWidgetAssetRoutes(app, { dir });
  await app.ready();
  return app;
}

const emptyDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-widget-'));

describe('GET /widget.js', () => {
  it('serves the built widget to other sites as JavaScript with a short cache', async () => {
    const dir = emptyDir();
    fs.writeFileSync(path.join(dir, WIDGET_BUNDLE), '(function(){window.KefuWidget={}})();');
    const app = await appServingWidgetFrom(dir);

    const response = await app.inject('/widget.js');

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('(function(){window.KefuWidget={}})();');
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['cache-control']).toContain('max-age=300');
  });

  it('answers 404 problem+json when the widget has not been built', async () => {
    const app = await appServingWidgetFrom(emptyDir());

    const response = await app.inject('/widget.js');

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'widget_not_built' });
  });
});
