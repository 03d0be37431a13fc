/** Chromium with the built extension, driven by playwright-core (Debian's /usr/bin/chromium). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { chromiumFlags } from '../../support/chromium-flags';
import { attachTarget, waitForTarget } from './cdp-target';
import type { ExtensionApi, Harness, LaunchOptions, TestPage } from './harness';
import { DIST, requireInstalled } from './paths';

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
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key as never),
    addScript: async (source) => {
      await page.evaluate(source);
    },
    colorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    async inClosedRoot(hostSelector, fn) {
      const cdp = await page.context().newCDPSession(page);
      try {
        type DomNode = { nodeName: string; backendNodeId: number; children?: DomNode[]; shadowRoots?: DomNode[] };
        const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
        const name = hostSelector.toUpperCase();
        const find = (node: DomNode): DomNode | undefined =>
          node.nodeName === name ? node : (node.children ?? []).map(find).find(Boolean);
        const shadow = find(root)?.shadowRoots?.[0];
        if (!shadow) return null;
        const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
        const { result } = await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId as string,
          functionDeclaration: fn.toString(),
          arguments: [{ objectId: object.objectId as string }],
          returnByValue: true,
          awaitPromise: true,
        });
        return result.value as never;
      } finally {
        await cdp.detach();
      }
    },
    screenshot: async (path, fullPage = false) => {
      await page.screenshot({ path, fullPage });
    },
    close: () => page.close(),
  };
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Harness> {
  const executablePath = requireInstalled('chromium');
  const profile = mkdtempSync(join(tmpdir(), 'counterclaim-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false, // the flags below choose the new headless mode, which runs extensions
    javaScriptEnabled: options.pageScripts !== false,
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    args: chromiumFlags(DIST.chromium),
  });
  const worker: Worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  // URL.origin is "null" for non-special schemes such as chrome-extension:, so build it.
  const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
  let cdpSession: CDPSession | undefined;
  const browserCdp = async () => {
    const browser = context.browser();
    if (!browser) throw new Error('No browser-level CDP session for this context');
    cdpSession ??= await browser.newBrowserCDPSession();
    return cdpSession;
  };

  const harness: Harness = {
    name: 'chromium',
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return wrap(page);
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${path}`, { waitUntil: 'load' });
      return wrap(page);
    },
    inExtension: (fn, arg) =>
      worker.evaluate(
        // Playwright serialises the function; `chrome` is the service worker's own global.
        ([source, value]) =>
          new Function('api', 'arg', `return (${source})(api, arg);`)(
            (globalThis as unknown as { chrome: ExtensionApi }).chrome,
            value,
          ),
        [fn.toString(), arg] as const,
      ) as never,
    async openPopup(page) {
      // The real popup, opened the way the toolbar button opens it, for the active tab.
      await page.bringToFront();
      await worker.evaluate(() => (globalThis as unknown as { chrome: ExtensionApi }).chrome.action.openPopup());
      const cdp = await browserCdp();
      const target = await waitForTarget(
        cdp,
        (t) => t.type === 'page' && t.url.startsWith(`${extensionOrigin}/src/popup/`),
      );
      return attachTarget(cdp, target);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return harness;
}
