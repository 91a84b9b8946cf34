// The app under test, one per suite: its own data, config and export folders (so suites never
// share a database), its own tauri-driver port, a WebDriver session opened before the suite's
// tests and closed after them, and screenshots kept under E2E_ARTIFACTS.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    async snap(shot) {
      mkdirSync(artifacts, { recursive: true });
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
  before(async () => {
    assert.ok(app && existsSync(app), `ROTUNDA_APP must name the built app (got ${app})`);
    assert.ok(process.env.DISPLAY, 'the E2E suite needs a display: run it under xvfb-run (scripts/test does)');
    driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { env, stdio: 'inherit' });
    ui.session = await Session.start(`http://127.0.0.1:${port}`, app);
  });
  after(async () => {
    try {
      await ui.session?.quit().catch(() => {});
    } finally {
      driver?.kill();
    }
  });
  return ui;
}
