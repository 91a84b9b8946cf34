// EPA assessments in the real window, on the demo program: the list of two years of evidence; a new
// assessment entered by hand (a missing assessor and an ASA class off the scale named beside their
// fields), found at the top of the list, then deleted with a reason; and a CSV from another system
// with one bad row, refused and named, then imported whole once fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUnderTest } from './app.mjs';

const ui = appUnderTest('assessments', 40);

const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);

async function shown(s) {
  const label = await s.find("//*[@aria-label='Page']", 'the page label');
  const m = /of ([\d,]+)$/.exec(await label.text());
  return m ? Number(m[1].replaceAll(',', '')) : 0;
}

test('a coordinator enters an assessment, finds it, and deletes it with a reason', () =>
  ui.steps('assessments-failure', async (s) => {
    await s.heading('Welcome to Rotunda');
    await (await s.button('Start')).click();
    await (await s.button('Load demo program', 60000)).click();
    await s.heading('Years and Blocks', 60000);
    await (await s.button('Assessments')).click();
    await s.heading('EPA assessments');
    await s.until('the demo evidence is listed', async () => (await shown(s)) > 1000);
    const before = await shown(s);
    await ui.snap('assessments-list');

    await (await s.button('New assessment')).click();
    await s.heading('New EPA assessment');
    await (await s.find("//select[@id='epa-residentId']/option[2]", 'a resident')).click();
    await (await s.find("//fieldset[contains(@class,'levels')]//label[b = '3']/input", 'level 3')).click();
    await (await s.button('Add assessment')).click();
    await s.find("//*[@id='epa-assessorId-error' and contains(., 'Choose who assessed')]", 'the assessor asked for');
    await (await s.find("//select[@id='epa-assessorId']/option[2]", 'an assessor')).click();
    await (await s.find("//details[contains(@class,'context')]/summary", 'the case context')).click();
    await (await s.find("//input[@id='epa-patientAsaClass']")).type('9');
    const narrative = await s.find("//textarea[@id='epa-narrative']");
    await narrative.type('Clear plan; consented the patient well.');
    await (await s.button('Add assessment')).click();
    await s.find("//*[@id='epa-patientAsaClass-error' and contains(., 'must be 1 to 6')]", 'the ASA class named');
    await ui.snap('assessment-form-error');
    await (await s.find("//input[@id='epa-patientAsaClass']")).type('2');
    await (await s.button('Add assessment')).click();
    await s.find("//*[@role='status' and starts-with(., 'Saved: EPA 1 for')]", 'the assessment saved');
    await s.until('one more in the list', async () => (await shown(s)) === before + 1);
    // The whole row (its narrative may be scrolled out of view beside the form).
    const top = await s.find("//table[@aria-label='Assessments']/tbody/tr[1]", 'the newest row');
    const row = await s.script('return arguments[0].textContent', top);
    assert.match(row, new RegExp(`^\\s*${today}`));
    assert.match(row, /Clear plan; consented the patient well\./);
    await ui.snap('assessment-saved');
    await (await s.button('Mark acknowledged')).click();
    await s.find("//p[contains(@class,'meta') and contains(., 'acknowledged by the resident')]", 'the acknowledgement');

    // Deleting asks why; the reason is required.
    await (await s.button('Delete…')).click();
    await (await s.button('Delete assessment')).click();
    await s.find("//*[@id='epa-reason-error']", 'the reason asked for');
    await (await s.find("//input[@id='epa-reason']")).type('Entered for the wrong resident');
    await (await s.button('Delete assessment')).click();
    await s.find("//*[@role='status' and starts-with(., 'Deleted.')]", 'the assessment deleted');
    await s.until('the list is back to its count', async () => (await shown(s)) === before);
  }));

test('a file from another system is refused while a row is bad, and imported whole once fixed', () =>
  ui.steps('assessments-import-failure', async (s) => {
    // The people to name in the file, as the People screen lists them.
    await (await s.button('People')).click();
    await s.heading('People');
    const resident = await (
      await s.find("//table[@aria-label='People']//tr[td[3][starts-with(., 'resident')]]/td[2]", 'a resident')
    ).text();
    const assessor = await (
      await s.find("//table[@aria-label='People']//tr[td[3][starts-with(., 'faculty')]]/td[2]", 'a faculty member')
    ).text();
    await (await s.button('Assessments')).click();
    await s.heading('EPA assessments');
    await s.until('the list is loaded', async () => (await shown(s)) > 0);
    const before = await shown(s);

    const file = (epa) =>
      'Resident Email,Assessor Email,EPA,Phase,Date,Entrustment Level,Comments\r\n' +
      `${resident},${assessor},EPA 1,Pre-op,${yesterday},2,"Good plan, clear consent"\r\n` +
      `${resident},${assessor},EPA ${epa},Post-op,${yesterday},3,\r\n`;
    const bad = join(ui.work, 'epa-bad.csv');
    writeFileSync(bad, file(40));
    await (await s.button('Import CSV…')).click();
    await (await s.field('CSV file')).chooseFile(bad);
    const summary = async () => (await s.find("//*[@aria-label='Import summary']", 'the import summary')).text();
    await s.until('the summary of the bad file', async () => /2 rows: 1 new, 1 with problems/.test(await summary()));
    const badRow = await s.find("//table[@aria-label='Import preview']//tr[@data-outcome='invalid']", 'the bad row');
    assert.match(await badRow.text(), /EPA: This program's EPA set has no EPA 40/);
    const badCell = await s.find("//tr[@data-outcome='invalid']/td[contains(@class, 'bad-cell')]", 'the highlighted cell');
    assert.equal(await badCell.text(), 'EPA 40');
    assert.equal(await (await s.button('Import 2 rows')).property('disabled'), true);
    await ui.snap('assessments-import-errors');

    const good = join(ui.work, 'epa-good.csv');
    writeFileSync(good, file(2));
    await (await s.field('CSV file')).chooseFile(good);
    await s.until('the summary of the fixed file', async () => /^epa-good\.csv: 2 rows: 2 new$/.test(await summary()));
    await (await s.button('Import 2 rows')).click();
    await s.find("//p[contains(., 'Imported: 2 new, 0 already there.')]", 'the import result');
    await ui.snap('assessments-imported');
    await (await s.button('Close')).click();
    await s.until('two more in the list', async () => (await shown(s)) === before + 2);
  }));
