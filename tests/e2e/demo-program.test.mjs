// The demo program in the real window: load it on first run; import a roster CSV with one bad
// row, see the row and its reason, fix the file, import it, and find the new residents; see the
// expiring PLA on its agreement and its sites; preview, apply and undo the year rollover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUnderTest } from './app.mjs';

// Its own driver port and its own data: the suites never share an app or a database.
const ui = appUnderTest('demo', 10);

const HEADER = 'E-mail,First Name,Last Name,PGY,Medical School\r\n';
const GOOD = 'ines.fabre@example.org,Inès,Fabre,1,"Université de Montréal"\r\n';
const roster = (pgy) => `\u{feff}${HEADER}${GOOD}kwame.mensah@example.org,Kwame,Mensah,${pgy},\r\n`;

test('a coordinator loads the demo program and imports a roster, fixing the one bad row', () =>
  ui.steps('roster-failure', demoAndImport));

async function demoAndImport(s) {
  await s.heading('Welcome to Rotunda');
  await (await s.button('Start')).click();
  const loadDemo = await s.button('Load demo program', 60000);
  await ui.snap('first-run-demo-offer');
  await loadDemo.click();
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
  await ui.snap('people-demo');

  // A file with one bad row: the preview names the line, the column and the reason.
  const bad = join(ui.work, 'roster-bad.csv');
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
  await ui.snap('import-preview-errors');

  // Fixed, chosen again, imported.
  const fixed = join(ui.work, 'roster-fixed.csv');
  writeFileSync(fixed, roster('2'));
  await (await s.field('CSV file')).chooseFile(fixed);
  await s.until('the summary of the fixed file', async () => /^roster-fixed\.csv: 2 rows: 2 new$/.test(await summary()));
  await (await s.button('Import 2 rows')).click();
  await s.find("//p[contains(., 'Imported: 2 new, 0 updated, 0 unchanged.')]", 'the import result');

  // The new residents are in the list.
  await (await s.field('Filter')).type('Mensah');
  await s.find("//table[@aria-label='People']//tr[td[normalize-space(.)='Kwame Mensah'] and td[normalize-space(.)='PGY-2']]", 'Kwame Mensah, PGY-2');
  await ui.snap('people-after-import');
}

test('the organisation shows the PLA that expires in 45 days, on the agreement and on its sites', () =>
  ui.steps('organisation-failure', async (s) => {
    await (await s.button('Organisation')).click();
    await s.heading('Organisation');
    const badge = "//span[contains(@class, 'badge')][normalize-space(.)='expires in 45 days']";
    await s.find(`//table[@aria-label='Participation agreements']//tr[td[normalize-space(.)='PLA']]${badge}`, 'the PLA badge');
    const onSites = await s.findAll(`//table[@aria-label='Clinical sites']${badge}`);
    assert.equal(onSites.length, 2, 'both St. Brigid sites carry the badge');
    await ui.snap('organisation');

    // Renewed for three years: the badge leaves the agreement and its sites.
    await (await s.button('Renew the agreement with St. Brigid Community Hospital')).click();
    const until = await s.find("(//form[starts-with(@aria-label, 'Renew the agreement')]//input[@type='date'])[2]", 'the new expiry');
    const inThreeYears = `${new Date().getFullYear() + 3}-06-30`;
    await until.setValue(inThreeYears);
    await ui.snap('organisation-renewing');
    await (await s.button('Save agreement')).click();
    await s.find(`//table[@aria-label='Participation agreements']//td[starts-with(normalize-space(.), '${inThreeYears}')]`, 'the renewed expiry');
    assert.equal((await s.findAll(badge)).length, 0, 'no badge once renewed');

    // A site takes one more resident.
    await (await s.button('Edit site SBCH-GEN')).click();
    await (await s.field('Capacity')).type('6');
    await ui.snap('organisation-edit-site');
    await (await s.button('Save site')).click();
    await s.find("//table[@aria-label='Clinical sites']//tr[td[normalize-space(.)='SBCH-GEN'] and td[normalize-space(.)='6']]", 'the new capacity');

    // The sponsor's accreditation changes; the panel shows it.
    await (await s.button('Edit sponsor…')).click();
    await (await s.field('Accreditation')).setValue('continued_with_warning');
    await ui.snap('organisation-sponsor-form');
    await (await s.button('Save sponsor')).click();
    await s.find("//dd[normalize-space(.)='continued with warning']", 'the new accreditation status');
  }));

test('the year rollover shows every change, applies, and undoes', () =>
  ui.steps('rollover-failure', async (s) => {
    await (await s.button('Calendar')).click();
    await s.heading('Years and Blocks');
    await (await s.button('Roll over to next year…')).click();
    const summary = async () => (await s.find("//*[@aria-label='Rollover summary']", 'the rollover summary')).text();
    // The demo's 29 promotions, and the two residents the first test imported.
    await s.until('the preview', async () => /31 promoted, 9 graduating, 2 staying at their level/.test(await summary()));
    const graduates = await s.findAll("//table[@aria-label='Rollover preview']//tr[@data-action='graduate']");
    assert.equal(graduates.length, 9);
    await s.find("//tr[@data-action='stay']/td[contains(., 'Off cycle')]", 'the off-cycle resident staying');
    await ui.snap('rollover-preview');

    await (await s.button('Apply rollover')).click();
    const done = await s.find("//p[starts-with(normalize-space(.), 'Rolled over:')]", 'the rollover result');
    assert.match(await done.text(), /^Rolled over: \d{4}-\d{4} is now the current year\.$/);
    await (await s.button('Undo the last rollover')).click();
    await s.find("//p[starts-with(normalize-space(.), 'Undone:')]", 'the undo result');
    await s.until('the preview again', async () => /31 promoted, 9 graduating/.test(await summary()));
  }));

test('a coordinator opens a resident, changes their level and gives them a second role', () =>
  ui.steps('person-failure', async (s) => {
    await (await s.button('People')).click();
    await s.heading('People');
    await (await s.field('Filter')).type('Kwame');
    await (await s.button('Open Kwame Mensah')).click();
    const pgy = await s.field('PGY level');
    await s.until('the resident record', async () => (await pgy.property('value')) === '2');
    await pgy.type('3');
    await (await s.button('Save resident record')).click();
    await s.find("//table[@aria-label='People']//tr[td[normalize-space(.)='Kwame Mensah'] and td[normalize-space(.)='PGY-3']]", 'Kwame Mensah, now PGY-3');

    await (await s.field('Add role')).setValue('ccc_member');
    await (await s.button('Add role')).click();
    await s.find("//table[starts-with(@aria-label, 'Roles of')]//td[normalize-space(.)='ccc member']", 'the new role');
    await s.find("//table[@aria-label='People']//td[normalize-space(.)='ccc member, resident']", 'both roles in the list');
    await ui.snap('person-panel');
  }));
