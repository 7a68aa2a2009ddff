import { spawnSync } from 'node:child_process';

/** Browser journeys run against the built app, exactly as `npm start` serves it. */
export default function setup() {
  const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The web app did not build');
}
