import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig } from 'vite';

const fromRepo = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/**
 * The embeddable chat widget: one self-contained, minified IIFE (its CSS is a string inside the bundle) that
 * customers' sites load with a <script> tag. The size test builds the same config into a temporary directory.
 */
export function widgetBuildConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: fromRepo('widget'),
    resolve: { alias: [{ find: /^@shared\//, replacement: `${fromRepo('shared')}/` }] },
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      // Customers' visitors use all sorts of browsers; ES2020 (?. and ??) covers the in-app browsers of 2020-era phones.
      target: 'es2020',
      sourcemap: false,
      minify: true,
      copyPublicDir: false,
      lib: {
        entry: fromRepo('widget/src/main.ts'),
        formats: ['iife'],
        name: 'KefuWidgetBundle',
        fileName: () => 'kefu-widget.js',
      },
    },
  };
}

export default defineConfig(widgetBuildConfig(fromRepo('dist/widget')));
