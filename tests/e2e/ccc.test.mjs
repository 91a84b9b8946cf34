// The CCC in the real window: open the demo program's fall meeting, enter milestone levels for one
// resident (a bad one is named, not saved), finalize their review (refused until it says what the
// committee recommends), see the levels held by the final review, and export the meeting packet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appUnderTest, savedPdf } from './app.mjs';

const ui = appUnderTest('ccc', 30);
const ENTER = '\uE007';

test('a chair enters a resident’s levels, finalizes the review and exports the packet', () =>
  ui.steps('ccc-failure', async (s) => {
    await s.heading('Welcome to Rotunda');
    await (await s.button('Start')).click();
    await (await s.button('Load demo program', 60000)).click();
    await s.heading('Years and Blocks', 60000);
    await (await s.button('CCC')).click();
    await s.heading('CCC');
    // The newest meeting is this period's, scheduled; the agenda starts with the first PGY-1.
    const meeting = await s.find("//label[contains(., 'Meeting')]//select", 'the meeting');
    // The select is drawn before the meetings arrive; wait for them rather than read it at once.
    await s.until('a meeting is chosen', async () => (await meeting.property('value')) !== '');
    const picked = await s.find("//label[contains(., 'Meeting')]//select/option[1]", 'the first meeting');
    assert.match(await picked.text(), /fall|spring/);
    assert.match(await picked.text(), /scheduled/);
    const first = await s.find("//nav[@aria-label='Agenda']//li[1]//span[@class='name' or contains(@class,'name')]", 'the first resident');
    const name = (await first.text()).trim();
    await s.find(`//h2[starts-with(normalize-space(.), ${JSON.stringify(name)})]`, 'their name above the review');
    // Their EPA evidence, summarised per EPA, beside the review.
    const evidence = await s.find("//details[contains(@class, 'evidence')]/summary", 'the evidence');
    await s.until('the assessments are counted', async () => /EPA evidence · [1-9]\d* assessments?/.test(await evidence.text()));
    await evidence.click();
    await s.find("//details[contains(@class, 'evidence') and @open]//table[@aria-label='EPA summary']//tr[td]", 'an EPA with its count');
    await ui.snap('ccc-evidence');

    // A level the scale does not have is named beside the cell and not saved.
    const pc1 = await s.find("//input[@aria-label='PC1 level']", 'PC1');
    await pc1.click();
    await pc1.press(`3.7${ENTER}`);
    await s.find("//tr[.//input[@aria-label='PC1 level']]//td[contains(., 'is not a level')]", 'the reason beside PC1');
    await pc1.press('\uE003\uE003\uE003');
    await pc1.press(`1.5${ENTER}`);
    // Enter saves and moves on: PC2 is next.
    const pc2 = await s.find("//input[@aria-label='PC2 level']", 'PC2');
    await s.until('PC2 has the focus', async () => (await s.script("return document.activeElement?.getAttribute('aria-label')")) === 'PC2 level');
    await pc2.press(`2${ENTER}`);
    await s.until('the levels are kept', async () => {
      const a = await (await s.find("//input[@aria-label='PC1 level']")).property('value');
      const b = await (await s.find("//input[@aria-label='PC2 level']")).property('value');
      return a === '1.5' && b === '2';
    });
    // Saved and the screen redrawn (flags and levels read again) before anything else is clicked.
    await s.find("//section[starts-with(@aria-label, 'Milestone levels of') and @aria-busy='false']", 'the saving done');
    // A rated cell takes a rationale; the level stays.
    const why = await s.find("//input[@aria-label='PC1 rationale' and not(@disabled)]", 'the rationale of PC1');
    await why.click();
    await why.press(`Few cases on the list so far${ENTER}`);
    await s.until('the rationale is kept', async () => {
      const kept = await (await s.find("//input[@aria-label='PC1 rationale']")).property('value');
      const level = await (await s.find("//input[@aria-label='PC1 level']")).property('value');
      return kept === 'Few cases on the list so far' && level === '1.5';
    });
    await s.find("//section[starts-with(@aria-label, 'Milestone levels of') and @aria-busy='false']", 'the saving done');

    // Finalizing without a recommendation is refused on that field.
    await (await s.button('Finalize…')).click();
    await (await s.button('Finalize now')).click();
    await s.find("//*[contains(., 'Choose the committee') and contains(., 'recommendation')]", 'the recommendation is asked for');
    await (await s.find("//select[@id='rv-performance']/option[. = 'Meets expectations']")).click();
    await (await s.find("//select[@id='rv-recommendation']/option[. = 'Promote']")).click();
    const strengths = await s.find("//textarea[@id='rv-strengths']");
    await strengths.click();
    await strengths.press('Careful, prepared, honest about limits.');
    await (await s.button('Finalize…')).click();
    await (await s.button('Finalize now')).click();
    await s.find("//section[@aria-label='Review']//span[contains(@class,'status') and . = 'final']", 'the review is final');
    await s.find("//dd[starts-with(., '2 subcompetencies')]", 'the two levels recorded with it');
    await s.find("//p[contains(., 'The final review holds these levels')]", 'the levels are held');
    assert.equal(await (await s.find("//input[@aria-label='PC1 level']")).property('disabled'), true);
    await ui.snap('ccc-review-final');
    // The minutes name them among the residents reviewed.
    await (await s.button('Minutes')).click();
    const minutes = await s.find("//section[@aria-label='Minutes']", 'the minutes');
    assert.match(await minutes.text(), new RegExp(`Residents reviewed \\(1\\): ${name}`));
    await ui.snap('ccc-minutes');
    await (await s.button('Minutes')).click();

    await (await s.button('Export…')).click();
    await (await s.button('Export packet PDF')).click();
    const path = await savedPdf(s, 120000);
    assert.match(path, /GS-\d{4}-\d{4}-ccc-packet-(fall|spring)\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    assert.match(text, /Clinical Competency Committee/);
    assert.ok(text.includes(name), 'the resident is in the packet');
    await ui.snap('ccc-exported');

    // The period's levels as ADS lays them out: the two just entered are in the resident's row.
    await (await s.find("//label[contains(., 'Document')]//select/option[@value='levels']", 'the CSV choice')).click();
    await (await s.button('Export levels CSV')).click();
    const csv = readFileSync(await savedPdf(s, 60000, 'csv'), 'utf8').split('\n');
    assert.match(csv[0], /^Last Name,First Name,E-mail,PGY,PC1,PC2,/);
    const row = csv.find((line) => line.includes(name.split(' ').at(-1)) && /,1\.5,2,/.test(line));
    assert.ok(row, `a row with PC1 1.5 and PC2 2 for ${name}`);
  }));

test('the milestone grid takes levels by keyboard and names a bad one', () =>
  ui.steps('ccc-grid-failure', async (s) => {
    await (await s.find("//label[contains(., 'Milestone grid')]/input", 'the grid view')).click();
    await s.find("//table[@aria-label='Milestone levels']", 'the grid');
    // The first resident's review is final: their row is held.
    await (await s.find("//td[@data-cell='0:1']", "the first resident's PC2")).click();
    await (await s.find("//td[@data-cell='0:1']")).press('3');
    await s.find("//*[@role='alert' and contains(., 'review is final')]", 'the held row is said');
    // The second resident: type, Enter, and the cell shows it; the cursor moves down.
    const cell = "//td[@data-cell='1:0']";
    await (await s.find(cell, "the second resident's PC1")).click();
    await (await s.find(cell)).press('2.5');
    await (await s.find("//input[contains(@class, 'level-input')]", 'the level input')).press(ENTER);
    await s.until('the cell shows the level', async () => (await (await s.find(`${cell}/span[1]`)).text()) === '2.5');
    await (await s.find("//td[@data-cell='2:0']")).press('7');
    await (await s.find("//input[contains(@class, 'level-input')]")).press(ENTER);
    await s.find("//*[@role='alert' and contains(., 'is not a level')]", 'a bad level named');
    await ui.snap('ccc-milestone-grid');
  }));

test('a coordinator schedules the next meeting and is warned it lacks members', () =>
  ui.steps('ccc-new-failure', async (s) => {
    await (await s.find("//label[contains(., 'Resident by resident')]/input", 'the review view')).click();
    await (await s.button('New meeting…')).click();
    const period = await s.find("//input[@id='nm-period']", 'the period');
    await period.setValue('2026-2027-spring');
    await (await s.find("//input[@id='nm-date']")).setValue('2027-05-20');
    await (await s.find("//select[@id='nm-chair']/option[2]", 'a chair')).click();
    await (await s.find("//form[@aria-label='New meeting']//div[contains(@class,'members')]/label[2]/input", 'one member')).click();
    await ui.snap('ccc-new-meeting-form');
    await (await s.button('Schedule meeting')).click();
    await s.find("//*[@role='status' and contains(., 'Only 2 members present')]", 'the quorum warning');
    const picked = await s.find("//label[contains(., 'Meeting')]//select", 'the meeting');
    const chosen = await s.script('return arguments[0].selectedOptions[0].textContent', picked);
    assert.match(chosen, /2026-2027 spring — 2027-05-20 \(scheduled\)/);
    await s.find("//nav[@aria-label='Agenda']//h2[contains(., '40')]", 'every active resident on the agenda');
    await ui.snap('ccc-new-meeting');

    // A third member ticked: the warning goes.
    await (await s.button('Members…')).click();
    await (await s.find("//form[@aria-label='Members present']//label[3]/input", 'another member')).click();
    await ui.snap('ccc-members');
    await (await s.button('Save members')).click();
    await s.find("//span[contains(., '3 members present')]", 'three members present');
    assert.equal((await s.findAll("//*[@role='status' and contains(., 'Only 2 members present')]")).length, 0);

    // The chair moves the second resident to the top of the agenda.
    const second = await s.find("//nav[@aria-label='Agenda']//li[2]/button[1]", 'the second resident');
    const nameOf = async (li) =>
      String(await s.script('return arguments[0].textContent', await s.find(`//nav[@aria-label='Agenda']//li[${li}]//span[contains(@class,'name')]`))).trim();
    const who = await nameOf(2);
    await second.click();
    await (await s.button(`Move ${who} up`)).click();
    await s.until('they are first', async () => (await nameOf(1)) === who);
    await ui.snap('ccc-agenda-moved');
  }));
