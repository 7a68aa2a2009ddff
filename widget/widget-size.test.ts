import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { widgetBuildConfig } from './vite.config';

/** The same budget scripts/widget-size.mjs enforces on `npm run build`. */
const LIMIT_BYTES = 40 * 1024;

describe('the widget bundle', () => {
  it('builds into one self-contained script within 40 kB gzipped', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-widget-build-'));
    await build({ ...widgetBuildConfig(outDir), logLevel: 'silent' });

    expect(fs.readdirSync(outDir)).toEqual(['kefu-widget.js']);
    const bundle = fs.readFileSync(path.join(outDir, 'kefu-widget.js'));
    // Customers' pages get exactly one global and no module syntax.
    expect(bundle.toString()).toMatch(/^\(function\(\)\{/);
    expect(bundle.toString()).not.toMatch(/^var |\bimport\s*\(|\bexport\s/m);
    expect(gzipSync(bundle, { level: 9 }).length).toBeLessThanOrEqual(LIMIT_BYTES);
  });
});
