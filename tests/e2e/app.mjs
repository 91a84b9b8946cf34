// The app under test, one per suite: its own data, config and export folders (so suites never
// share a database), its own tauri-driver port, a WebDriver session opened before the suite's
// tests and closed after them, and screenshots kept under E2E_ARTIFACTS.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from './webdriver.mjs';

const artifacts = process.env.E2E_ARTIFACTS ?? join(tmpdir(), 'rotunda-e2e-artifacts');

/** Registers the suite's before/after hooks; `portOffset` keeps suites' drivers apart. */
export function appUnderTest(name, portOffset) {
  const app = process.env.ROTUNDA_APP;
  const port = Number(process.env.E2E_DRIVER_PORT ?? 4444) + portOffset;
  const work = mkdtempSync(join(tmpdir(), `rotunda-e2e-${name}-`));
  // As root the app's database runs as the postgres user, which must be able to enter this folder.
  chmodSync(work, 0o755);
  const env = {
    ...process.env,
    ROTUNDA_DATA_DIR: join(work, 'data'),
    ROTUNDA_CONFIG_DIR: join(work, 'config'),
    ROTUNDA_EXPORT_DIR: join(work, 'exports'),
  };
  let driver;
  const ui = {
    app,
    work,
    env,
    /** The WebDriver session; null once the app has been made to quit by other means. */
    session: null,
    /** The app's process id. */
    pid: 0,
    async snap(shot) {
      mkdirSync(artifacts, { recursive: true });
      // WebKit hands WebDriver the last painted frame: let the window paint what the steps
      // before changed (two frames), or the picture shows the screen as it was.
      await ui.session
        .script('return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));')
        .catch(() => {});
      writeFileSync(join(artifacts, `${shot}.png`), await ui.session.screenshot());
    },
    /** Runs a test's steps, keeping a screenshot of the window when they fail. */
    async steps(failureShot, run) {
      try {
        await run(ui.session);
      } catch (e) {
        await ui.snap(failureShot).catch(() => {});
        throw e;
      }
    },
  };
  /** Asks the app to quit as a logout would (SIGTERM), so it stops its managed database; WebDriver
   *  alone ends it with SIGKILL, which leaves the database running and can leave the app itself.
   *  True once the app is gone. */
  async function stopApp() {
    if (!ui.pid) return false;
    const alive = () => {
      try {
        process.kill(ui.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(ui.pid, 'SIGTERM');
    for (let i = 0; i < 300 && alive(); i++) await sleep(100);
    if (alive()) process.kill(ui.pid, 'SIGKILL');
    return !alive();
  }

  before(async () => {
    assert.ok(app && existsSync(app), `ROTUNDA_APP must name the built app (got ${app})`);
    assert.ok(process.env.DISPLAY, 'the E2E suite needs a display: run it under xvfb-run (scripts/test does)');
    driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { env, stdio: 'inherit' });
    ui.session = await Session.start(`http://127.0.0.1:${port}`, app);
    ui.pid = Number(execFileSync('pgrep', ['-n', '-f', app], { encoding: 'utf8' }).trim());
  });
  after(async () => {
    let stopped = false;
    try {
      // With the app gone, asking WebDriver to end its session only makes the driver complain.
      stopped = await stopApp();
      if (!stopped) await ui.session?.quit().catch(() => {});
    } finally {
      driver?.kill();
      // The suite's own cluster and exports (~100 MB): left behind, every run would pile them up
      // in the temporary folder. Kept only when the app would not quit, to look into why.
      if (stopped) rmSync(work, { recursive: true, force: true });
    }
  });
  return ui;
}

/** Waits for an export panel to say where it saved the file (a PDF unless `extension` says
 *  otherwise); checks the file is there and returns its path. */
export async function savedPdf(s, timeoutMs = 60000, extension = 'pdf') {
  const status = await s.until('the export to finish', async () => {
    for (const el of await s.findAll("//*[@role='status']")) {
      const text = await el.text();
      if (text.startsWith('Saved')) return text;
    }
    return null;
  }, timeoutMs);
  const path = status.match(new RegExp(`Saved (.+\\.${extension}) \\(`))?.[1];
  assert.ok(path && existsSync(path), `the file exists at the path shown (${status})`);
  return path;
}
