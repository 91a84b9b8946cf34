// A measurement, not a test: how the Schedule screen holds up in the real window at 150
// residents × 26 half blocks. `rotunda bench grid` fills a program on the app's own managed
// database first (and prints the core's figures); then the app opens it, and this script times,
// inside the page, opening the grid (IPC, rules, render) and typing one code into a cell until
// the cell shows it (edit, reload, re-check, re-render). Medians of several runs are printed.
//
//   ROTUNDA_APP=…/rotunda-desktop ROTUNDA_CLI=…/rotunda \
//     xvfb-run -a scripts/with-keyring node tests/e2e/bench/grid-ui.mjs [residents]
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../webdriver.mjs';

const residents = Number(process.argv[2] ?? 150);
const app = process.env.ROTUNDA_APP;
const cli = process.env.ROTUNDA_CLI;
if (!app || !cli) throw new Error('set ROTUNDA_APP and ROTUNDA_CLI to the built app and CLI');
const work = mkdtempSync(join(tmpdir(), 'rotunda-grid-ui-'));
chmodSync(work, 0o755);
const env = {
  ...process.env,
  ROTUNDA_DATA_DIR: join(work, 'data'),
  ROTUNDA_CONFIG_DIR: join(work, 'config'),
  ROTUNDA_EXPORT_DIR: join(work, 'exports'),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(execFileSync(cli, ['bench', 'grid', '--residents', String(residents)], { env, encoding: 'utf8' }).trim());

const port = 4544;
const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { env, stdio: 'ignore' });
let pid = 0;
let s;
try {
  s = await Session.start(`http://127.0.0.1:${port}`, app);
  pid = Number(execFileSync('pgrep', ['-n', '-f', app], { encoding: 'utf8' }).trim());
  // The CLI saved the managed database as the last connection: the welcome screen offers it.
  await (await s.button('Connect', 60000)).click();
  await (await s.button('Schedule', 60000)).click();
  await s.find("//table[@aria-label='Block schedule']", 'the grid', 120000);
  const cells = await s.script("return document.querySelectorAll('td[role=gridcell]').length;");

  // Opening: from the click on Schedule (from another screen) to every cell drawn.
  const opens = [];
  for (let i = 0; i < 5; i++) {
    await (await s.button('People')).click();
    await s.heading('People');
    await s.script(
      `window.__t0 = performance.now(); window.__t1 = null;
       const want = arguments[0];
       const poll = () => document.querySelectorAll('td[role=gridcell]').length === want
         ? (window.__t1 = performance.now()) : requestAnimationFrame(poll);
       [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Schedule').click();
       requestAnimationFrame(poll);`,
      cells,
    );
    opens.push(await s.until('the grid', async () => {
      const t = await s.script('return window.__t1 === null ? null : window.__t1 - window.__t0;');
      return t === null ? undefined : t;
    }, 120000));
  }

  // The command alone: the grid's round trip through Tauri's IPC, parsed, nothing drawn.
  const trips = [];
  for (let i = 0; i < 5; i++) {
    trips.push(
      await s.script(
        `const ipc = window.__TAURI_INTERNALS__;
         return (async () => {
           const programs = await ipc.invoke('list_programs');
           const years = await ipc.invoke('list_years', { programId: programs[0].id });
           const t0 = performance.now();
           await ipc.invoke('schedule_grid', { yearId: years[0].id });
           return performance.now() - t0;
         })();`,
      ),
    );
  }

  // Editing: type a code into the first cell; time from its Enter until the cell shows it.
  const edits = [];
  const confirmations = [];
  for (let i = 0; i < 7; i++) {
    const code = i % 2 === 0 ? 'TRA' : 'GS';
    const cell = await s.find("//td[@data-cell='0:0']", 'the first cell');
    await cell.click();
    await cell.press('\uE007');
    const input = await s.find("//input[contains(@class, 'cell-input')]", 'the code input');
    await s.script(
      `window.__t0 = null; window.__t1 = null; window.__t2 = null;
       // Timed from the Enter that commits the code, so WebDriver's typing does not count.
       document.addEventListener('keydown', (e) => {
         if (e.key === 'Enter') window.__t0 = performance.now();
       }, { capture: true, once: false, signal: (window.__stop = new AbortController()).signal });
       const want = arguments[0];
       const poll = () => {
         const c = document.querySelector("td[data-cell='0:0']");
         const shows = c && !c.querySelector('input') && c.textContent.replace(/\\W/g, '') === want;
         if (shows && window.__t1 === null) window.__t1 = performance.now();
         if (shows && !c.querySelector('.pending')) {
           window.__t2 = performance.now();
           window.__stop.abort();
         } else requestAnimationFrame(poll);
       };
       requestAnimationFrame(poll);`,
      code,
    );
    await input.press(`${code}\uE007`);
    const [shown, confirmed] = await s.until('the edit', async () => {
      const t = await s.script('return window.__t2 === null ? null : [window.__t1 - window.__t0, window.__t2 - window.__t0];');
      return t === null ? undefined : t;
    }, 60000);
    edits.push(shown);
    confirmations.push(confirmed);
  }
  // Moving: one arrow key, from its keydown until the next cell has the focus.
  const moves = [];
  await (await s.find("//td[@data-cell='5:5']", 'a cell')).click();
  for (let i = 0; i < 7; i++) {
    const [from, to, key] = i % 2 === 0 ? ['5:5', '6:5', '\uE015'] : ['6:5', '5:5', '\uE013'];
    await s.script(
      `window.__m0 = null; window.__m1 = null;
       const to = arguments[0];
       document.addEventListener('keydown', () => { window.__m0 = performance.now(); }, { capture: true, once: true });
       const poll = () => {
         if (window.__m0 !== null && document.activeElement?.dataset?.cell === to) window.__m1 = performance.now();
         else requestAnimationFrame(poll);
       };
       requestAnimationFrame(poll);`,
      to,
    );
    await (await s.find(`//td[@data-cell='${from}']`, 'the cell')).press(key);
    moves.push(await s.until('the move', async () => {
      const t = await s.script('return window.__m1 === null ? null : window.__m1 - window.__m0;');
      return t === null ? undefined : t;
    }, 60000));
  }
  console.log(`${cells} grid cells (${residents} residents × 13 split blocks = 26 half blocks)`);
  console.log(`the grid command's round trip alone: ${trips.map((t) => (t === null ? '?' : t.toFixed(0))).join(', ')} ms`);
  console.log(`open the Schedule screen: median ${median(opens).toFixed(0)} ms of ${opens.length} (${opens.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`type one code until the core's answer is drawn: median ${median(confirmations).toFixed(0)} ms of ${confirmations.length} (${confirmations.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`move the selection one row (arrow key until the next cell has focus): median ${median(moves).toFixed(0)} ms of ${moves.length} (${moves.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`type one code until the cell shows it: median ${median(edits).toFixed(0)} ms of ${edits.length} (${edits.map((t) => t.toFixed(0)).join(', ')})`);
} catch (e) {
  console.error(`the measurement stopped: ${e.message}`);
  if (process.env.E2E_ARTIFACTS) {
    writeFileSync(join(process.env.E2E_ARTIFACTS, 'grid-ui-failure.png'), await s.screenshot());
  }
  process.exitCode = 1;
} finally {
  // SIGTERM lets the app stop its managed database.
  try {
    if (pid) process.kill(pid, 'SIGTERM');
  } catch {}
  await new Promise((r) => setTimeout(r, 3000));
  driver.kill();
  rmSync(work, { recursive: true, force: true });
}
