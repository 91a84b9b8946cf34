// The block schedule in the real window: open the demo program's grid, type a rotation into a
// cell that breaks coverage (the clinic is closed in the holiday block), see the red cell and the
// red coverage mark with the reason, and undo it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './app.mjs';

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
    await (await s.find(cell, "the first resident's block 6")).click();
    await (await s.find(cell, 'the cell')).press(ENTER);
    const input = await s.find("//input[contains(@class, 'cell-input')]", 'the code input');
    await input.type('clin');
    await input.press(ENTER);

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
    await s.until('the cell is empty again', async () => (await (await s.find(cell, 'the cell')).text()) === '');
    const after = await s.find("//tfoot//td[contains(@class, 'coverage')][6]", 'block 6 coverage');
    assert.doesNotMatch(await after.attribute('title'), /CLIN is closed/);
  }));
