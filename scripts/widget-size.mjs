// Runs after `npm run build`: prints the chat widget's size, and fails the build when it outgrows its budget —
// the widget loads on customers' own pages, where every kilobyte is paid by their visitors.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_BYTES = 40 * 1024;
const root = path.resolve(import.meta.dirname, '..');
const bundle = path.join('dist', 'widget', 'kefu-widget.js');

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

if (!fs.existsSync(path.join(root, bundle))) {
  process.stderr.write(`widget: ${bundle} is missing; run vite build --config widget/vite.config.ts\n`);
  process.exit(1);
}
const source = fs.readFileSync(path.join(root, bundle));
const gzipped = gzipSync(source, { level: 9 }).length;
process.stdout.write(
  `widget: ${bundle} ${kilobytes(source.length)}, ${kilobytes(gzipped)} gzipped (limit ${LIMIT_BYTES / 1024} kB)\n`,
);
if (gzipped > LIMIT_BYTES) {
  process.stderr.write(
    'widget: over the size limit; keep dependencies out of widget/ or split the feature\n',
  );
  process.exit(1);
}
