// Work hours in the real window, on the demo program: the residents over a rule are listed; the
// first one's compliance names the rule and the figure; a pending entry is approved, a new entry
// that overlaps another is refused, saying why; the program's compliance PDF is exported, then
// from the same panel the current year's accreditation summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appUnderTest, savedPdf } from './app.mjs';

const ui = appUnderTest('hours', 50);

test('a coordinator sees a resident over a rule, with the figure, and approves their hours', () =>
  ui.steps('hours-failure', async (s) => {
    await s.heading('Welcome to Rotunda');
    await (await s.button('Start')).click();
    await (await s.button('Load demo program', 60000)).click();
    await s.heading('Years and Blocks', 60000);
    await (await s.button('Hours')).click();
    await s.heading('Work hours');

    // Three residents of the demo broke a rule; the screen opens on the one with the most.
    const over = await s.find("//nav[@aria-label='Residents over a rule']//button[@aria-current='true']", 'the first resident over a rule');
    const who = (await over.text()).split(' · ')[0];
    assert.equal((await s.findAll("//nav[@aria-label='Residents over a rule']//button")).length, 3);
    const broken = await s.find("//section[@aria-label='Compliance']//ul[contains(@class,'violations')]/li", 'a broken rule');
    assert.match(await broken.text(), /80 hours a week, averaged over four weeks: \d+\.\d hours a week over \d+ days \(limit 80\)/);
    await s.find("//section[@aria-label='Compliance']//*[name()='svg']", 'the chart');
    const chosen = await s.script("return document.querySelector('header select').selectedOptions[0].textContent");
    assert.ok(String(chosen).startsWith(who), `${chosen} is ${who}`);
    await ui.snap('hours-compliance');

    // Approve what waits.
    const heading = await s.find("//section[@aria-label='Entries']/h2", 'the entries heading');
    const waiting = Number(/\((\d+) pending\)/.exec(await heading.text())?.[1]);
    assert.ok(waiting > 0, 'the last two weeks wait for approval');
    await (await s.button('Select all pending')).click();
    await (await s.button(`Approve ${waiting}`)).click();
    await s.find(`//*[@role='status' and . = '${waiting} entries approved.']`, 'the approval');
    await s.until('nothing pending', async () => /\(0 pending\)/.test(await (await s.find("//section[@aria-label='Entries']/h2")).text()));

    // An entry over another is refused, saying why.
    const first = await s.script("return document.querySelector('table[aria-label=\"Hour entries\"] tbody tr td:nth-child(2)').textContent");
    assert.ok(first);
    const entry = await s.script(
      "const b = document.querySelector('table[aria-label=\"Hour entries\"] tbody tr button'); b.click(); return document.getElementById('fix-start').value;",
    );
    await (await s.button('Cancel')).click();
    await (await s.find("//input[@id='add-start']")).setValue(entry);
    const end = new Date(`${entry}:00Z`);
    end.setUTCHours(end.getUTCHours() + 2);
    await (await s.find("//input[@id='add-end']")).setValue(end.toISOString().slice(0, 16));
    await (await s.button('Add entry')).click();
    await s.find("//form[@aria-label='Add entry']//*[contains(., 'already has hours recorded in part of that time')]", 'the overlap named');
    await ui.snap('hours-approved');

    // The compliance report of the program: the resident over the rule is in it, with the rule.
    await (await s.button('Export PDF…')).click();
    await (await s.button('Export compliance PDF')).click();
    const path = await savedPdf(s, 60000);
    assert.match(path, /GS-hours-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    assert.match(text, /Work-hour compliance/);
    assert.ok(text.includes(who), `${who} is in the report`);
    assert.match(text, /80 hours a week, averaged over four weeks: /);
    await ui.snap('hours-exported');

    // The accreditation summary of the current year, from the same export panel.
    await (await s.find("//fieldset//input[@type='radio' and @value='accreditation']", 'the accreditation choice')).click();
    await (await s.button('Export accreditation PDF')).click();
    const summary = await savedPdf(s, 60000);
    assert.match(summary, /GS-\d{4}-\d{4}-accreditation\.pdf$/);
    assert.equal(readFileSync(summary).subarray(0, 5).toString('latin1'), '%PDF-');
    const said = execFileSync('pdftotext', ['-layout', summary, '-'], { encoding: 'utf8' });
    assert.match(said, /Accreditation summary — GS \d{4}-\d{4}/);
    assert.match(said, /Participation agreements/);
    await ui.snap('hours-accreditation');
  }));
