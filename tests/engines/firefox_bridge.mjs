// @ts-check
/**
 * Firefox for tests/engines: a line-per-command bridge from pytest to puppeteer-core,
 * which drives Firefox ESR over WebDriver BiDi (no geckodriver, no browser download).
 *
 * Usage: node tests/engines/firefox_bridge.mjs FIREFOX_BINARY
 * Reads one JSON command a line on stdin ({"id", "cmd", "args"}), writes one JSON reply
 * a line on stdout ({"id", "value"} or {"id", "error"}). Console messages and page
 * errors are kept and handed over by the "messages" command.
 */
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const binary = process.argv[2] || "/usr/bin/firefox-esr";
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: binary,
  headless: true,
  // Firefox's own traffic (updates, telemetry, remote settings) off: the server must see only the site.
  extraPrefsFirefox: {
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
  },
});
const page = (await browser.pages())[0] || (await browser.newPage());

/** @type {{type: string, text: string}[]} */
const messages = [];
page.on("console", (message) => {
  const type = message.type() === "warn" ? "warning" : message.type();
  if (type === "error" || type === "warning") messages.push({ type, text: message.text() });
});
page.on("pageerror", (error) => messages.push({ type: "pageerror", text: String(error instanceof Error ? error.message : error) }));

/** @param {string} source a function's source  @param {unknown[]} args */
const call = (source, args) => page.evaluate(`(${source})(...${JSON.stringify(args)})`);

/** @type {Record<string, (...args: any[]) => Promise<unknown>>} */
const commands = {
  async goto(url) {
    await page.goto(url, { waitUntil: "load" });
  },
  async reload() {
    await page.reload({ waitUntil: "load" });
  },
  async js(source, args) {
    return call(source, args);
  },
  async fill(selector, text) {
    await page.$eval(selector, (el) => /** @type {HTMLInputElement} */ (el).select());
    await page.focus(selector);
    await page.keyboard.press("Backspace");
    await page.keyboard.type(text);
  },
  async press(selector, key) {
    await page.focus(selector);
    await page.keyboard.press(key);
  },
  async click(selector) {
    await page.click(selector);
  },
  async upload(selector, paths) {
    // As a reader's file picker does: WebDriver BiDi's input.setFiles, which fires "input" and "change".
    const input = /** @type {import("puppeteer-core").ElementHandle<HTMLInputElement> | null} */ (await page.$(selector));
    if (!input) throw new Error(`no ${selector} on the page`);
    await input.uploadFile(...paths);
    await input.dispose();
  },
  async messages() {
    return messages.splice(0);
  },
  async version() {
    return browser.version();
  },
  async close() {
    await browser.close();
    process.exit(0);
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, cmd, args } = JSON.parse(line);
  try {
    const value = await commands[cmd](...args);
    process.stdout.write(JSON.stringify({ id, value: value === undefined ? null : value }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, error: String(error instanceof Error ? error.message : error) }) + "\n");
  }
}
await browser.close();
