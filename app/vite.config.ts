import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRepo = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: fromRepo('app'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@shared\//, replacement: `${fromRepo('shared')}/` },
      { find: /^@app\//, replacement: `${fromRepo('app')}/` },
      // Only `import type` reaches server code from the app; the alias keeps editors and the bundler in step.
      { find: /^@server\//, replacement: `${fromRepo('server')}/` },
    ],
  },
  server: {
    port: 5173,
    // ws: the live connection (/api/v1/realtime) is a WebSocket upgrade and must be passed through too.
    proxy: { '/api': { target: apiServer, ws: true }, '/healthz': apiServer, '/readyz': apiServer },
  },
  build: {
    outDir: fromRepo('dist/app'),
    emptyOutDir: true,
    // The server's CSP allows only same-origin scripts; no sourcemaps keeps `npm start` quick on small machines.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Splitting antd by size cuts through its internal import cycles; this keeps module bodies running in
        // source order across the pieces (without it a piece can read another's exports before they exist).
        strictExecutionOrder: true,
        codeSplitting: {
          // Vendor code changes far less often than ours, so it gets long-lived chunks of its own.
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 4,
            },
            { name: 'icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 3 },
            {
              name: 'antd',
              // Scripts only: antd's reset.css is a stylesheet and belongs with the page's CSS, not in a JS chunk.
              test: /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|stylis|dayjs)[\\/].*\.m?js$/,
              priority: 2,
              // In one piece antd would be an 850 kB chunk. maxSize counts source bytes before minification:
              // this yields pieces of at most ~300 kB minified, which the browser fetches in parallel.
              maxSize: 1000 * 1024,
            },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
});
