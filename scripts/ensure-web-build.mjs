// Runs before `npm start`: builds the web app and the chat widget when missing or older than their sources, so that
// a fresh clone needs only `npm install && npm start`. A current build is left alone, which keeps restarts instant.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builds = [
  {
    name: 'the web app',
    output: path.join(root, 'dist', 'app', 'index.html'),
    sources: ['app', 'shared', 'package-lock.json'],
    config: 'app/vite.config.ts',
  },
  {
    name: 'the chat widget',
    output: path.join(root, 'dist', 'widget', 'kefu-widget.js'),
    sources: ['widget', 'shared', 'package-lock.json'],
    config: 'widget/vite.config.ts',
  },
];

function newestModification(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((child) => newestModification(path.join(entry, child))));
}

for (const build of builds) {
  const builtAt = fs.statSync(build.output, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sourcesAt = Math.max(...build.sources.map((entry) => newestModification(path.join(root, entry))));
  if (builtAt >= sourcesAt) continue;
  process.stdout.write(`Building ${build.name} (first start or changed sources)…\n`);
  const result = spawnSync('npx', ['vite', 'build', '--config', build.config, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
