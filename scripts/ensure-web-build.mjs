// Runs before `npm start`: builds the web app when dist/app is missing or older than its sources, so that a fresh
// clone needs only `npm install && npm start`. A current build is left alone, which keeps restarts instant.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist', 'app', 'index.html');
const sourceRoots = ['app', 'shared', 'package-lock.json'].map((entry) => path.join(root, entry));

function newestModification(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((child) => newestModification(path.join(entry, child))));
}

const builtAt = fs.statSync(builtIndex, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (builtAt >= Math.max(...sourceRoots.map(newestModification))) process.exit(0);

process.stdout.write('Building the web app (first start or changed sources)…\n');
const result = spawnSync('npx', ['vite', 'build', '--config', 'app/vite.config.ts', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
