// The spine in the real window: the built app under Xvfb, driven through tauri-driver and
// WebKitWebDriver, on a managed local PostgreSQL it creates itself. scripts/test runs this inside
// xvfb-run and a private D-Bus session with an unlocked keyring; ROTUNDA_APP names the binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appUnderTest, savedPdf } from './app.mjs';

const ui = appUnderTest('spine', 0);

test('a coordinator goes from first run to an academic year with 13 blocks and its calendar PDF', () =>
  ui.steps('failure', firstRunToCalendar));

async function firstRunToCalendar(s) {
  // First run: the managed local database is the default.
  await s.heading('Welcome to Rotunda');
  const local = await s.find("//label[contains(normalize-space(.), 'On this computer')]/input[@type='radio']", 'the managed local choice');
  assert.equal(await local.property('checked'), true, 'the managed local database is chosen by default');
  await ui.snap('first-run');
  await (await s.button('Start')).click();

  // A program with its sponsoring institution.
  await (await s.field('Program code', 60000)).type('GS');
  await (await s.field('Program name')).type('General Surgery');
  await (await s.field('Sponsoring institution')).type('Hôpital Saint-Éloi');
  await (await s.button('Create program')).click();

  // A year, prefilled July 1 to June 30.
  await s.heading('Years and Blocks');
  const start = await s.field('Start date');
  assert.match(await start.property('value'), /^\d{4}-07-01$/, 'a year starts on July 1 by default');
  await start.setValue('2026-07-01');
  await (await s.field('End date')).setValue('2027-06-30');
  await (await s.field('Year name')).type('2026-2027');
  await (await s.button('Create year')).click();

  // Thirteen four-week blocks, previewed, then generated.
  await s.until('the preview of 13 blocks', async () => (await s.findAll("//*[contains(normalize-space(.), '13 blocks')]")).length > 0);
  await (await s.button('Generate blocks')).click();
  const rows = await s.until('13 rows in the Blocks table', async () => {
    const found = await s.findAll("//table[caption[normalize-space(.)='Blocks'] or @aria-label='Blocks']/tbody/tr");
    return found.length === 13 ? found : null;
  });
  assert.equal(rows.length, 13);
  assert.match(await rows[12].text(), /2027-06-02.*2027-06-30/s, 'Block 13 runs to the last day of the year');
  await ui.snap('years-and-blocks');

  // An edit that overlaps the block before it is refused with both blocks named.
  await (await s.button('Edit Block 3')).click();
  const move = await s.find("//label[contains(normalize-space(.), 'Move neighbours')]//input", 'the Move neighbours checkbox');
  if (await move.property('checked')) await move.click();
  // The row editor's labels are visually hidden; its inputs carry the block-… ids.
  await (await s.find("//tr//input[@id='block-startDate']", 'the block start date')).setValue('2026-08-20');
  await (await s.button('Save')).click();
  const alert = await s.find("//*[@role='alert'][contains(., 'overlaps')]", 'the overlap message');
  assert.match(await alert.text(), /^Block 3 overlaps Block 2: 2026-07-29\.\.2026-08-25/);
  const reload = await alert.findAll(".//button[normalize-space(.)='Reload']");
  assert.equal(reload.length, 1, 'a conflict offers to reload');
  await ui.snap('overlap-error');
  await (await s.button('Cancel')).click();

  // The calendar PDF, with progress, saved where the screen says.
  await (await s.button('Export calendar PDF')).click();
  const path = await savedPdf(s, 60000);
  assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  assert.match(text, /Academic calendar 2026-2027/);
  assert.match(text, /2026-07-29/);
  assert.match(text, /Hôpital Saint-Éloi/);

  // Whether a year may have gaps between blocks is the coordinator's call, saved like any edit.
  await (await s.find("//summary[normalize-space(.)='Year settings']", 'the Year settings disclosure')).click();
  const gaps = await s.find("//label[contains(normalize-space(.), 'Allow gaps between blocks')]/input", 'the allow-gaps checkbox');
  assert.equal(await gaps.property('checked'), false, 'a new year allows no gaps');
  await gaps.click();
  await (await s.button('Save year settings')).click();
  await s.find("//*[@role='status'][normalize-space(.)='Saved.']", 'the saved confirmation');
  await ui.snap('year-settings');
}

test('quitting the app stops its managed database', async () => {
  const pid = join(ui.env.ROTUNDA_DATA_DIR, 'cluster', 'pgdata', 'postmaster.pid');
  assert.ok(existsSync(pid), 'the managed database runs while the app is open');
  // WebDriver ends an app with SIGKILL, which nothing can catch; a logout or `kill` sends
  // SIGTERM, which the app answers by quitting normally.
  assert.ok(ui.pid > 0, 'the app is running');
  process.kill(ui.pid, 'SIGTERM');
  for (let i = 0; i < 150 && existsSync(pid); i++) await sleep(100);
  assert.equal(existsSync(pid), false, 'the managed database stopped with the app');
  const log = readFileSync(join(ui.env.ROTUNDA_DATA_DIR, 'logs', 'rotunda.log'), 'utf8');
  assert.match(log, /stopping the managed local database/);
  ui.session = null;
});
