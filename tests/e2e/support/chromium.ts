/** Chromium with the built extension, driven by playwright-core (Debian's /usr/bin/chromium). */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { chromiumFlags } from '../../support/chromium-flags';
import { attachTarget, waitForTarget } from './cdp-target';
import { ErrorLog } from './errors';
import {
  type ExtensionApi,
  type Harness,
  type LaunchOptions,
  PAGE_LOAD_MS,
  type TestPage,
  untilVisible,
} from './harness';
import { initiatedByExtension, NetworkLog } from './network';
import { DIST, requireInstalled } from './paths';

function wrap(page: Page): TestPage {
  const wrapped: TestPage = {
    get url() {
      return page.url();
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load', timeout: PAGE_LOAD_MS });
    },
    bringToFront: async () => {
      await page.bringToFront();
      if (!(await untilVisible(wrapped)))
        throw new Error(`${page.url()} was still hidden after it was brought to the front`);
    },
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
  return wrapped;
}

interface ExceptionDetails {
  text: string;
  url?: string;
  exception?: { description?: string };
  stackTrace?: { callFrames: { url: string }[] };
}

interface Target {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Records every request and every uncaught exception of every page and worker (the extension's
 * service worker, popup and options included; in pages, the content script's world too) through
 * a browser-level CDP session of its own: each target is attached (non-flattened, like
 * cdp-target.ts) with the Network and Runtime domains on.
 */
async function watchTargets(cdp: CDPSession, log: NetworkLog, errors: ErrorLog): Promise<void> {
  const targets = new Map<string, string>(); // CDP session id → the target's URL now
  const sessions = new Map<string, string>(); // target id → CDP session id
  const seen = new Set<string>();
  cdp.on('Target.targetInfoChanged', (event: { targetInfo: Target }) => {
    const sessionId = sessions.get(event.targetInfo.targetId);
    if (sessionId) targets.set(sessionId, event.targetInfo.url);
  });
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const from = targets.get(event.sessionId);
    if (from === undefined) return;
    const message = JSON.parse(event.message) as {
      method?: string;
      params?: {
        request: { url: string };
        documentURL?: string;
        initiator?: Parameters<typeof initiatedByExtension>[0];
        exceptionDetails?: ExceptionDetails;
      };
    };
    if (message.method === 'Runtime.exceptionThrown' && message.params?.exceptionDetails) {
      const details = message.params.exceptionDetails;
      const scripts = [details.url ?? '', ...(details.stackTrace?.callFrames ?? []).map((frame) => frame.url)];
      errors.record({
        text: `${details.text} ${details.exception?.description ?? ''}`.trim(),
        from,
        scripts: scripts.filter((url) => url !== ''),
      });
      return;
    }
    if (message.method !== 'Network.requestWillBeSent' || !message.params) return;
    const { request, documentURL, initiator } = message.params;
    log.record({ url: request.url, from: documentURL || from, byContentScript: initiatedByExtension(initiator) });
  });
  const attach = async (target: Target) => {
    if (seen.has(target.targetId) || !['page', 'service_worker', 'background_page'].includes(target.type)) return;
    seen.add(target.targetId);
    try {
      const { sessionId } = (await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      })) as {
        sessionId: string;
      };
      targets.set(sessionId, target.url);
      sessions.set(target.targetId, sessionId);
      for (const [id, method] of [
        [1, 'Network.enable'],
        [2, 'Runtime.enable'],
      ] as const) {
        await cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params: {} }),
        });
      }
    } catch {
      // The target closed before it could be attached: it did nothing we could miss later.
    }
  };
  cdp.on('Target.targetCreated', (event: { targetInfo: Target }) => void attach(event.targetInfo));
  await cdp.send('Target.setDiscoverTargets', { discover: true });
}

/** Sets the profile's default for JavaScript to "blocked", as chrome://settings/content does. */
function blockJavaScript(profile: string): void {
  const file = join(profile, 'Default', 'Preferences');
  const prefs = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  prefs.profile = { ...prefs.profile, default_content_setting_values: { javascript: 2 } };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(prefs));
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Harness> {
  const executablePath = requireInstalled('chromium');
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'counterclaim-chromium-'));
  // Page scripts off the way a reader turns them off: JavaScript blocked for every site, in the
  // profile's settings (DevTools' emulation would be a different switch).
  if (options.pageScripts === false) blockJavaScript(profile);
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false, // the flags below choose the new headless mode, which runs extensions
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    args: chromiumFlags(options.extensionDir ?? DIST.chromium),
  });
  const firstWorker: Worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  // URL.origin is "null" for non-special schemes such as chrome-extension:, so build it.
  const extensionOrigin = `chrome-extension://${new URL(firstWorker.url()).host}`;
  /** Answers within a second: a stopped worker's handle never does. */
  const alive = (w: Worker) =>
    Promise.race([
      w.evaluate(() => true).catch(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000)),
    ]);
  /**
   * The extension's service worker now. Chrome stops it when idle (and stopBackground does);
   * a message from one of the extension's pages starts it again.
   */
  const currentWorker = async (): Promise<Worker> => {
    const end = Date.now() + 20_000;
    let woken = false;
    for (;;) {
      for (const w of context.serviceWorkers()) if (w.url().startsWith(extensionOrigin) && (await alive(w))) return w;
      if (Date.now() > end) throw new Error("The extension's service worker did not start");
      if (!woken) {
        woken = true;
        // A message from one of the extension's pages starts the worker.
        const page = await context.newPage();
        try {
          await page.goto(`${extensionOrigin}/src/options/index.html`, { waitUntil: 'load' });
          await page.evaluate(() =>
            (globalThis as unknown as { chrome: ExtensionApi }).chrome.runtime
              .sendMessage({ type: 'tab-state', tabId: -1 })
              .catch(() => undefined),
          );
        } finally {
          await page.close();
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const network = new NetworkLog(() => extensionOrigin);
  const errors = new ErrorLog();
  const browserForWatch = context.browser();
  if (!browserForWatch) throw new Error('No browser-level CDP session for this context');
  await watchTargets(await browserForWatch.newBrowserCDPSession(), network, errors);
  let cdpSession: CDPSession | undefined;
  const browserCdp = async () => {
    const browser = context.browser();
    if (!browser) throw new Error('No browser-level CDP session for this context');
    cdpSession ??= await browser.newBrowserCDPSession();
    return cdpSession;
  };

  /** The browser's targets for the extension's service worker: none while it is stopped. */
  const workerTargets = async (cdp: CDPSession) => {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Target[] };
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(extensionOrigin));
  };

  const harness: Harness = {
    name: 'chromium',
    networkViolations: () => network.takeViolations(),
    extensionErrors: () => errors.take(),
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: PAGE_LOAD_MS });
      return wrap(page);
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${path}`, { waitUntil: 'load' });
      return wrap(page);
    },
    inExtension: async (fn, arg) =>
      (await currentWorker()).evaluate(
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
      await (await currentWorker()).evaluate(() =>
        (globalThis as unknown as { chrome: ExtensionApi }).chrome.action.openPopup(),
      );
      const cdp = await browserCdp();
      const target = await waitForTarget(
        cdp,
        (t) => t.type === 'page' && t.url.startsWith(`${extensionOrigin}/src/popup/`),
      );
      return attachTarget(cdp, target);
    },
    async stopBackground() {
      // What Chrome does to an idle worker: its target closed through the browser's own CDP
      // session, and its memory with it. A mark left in that memory first lets backgroundStatus
      // tell the worker that comes back from this one.
      await (await currentWorker()).evaluate(() => {
        (globalThis as { counterclaimBeforeStop?: boolean }).counterclaimBeforeStop = true;
      });
      const cdp = await browserCdp();
      for (const target of await workerTargets(cdp)) {
        await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
      }
      const end = Date.now() + 10_000;
      while ((await workerTargets(cdp)).length > 0) {
        if (Date.now() > end) throw new Error("The extension's service worker did not stop");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async backgroundStatus() {
      if ((await workerTargets(await browserCdp())).length === 0) return 'stopped';
      const marked = await (await currentWorker()).evaluate(
        () => (globalThis as { counterclaimBeforeStop?: boolean }).counterclaimBeforeStop === true,
      );
      return marked ? 'same' : 'restarted';
    },
    async close() {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
  return harness;
}
