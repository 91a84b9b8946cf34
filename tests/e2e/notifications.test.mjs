// Notifications in the real window, on the demo program: the sidebar counts the unread ones the
// demo's rules raised; the centre lists them (a CCC invitation among them) and marks one read,
// and the count follows; the program's clock is set in Settings; the webhook settings send a test
// to a server on loopback, which receives it with its idempotency key, and keep the signing secret
// in the keyring, not on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { appUnderTest } from './app.mjs';

const ui = appUnderTest('notifications', 60);

/** A webhook on loopback that answers 204 and keeps what it was sent. */
async function webhook() {
  const seen = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ key: req.headers['idempotency-key'], signature: req.headers['x-rotunda-signature'], body });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, seen, close: () => server.close() };
}

test('the office reads its notifications and sets up the webhook', () =>
  ui.steps('notifications-failure', async (s) => {
    const hook = await webhook();
    try {
      await s.heading('Welcome to Rotunda');
      await (await s.button('Start')).click();
      await (await s.button('Load demo program', 60000)).click();
      await s.heading('Years and Blocks', 60000);

      // The sidebar's badge counts what the demo's rules raised.
      const badge = await s.find("//nav[@aria-label='Main']//span[contains(@class,'badge')]", 'the unread badge', 90000);
      const unread = Number(await badge.text());
      assert.ok(unread > 0, `${unread} unread`);

      await (await s.find("//nav[@aria-label='Main']//button[starts-with(., 'Notifications')]")).click();
      await s.heading('Notifications');
      await s.find(`//*[@aria-label='Unread notifications' and . = '${unread} unread']`, 'the unread count');
      const invitation = await s.find("//ul[@aria-label='Notification list']//b[starts-with(., 'CCC meeting on ')]", 'a CCC invitation');
      const title = await invitation.text();
      assert.match(title, /^CCC meeting on \d{4}-\d{2}-\d{2}$/);
      await ui.snap('notifications-centre');

      // Marking one read lowers the count, here and in the sidebar.
      await (await s.button(`Mark read: ${title}`)).click();
      await s.find(`//*[@aria-label='Unread notifications' and . = '${unread - 1} unread']`, 'one fewer unread');
      await s.until('the badge follows', async () => Number(await badge.text()) === unread - 1);

      // The program's clock: an unknown zone is refused beside the field, a real one is kept.
      await (await s.find("//nav[@aria-label='Main']//button[. = 'Settings']")).click();
      await s.heading('Settings');
      await (await s.find("//input[@id='program-time-zone']", 'the time zone')).setValue('Mars/Olympus');
      await (await s.button('Save program')).click();
      await s.find("//*[@id='program-time-zone-error' and contains(., 'not a time zone')]", 'the zone refused');
      await (await s.find("//input[@id='program-time-zone']")).setValue('America/Chicago');
      await (await s.button('Save program')).click();
      await s.find("//div[@aria-label='Program']//*[@role='status' and . = 'Saved.']", 'the program saved');
      await ui.snap('settings-program');

      // The webhook: a test reaches the loopback server, signed with the secret typed.
      await (await s.find("//input[@id='webhook-url']", 'the webhook address')).setValue(hook.url);
      await (await s.find("//input[@id='webhook-secret']")).setValue('e2e-signing-secret');
      await (await s.button('Send test')).click();
      await s.find("//*[@role='status' and . = 'The webhook took the test.']", 'the test delivered', 30000);
      assert.equal(hook.seen.length, 1);
      assert.match(hook.seen[0].key, /^[0-9a-f-]{36}$/);
      assert.match(hook.seen[0].signature, /^sha256=[0-9a-f]{64}$/);
      assert.equal(JSON.parse(hook.seen[0].body).kind, 'test');

      // Plain http to another computer is refused beside the address.
      await (await s.find("//input[@id='webhook-url']")).setValue('http://hooks.example.org/x');
      await (await s.button('Save webhook')).click();
      await s.find("//*[@id='webhook-url-error' and contains(., 'HTTPS')]", 'the address refused');

      await (await s.find("//input[@id='webhook-url']")).setValue(hook.url);
      await (await s.find("//input[@id='webhook-secret']")).setValue('e2e-signing-secret');
      await (await s.button('Save webhook')).click();
      await s.find("//*[@role='status' and starts-with(., 'Saved. New notifications are posted')]", 'the webhook saved');
      const placeholder = await s.script("return document.getElementById('webhook-secret').placeholder");
      assert.equal(placeholder, 'Kept in this computer’s keyring');
      assert.equal(await s.script("return document.getElementById('webhook-secret').value"), '');
      await ui.snap('notifications-webhook');
    } finally {
      hook.close();
    }
  }));
