// A small W3C WebDriver client for tauri-driver: just what the E2E suite uses. Elements are found
// the way a person finds them: by a label's text, a button's name, a role or a heading.
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, { attempts = 50 } = {}) {
    let lastError;
    for (let i = 0; i < attempts; i++) {
      try {
        const body = await request(base, 'POST', '/session', {
          capabilities: { alwaysMatch: { 'tauri:options': { application } } },
        });
        return new Session(base, body.value.sessionId);
      } catch (e) {
        lastError = e;
        await sleep(200);
      }
    }
    throw new Error(`tauri-driver gave no session: ${lastError}`);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body).then((r) => r.value);
  }

  async quit() {
    await this.cmd('DELETE', '');
  }

  async closeWindow() {
    await this.cmd('DELETE', '/window');
  }

  /** Waits until `probe` returns a truthy value, polling; fails with `what` after `timeoutMs`. */
  async until(what, probe, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        last = await probe();
        if (last) return last;
      } catch (e) {
        last = e;
      }
      await sleep(150);
    }
    throw new Error(`Timed out waiting for ${what} (last: ${last})`);
  }

  async findAll(xpath) {
    const found = await this.cmd('POST', '/elements', { using: 'xpath', value: xpath });
    return found.map((e) => new Element(this, e[ELEMENT]));
  }

  async find(xpath, what = xpath, timeoutMs) {
    return this.until(what, async () => (await this.findAll(xpath))[0], timeoutMs);
  }

  /** The input a `<label>` with this text points at. */
  async field(label, timeoutMs) {
    const lbl = await this.find(`//label[normalize-space(.)=${quote(label)}]`, `the field labelled "${label}"`, timeoutMs);
    const id = await lbl.attribute('for');
    if (id) return this.find(`//*[@id=${quote(id)}]`, `the input of "${label}"`);
    return this.find(`//label[normalize-space(.)=${quote(label)}]//input`, `the input inside "${label}"`);
  }

  async button(name, timeoutMs) {
    const q = quote(name);
    return this.find(`//button[@aria-label=${q} or (not(@aria-label) and normalize-space(.)=${q})]`, `the button "${name}"`, timeoutMs);
  }

  async heading(text, timeoutMs) {
    return this.find(`//*[self::h1 or self::h2 or self::h3][normalize-space(.)=${quote(text)}]`, `the heading "${text}"`, timeoutMs);
  }

  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  async script(source, ...args) {
    return this.cmd('POST', '/execute/sync', { script: source, args: args.map((a) => (a instanceof Element ? a.ref() : a)) });
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  ref() {
    return { [ELEMENT]: this.id };
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  /** Clicks the element's centre, first scrolled to the middle of its scroll box: WebDriver's own
   *  scrolling stops at the edge, where a fixed bar (the status bar) may cover it. */
  async click() {
    await this.session.script("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });", this);
    return this.cmd('POST', '/click', {});
  }

  text() {
    return this.cmd('GET', '/text');
  }

  attribute(name) {
    return this.cmd('GET', `/attribute/${name}`);
  }

  property(name) {
    return this.cmd('GET', `/property/${name}`);
  }

  async type(text) {
    await this.cmd('POST', '/clear', {});
    await this.cmd('POST', '/value', { text });
  }

  /** Sends keys to the element without clearing it first (WebDriver key codes: \uE007 is Enter). */
  async press(keys) {
    await this.cmd('POST', '/value', { text: keys });
  }

  /** Chooses a file in an <input type="file">, replacing any chosen before. */
  async chooseFile(path) {
    await this.cmd('POST', '/value', { text: path });
  }

  /** Sets a value the way a date picker does: WebKit's date inputs take no typed keys. */
  async setValue(value) {
    await this.session.script(
      `const el = arguments[0]; el.value = arguments[1];
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
      this,
      value,
    );
  }

  async findAll(xpath) {
    const found = await this.cmd('POST', '/elements', { using: 'xpath', value: xpath });
    return found.map((e) => new Element(this.session, e[ELEMENT]));
  }
}

export function quote(text) {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return `concat('${text.replaceAll("'", `', "'", '`)}')`;
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${json?.value?.message ?? JSON.stringify(json)}`);
  }
  return json;
}
