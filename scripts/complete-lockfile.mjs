// Runs after every `npm install` (postinstall). Some registry mirrors — this project's CI machine's among them —
// serve only Linux builds, so npm leaves the other platforms' optional packages (biome, jieba, esbuild binaries) out
// of package-lock.json, and `npm ci` then refuses the lock as out of sync. Recording them as optional entries
// restores a lock that `npm ci` accepts everywhere; on each platform npm installs only the build it can use.
import fs from 'node:fs';
import path from 'node:path';

const lockPath = path.resolve(import.meta.dirname, '..', 'package-lock.json');
if (!fs.existsSync(lockPath)) process.exit(0);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages ?? {})) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = location ? `${location}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    lock.packages[`node_modules/${name}`] = { version: range.replace(/^[\^~=]/, ''), optional: true };
    added++;
  }
}
if (added > 0) fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
