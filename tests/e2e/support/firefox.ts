/**
 * Firefox ESR with the built extension, driven by puppeteer-core over WebDriver BiDi (Debian's
 * /usr/bin/firefox-esr). A fixed moz-extension UUID (pref extensions.webextensions.uuids) lets
 * the tests open the extension's own pages by URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { tabIdOf } from './extension';
import type { ExtensionApi, Harness, TestPage } from './harness';
import { DIST, requireInstalled } from './paths';

const UUID = '5b0b3d4e-7c1a-4f57-9d1e-c0c0a1a1c1a1';
const ORIGIN = `moz-extension://${UUID}`;

/**
 * Opens one of the extension's pages. The load crosses into the extension process, and
 * puppeteer's BiDi client does not always see that navigation finish, so it is not awaited;
 * instead, wait until the page's own document is complete.
 */
async function openExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 3_000 }).catch(() => undefined);
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const state = await page.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => null);
    if (state?.href === url && state.ready === 'complete') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The extension page ${url} did not load`);
}

function wrap(page: Page): TestPage {
  return {
    get url() {
      return page.url();
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    bringToFront: () => page.bringToFront(),
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage: true });
    },
    close: () => page.close(),
  };
}

export async function launchFirefox(): Promise<Harness> {
  const executablePath = requireInstalled('firefox');
  const manifest = JSON.parse(readFileSync(join(DIST.firefox, 'manifest.json'), 'utf8'));
  const geckoId: string = manifest.browser_specific_settings.gecko.id;
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocol: 'webDriverBiDi',
    // Firefox's remote agent refuses to navigate to moz-extension: pages unless told that the
    // client may reach privileged pages; the specs open the extension's own pages by URL.
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }),
      // Offline: no update checks, telemetry or remote settings from the browser itself.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'extensions.update.enabled': false,
    },
  });
  await browser.installExtension(DIST.firefox);

  // An extension page kept open in its own tab: our privileged context for `inExtension`.
  let helper: Page | null = null;
  const extensionPage = async () => {
    if (!helper || helper.isClosed()) {
      helper = await browser.newPage();
      await openExtensionPage(helper, `${ORIGIN}/src/popup/index.html?tab=-1`);
    }
    return helper;
  };

  const harness: Harness = {
    name: 'firefox',
    async openPage(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return wrap(page);
    },
    inExtension: async (fn, arg) =>
      (await extensionPage()).evaluate(
        (source: string, value: unknown) =>
          new Function('api', 'arg', `return (${source})(api, arg);`)(
            (globalThis as unknown as { browser: ExtensionApi }).browser,
            value,
          ),
        fn.toString(),
        arg as never,
      ) as never,
    async openPopup(page) {
      // Firefox opens an action popup only on a user gesture, so the popup is opened as a page
      // for the page's tab, which is what the popup itself does with `?tab=`.
      const tabId = await tabIdOf(harness, page);
      const popup = await browser.newPage();
      await openExtensionPage(popup, `${ORIGIN}/src/popup/index.html?tab=${tabId}`);
      return wrap(popup);
    },
    close: () => browser.close(),
  };
  return harness;
}
