import { defineConfig } from 'vitest/config';
import { aliases } from '../vitest.config.ts';

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    root: '.',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
