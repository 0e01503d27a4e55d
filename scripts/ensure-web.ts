/**
 * After `npm install` (postinstall) and before `npm start`: builds the web app (packages/web/dist)
 * when it is missing or older than its sources, so a fresh clone needs only `npm install` and
 * `npm start`, and the first start does not wait for the build (issue 20). A failed build never
 * fails the install or the start: the demo then runs without the web app and says so.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = new URL('../packages/web/', import.meta.url).pathname;
const index = join(web, 'dist', 'index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    latest = Math.max(latest, st.isDirectory() ? newest(full) : st.mtimeMs);
  }
  return latest;
}

let built = 0;
try {
  built = statSync(index).mtimeMs;
} catch {
  // not built yet
}
const sources = Math.max(newest(join(web, 'src')), statSync(join(web, 'index.html')).mtimeMs);
if (built < sources) {
  process.stderr.write('正在构建网页应用（首次启动约需十几秒）…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', 'packages/web', '--silent'], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('网页应用构建失败；区块链节点仍会启动，但没有网页界面。\n');
  }
}
