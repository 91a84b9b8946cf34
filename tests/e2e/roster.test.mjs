// The roster in the real window: load the demo program on first run, import a roster CSV with
// one bad row, see the row and its reason, fix the file, import it, and find the new residents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from './webdriver.mjs';

const app = process.env.ROTUNDA_APP;
const artifacts = process.env.E2E_ARTIFACTS ?? join(tmpdir(), 'rotunda-e2e-artifacts');
// Its own driver port and its own data: the suites never share an app or a database.
const port = Number(process.env.E2E_DRIVER_PORT ?? 4444) + 10;
const work = mkdtempSync(join(tmpdir(), 'rotunda-e2e-roster-'));
chmodSync(work, 0o755);
const env = {
  ...process.env,
  ROTUNDA_DATA_DIR: join(work, 'data'),
  ROTUNDA_CONFIG_DIR: join(work, 'config'),
  ROTUNDA_EXPORT_DIR: join(work, 'exports'),
};
let driver;
let s;

async function snap(name) {
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, `${name}.png`), await s.screenshot());
}

before(async () => {
  assert.ok(app && existsSync(app), `ROTUNDA_APP must name the built app (got ${app})`);
  driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { env, stdio: 'inherit' });
  s = await Session.start(`http://127.0.0.1:${port}`, app);
});

after(async () => {
  try {
    await s?.quit().catch(() => {});
  } finally {
    driver?.kill();
  }
});

const HEADER = 'E-mail,First Name,Last Name,PGY,Medical School\r\n';
const GOOD = 'ines.fabre@example.org,Inès,Fabre,1,"Université de Montréal"\r\n';
const roster = (pgy) => `\u{feff}${HEADER}${GOOD}kwame.mensah@example.org,Kwame,Mensah,${pgy},\r\n`;

test('a coordinator loads the demo program and imports a roster, fixing the one bad row', async () => {
  try {
    await demoAndImport();
  } catch (e) {
    await snap('roster-failure').catch(() => {});
    throw e;
  }
});

async function demoAndImport() {
  await s.heading('Welcome to Rotunda');
  await (await s.button('Start')).click();
  await (await s.button('Load demo program', 60000)).click();
  await s.heading('Years and Blocks', 60000);

  await (await s.button('People')).click();
  await s.heading('People');
  await s.find("//table[@aria-label='People']//td[normalize-space(.)='PGY-5']", 'a PGY-5 resident of the demo');
  const count = await s.find("//span[contains(., 'people')]", 'the people count');
  assert.match(await count.text(), /^\d+ people$/);
  await (await s.field('PGY')).setValue('5');
  await s.until('only PGY-5 rows', async () => {
    const cells = await s.findAll("//table[@aria-label='People']/tbody/tr/td[4]");
    const texts = await Promise.all(cells.map((c) => c.text()));
    return texts.length > 0 && texts.every((t) => t === 'PGY-5');
  });
  await (await s.field('PGY')).setValue('');
  await snap('people-demo');

  // A file with one bad row: the preview names the line, the column and the reason.
  const bad = join(work, 'roster-bad.csv');
  writeFileSync(bad, roster('R2'));
  await (await s.button('Import roster…')).click();
  await (await s.field('CSV file')).chooseFile(bad);
  // The summary is drawn afresh for each file: read it anew each time.
  const summary = async () => (await s.find("//*[@aria-label='Import summary']", 'the import summary')).text();
  await s.until('the summary of the bad file', async () => /2 rows: 1 new, 1 with problems/.test(await summary()));
  const badRow = await s.find("//table[@aria-label='Import preview']//tr[@data-outcome='invalid']", 'the bad row');
  const [line] = await badRow.findAll('./td[1]');
  assert.equal(await line.text(), '3', 'the bad row is line 3 of the file');
  assert.match(await badRow.text(), /PGY: Unknown PGY level 'R2'/);
  const badCell = await s.find("//tr[@data-outcome='invalid']/td[contains(@class, 'bad-cell')]", 'the highlighted cell');
  assert.equal(await badCell.text(), 'R2');
  const importButton = await s.button('Import 2 rows');
  assert.equal(await importButton.property('disabled'), true, 'a file with a bad row cannot be imported');
  await snap('import-preview-errors');

  // Fixed, chosen again, imported.
  const fixed = join(work, 'roster-fixed.csv');
  writeFileSync(fixed, roster('2'));
  await (await s.field('CSV file')).chooseFile(fixed);
  await s.until('the summary of the fixed file', async () => /^roster-fixed\.csv: 2 rows: 2 new$/.test(await summary()));
  await (await s.button('Import 2 rows')).click();
  await s.find("//p[contains(., 'Imported: 2 new, 0 updated, 0 unchanged.')]", 'the import result');

  // The new residents are in the list.
  await (await s.field('Filter')).type('Mensah');
  await s.find("//table[@aria-label='People']//tr[td[normalize-space(.)='Kwame Mensah'] and td[normalize-space(.)='PGY-2']]", 'Kwame Mensah, PGY-2');
  await snap('people-after-import');
}
