import path from 'node:path';
import { defineConfig } from 'vitest/config';

export const aliases = [
  { find: /^@server\//, replacement: `${path.resolve('server')}/` },
  { find: /^@shared\//, replacement: `${path.resolve('shared')}/` },
  { find: /^@app\//, replacement: `${path.resolve('app')}/` },
];

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'widget/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    setupFiles: ['server/test/setup-file.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
