// The block schedule in the real window: open the demo program's grid, type a rotation into a
// cell that breaks coverage (the clinic is closed in the holiday block), see the red cell and the
// red coverage mark with the reason, and undo it; propose a schedule, read the diff, apply it and
// undo it; export the schedule PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appUnderTest, savedPdf } from './app.mjs';

const ui = appUnderTest('schedule', 20);
const ENTER = '\uE007';

test('a coordinator types a rotation that breaks coverage, sees why, and undoes it', () =>
  ui.steps('schedule-failure', async (s) => {
    await s.heading('Welcome to Rotunda');
    await (await s.button('Start')).click();
    await (await s.button('Load demo program', 60000)).click();
    await s.heading('Years and Blocks', 60000);

    await (await s.button('Schedule')).click();
    await s.heading('Schedule');
    await s.find("//table[@aria-label='Block schedule']", 'the grid');
    const firstRow = "//table[@aria-label='Block schedule']/tbody/tr[th[@scope='row']][1]";
    const name = (await (await s.find(`${firstRow}/th`, 'the first resident')).property('textContent')).trim();
    // Block 6 is the holiday block: the clinic is closed.
    const cell = `//td[@data-cell='0:5']`;
    // The demo comes with a solved schedule: remember what the cell holds.
    const was = await (await s.find(cell, "the first resident's block 6")).text();
    assert.notEqual(was, 'CLIN', 'the solved schedule keeps the closed clinic empty');
    await (await s.find(cell, "the first resident's block 6")).click();
    await (await s.find(cell, 'the cell')).press(ENTER);
    // Enter opens the cell with its code selected: typing replaces it.
    const input = await s.find("//input[contains(@class, 'cell-input')]", 'the code input');
    await input.press(`clin${ENTER}`);

    const red = await s.find(`${cell}[contains(@class, 'bad')]`, 'the cell turned red');
    assert.match(await red.attribute('title'), /Block 6: CLIN is closed but has 1 resident/);
    assert.match(await red.text(), /^CLIN$/);
    const coverage = await s.find("//tfoot//td[contains(@class, 'coverage')][6]", 'block 6 coverage');
    assert.match(await coverage.attribute('class'), /bad/);
    assert.match(await coverage.attribute('title'), new RegExp(`CLIN is closed but has 1 resident \\(${name}\\)`));
    // Typing moved down a row; back on the cell, the side panel gives the reason too.
    await red.click();
    await s.find("//aside[@aria-label='Rules']//ul[@aria-label='Rules broken here']/li[starts-with(., 'Block 6: CLIN is closed')]", 'the reason in the side panel');
    await ui.snap('schedule-broken-rule');

    await (await s.button('Undo')).click();
    await s.until('the cell holds what it held', async () => (await (await s.find(cell, 'the cell')).text()) === was);
    const after = await s.find("//tfoot//td[contains(@class, 'coverage')][6]", 'block 6 coverage');
    assert.doesNotMatch(await after.attribute('title'), /CLIN is closed/);
  }));

test('a coordinator sends one block to another site and supervisor, sees it, and undoes it', () =>
  ui.steps('schedule-site-failure', async (s) => {
    const cell = `//td[@data-cell='2:1']`;
    await (await s.find(cell, "the third resident's block 2")).click();
    const panel = "//section[@aria-label='Where and with whom']";
    const site = `${panel}//label[starts-with(normalize-space(.), 'Site')]//select`;
    const supervisor = `${panel}//label[starts-with(normalize-space(.), 'Supervisor')]//select`;
    const before = await (await s.find(site, 'the site of the block')).property('value');
    // Another site than the one the block is at.
    const other = (await s.findAll(`${site}/option[@value!='' and @value!='${before}']`))[0];
    const otherId = await other.property('value');
    const otherCode = (await other.property('textContent')).split(' · ')[0].trim();
    await other.click();
    await s.until('the block is at the other site', async () => (await (await s.find(site)).property('value')) === otherId);
    await s.until('the tooltip names the site', async () => (await (await s.find(cell)).attribute('title')).includes(` at ${otherCode}`));

    const lead = (await s.findAll(`${supervisor}/option[@value!='']`))[1];
    const leadName = (await lead.property('textContent')).replace(' (core)', '').trim();
    await lead.click();
    await s.until('the tooltip names the supervisor', async () => (await (await s.find(cell)).attribute('title')).includes(`with ${leadName}`));
    await ui.snap('schedule-site');

    await (await s.button('Undo')).click();
    await s.until('the supervisor is back', async () => !(await (await s.find(cell)).attribute('title')).includes(`with ${leadName}`));
    await (await s.button('Undo')).click();
    await s.until('the site is back', async () => (await (await s.find(site)).property('value')) === before);
  }));

test('a coordinator proposes a schedule, reads the changes, applies them and undoes them', () =>
  ui.steps('schedule-proposal-failure', async (s) => {
    // Empty one cell first, so the proposal has at least that cell to fill.
    const cell = `//td[@data-cell='3:4']`;
    await (await s.find(cell, 'a cell to empty')).click();
    await (await s.find(cell, 'the cell')).press('\uE017');
    await s.until('the cell to empty', async () => (await (await s.find(cell, 'the cell')).text()) === '');
    await (await s.button('Propose schedule…')).click();
    await (await s.field('Time limit (seconds)')).type('2');
    await (await s.button('Find a schedule')).click();
    const summary = await s.find("//*[@aria-label='Proposal summary']", 'the proposal', 60000);
    assert.match(await summary.text(), /^\d+ cells? change · Cost \d+: unmet requests \d+ · \d+ heavy pairs? \d+ · heavy spread \d+ blocks? \d+ · first schedule after \d+ ms$/);
    const rows = await s.findAll("//table[@aria-label='Proposed changes']/tbody/tr");
    assert.ok(rows.length > 0, 'the diff lists the cells that change');
    await ui.snap('schedule-proposal-diff');
    const apply = await s.find("//button[starts-with(normalize-space(.), 'Apply ')]", 'the apply button');
    await apply.click();
    const applied = await s.find("//p[@role='status'][starts-with(normalize-space(.), 'Proposal applied')]", 'the applied notice', 30000);
    assert.match(await applied.text(), /Proposal applied: \d+ assignments? written or removed\./);
    await (await s.button('Undo proposal')).click();
    await s.until('the notice to go', async () => (await s.findAll("//p[starts-with(normalize-space(.), 'Proposal applied')]")).length === 0);
  }));

test('a coordinator adds a rotation, told next to the field what is wrong first', () =>
  ui.steps('schedule-rotation-failure', async (s) => {
    await (await s.button('Rotations…')).click();
    await s.find("//table[@aria-label='Rotation catalogue']//tr[td[normalize-space(.)='Surgical ICU']]", 'the SICU rotation');
    await (await s.button('Add rotation…')).click();
    await (await s.field('Code')).type('leave');
    await (await s.field('Name')).type('Wards');
    await (await s.button('Add rotation')).click();
    const error = await s.find("//*[contains(@class, 'error')][contains(., 'LEAVE is reserved for leave')]", 'the code error');
    assert.ok(error, 'the error sits with the field');
    await (await s.field('Code')).type('WARD');
    await (await s.find("//input[@aria-label='PGY-1 eligible']", 'PGY-1 eligible')).click();
    await (await s.button('Add rotation')).click();
    const row = await s.find("//table[@aria-label='Rotation catalogue']//tr[td[normalize-space(.)='Wards']]", 'the new rotation');
    assert.match(await row.text(), /PGY-1 0–8 wk/);
    await ui.snap('schedule-rotations');
    // An existing rotation's form, with its block exceptions (the clinic's holiday closure).
    await (await s.find("//table[@aria-label='Rotation catalogue']//tr[td[normalize-space(.)='Ambulatory Clinic']]//button", 'Edit CLIN')).click();
    await s.find("//*[@aria-label='Block exceptions of CLIN']//li[contains(., 'Clinic closed over the holidays')]", 'the holiday closure');
    await ui.snap('schedule-rotation-edit');
    await (await s.button('Cancel')).click();
    await (await s.button('Rotations…')).click();
  }));

test('a coordinator records leave over an assigned block, sees the clash, and removes it', () =>
  ui.steps('schedule-leave-failure', async (s) => {
    const cell = `//td[@data-cell='1:2']`;
    await (await s.find(cell, "the second resident's block 3")).click();
    await s.find("//section[starts-with(@aria-label, 'Leave and requests of ')]", 'the resident panel');
    // The dates start as the focused block's.
    await (await s.button('Add leave')).click();
    const red = await s.find(`${cell}[contains(@class, 'bad')]`, 'the cell turned red');
    assert.match(await red.attribute('title'), /is on vacation \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2} but is on \w+ in Block 3/);
    await ui.snap('schedule-leave');
    await (await s.find("//button[starts-with(@aria-label, 'Remove Vacation')]", 'the remove button')).click();
    await s.until('the clash to go', async () => !/\bbad\b/.test(await (await s.find(cell, 'the cell')).attribute('class')));
  }));

test('the schedule exports as a PDF with the grid, the legend and the affiliate sites', () =>
  ui.steps('schedule-export-failure', async (s) => {
    await (await s.button('Export PDF…')).click();
    await (await s.button('Export schedule PDF')).click();
    const path = await savedPdf(s, 60000);
    assert.match(path, /GS-2026-2027-schedule\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    assert.match(text, /Block schedule 2026-2027/);
    assert.match(text, /Legend/);
    assert.match(text, /Who comes when: St\. Brigid General Surgery Service/);
    await ui.snap('schedule-exported');
  }));
