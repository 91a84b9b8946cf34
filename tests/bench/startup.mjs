// Startup benchmark (prints figures, asserts nothing): launches the built app N times through
// tauri-driver, timing launch -> the first-run heading in the window, then reads the resident
// memory of the app and its WebKit processes after it has idled. Run it like the E2E suite:
//   ROTUNDA_APP=…/rotunda-desktop xvfb-run -a scripts/with-keyring node tests/bench/startup.mjs [runs]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session } from '../e2e/webdriver.mjs';

const app = process.env.ROTUNDA_APP;
const runs = Number(process.argv[2] ?? 5);
const port = 4470;
const work = mkdtempSync(join(tmpdir(), 'rotunda-bench-'));
chmodSync(work, 0o755);
const env = { ...process.env, ROTUNDA_DATA_DIR: join(work, 'data'), ROTUNDA_CONFIG_DIR: join(work, 'config') };
const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { env, stdio: 'ignore' });
await sleep(500);

const rssKb = (pattern) => {
  try {
    const out = execFileSync('sh', ['-c', `ps -eo rss,args | grep -E '${pattern}' | grep -v -e grep -e 'sh -c' | awk '{s+=$1} END {print s+0}'`], { encoding: 'utf8' });
    return Number(out.trim());
  } catch {
    return 0;
  }
};

const times = [];
let memory;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const s = await Session.start(`http://127.0.0.1:${port}`, app);
  await s.heading('Welcome to Rotunda', 60000);
  times.push(performance.now() - t0);
  if (i === runs - 1) {
    await sleep(5000); // idle
    memory = {
      app: rssKb('rotunda-desktop'),
      webkit: rssKb('WebKitWebProcess|WebKitNetworkProcess'),
    };
  }
  await s.quit().catch(() => {});
  await sleep(500);
}
driver.kill();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`cold start to first screen over ${runs} runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
console.log(`idle resident memory: app ${(memory.app / 1024).toFixed(1)} MiB + WebKit ${(memory.webkit / 1024).toFixed(1)} MiB = ${((memory.app + memory.webkit) / 1024).toFixed(1)} MiB`);
