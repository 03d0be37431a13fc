/**
 * Firefox ESR with the built extension, driven by puppeteer-core over WebDriver BiDi (Debian's
 * /usr/bin/firefox-esr). A fixed moz-extension UUID (pref extensions.webextensions.uuids) lets
 * the tests open the extension's own pages by URL.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ErrorLog } from './errors';
import { tabIdOf, tabWithUrl } from './extension';
import {
  type ExtensionApi,
  type Harness,
  type LaunchOptions,
  PAGE_LOAD_MS,
  type TestPage,
  untilVisible,
} from './harness';
import { NetworkLog } from './network';
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

/** Raw WebDriver BiDi, for what puppeteer does not wrap (closed shadow roots, network events). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: { result: { value?: unknown; shadowRoot?: unknown } } }>;
  on(event: string, listener: (params: never) => void): void;
}

interface LogEntry {
  type: string;
  text?: string | null;
  source?: { context?: string };
  stackTrace?: { callFrames: { url: string }[] };
}

interface BeforeRequestSent {
  context: string | null;
  navigation: string | null;
  request: { url: string; initiatorType?: string | null };
  initiator?: { type?: string };
}

/**
 * Records every request BiDi reports (puppeteer subscribes the session to the network module
 * for all contexts), with the document each browsing context shows. A script-initiated request
 * on a page whose own scripts are off can only be the content script's.
 */
function watchNetwork(bidi: BidiConnection, log: NetworkLog, errors: ErrorLog, pageScriptsOff: boolean): void {
  const documents = new Map<string, string>();
  const follow = ({ context, url }: { context: string; url: string }) => void documents.set(context, url);
  bidi.on('browsingContext.contextCreated', follow);
  bidi.on('browsingContext.navigationStarted', follow);
  bidi.on('browsingContext.load', follow);
  bidi.on('network.beforeRequestSent', (event: BeforeRequestSent) => {
    if (event.navigation && event.context) documents.set(event.context, event.request.url);
    const from = (event.context && documents.get(event.context)) || `context ${event.context}`;
    const byScript =
      event.initiator?.type === 'script' ||
      ['fetch', 'xmlhttprequest', 'beacon'].includes(event.request.initiatorType ?? '');
    log.record({ url: event.request.url, from, byContentScript: pageScriptsOff && byScript && !event.navigation });
  });
  // Uncaught exceptions, the content script's included (its frames are moz-extension: URLs).
  // Firefox gives an unhandled rejection no stack, and does not report its event page here:
  // those are left to Chromium, which runs the same code.
  bidi.on('log.entryAdded', (entry: LogEntry) => {
    if (entry.type !== 'javascript') return;
    const context = entry.source?.context;
    errors.record({
      text: entry.text ?? '',
      from: (context && documents.get(context)) || `context ${context}`,
      scripts: (entry.stackTrace?.callFrames ?? []).map((frame) => frame.url),
    });
  });
}

/**
 * Runs `body` in the browser's parent process (a chrome window, which BiDi reaches because of
 * MOZ_REMOTE_ALLOW_SYSTEM_ACCESS) with `ext` the extension's parent-side object: for what no web
 * or extension API does, suspending the event page and asking whether it runs.
 */
async function inParent(bidi: BidiConnection, geckoId: string, body: string): Promise<unknown> {
  const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as unknown as {
    result: { contexts: { context: string }[] };
  };
  const context = tree.result.contexts[0]?.context;
  if (!context) throw new Error('No chrome window to run privileged code in');
  const reply = (await bidi.send('script.evaluate', {
    expression: `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(geckoId)});
      ${body}
    })()`,
    target: { context },
    awaitPromise: true,
  })) as unknown as { result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } } };
  if (reply.result.type !== 'success')
    throw new Error(`Privileged code failed: ${reply.result.exceptionDetails?.text}`);
  return reply.result.result?.value;
}

function wrap(page: Page, bidi: BidiConnection): TestPage {
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
    colorScheme: (scheme) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]),
    async inClosedRoot(hostSelector, fn) {
      const context = (page.mainFrame() as unknown as { _id: string })._id;
      const host = await bidi.send('script.evaluate', {
        expression: `document.querySelector(${JSON.stringify(hostSelector)})`,
        target: { context },
        awaitPromise: false,
        serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
      });
      const value = host.result.result.value as { shadowRoot?: { sharedId: string } } | undefined;
      if (!value?.shadowRoot) return null;
      const reply = await bidi.send('script.callFunction', {
        functionDeclaration: fn.toString(),
        target: { context },
        arguments: [{ sharedId: value.shadowRoot.sharedId }],
        awaitPromise: true,
        resultOwnership: 'none',
      });
      return deserialize(reply.result.result) as never;
    },
    screenshot: async (path, fullPage = false) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage });
    },
    close: () => page.close(),
  };
  return wrapped;
}

/** Turns a BiDi remote value (primitives, arrays, plain objects) back into plain data. */
function deserialize(remote: unknown): unknown {
  const { type, value } = remote as { type: string; value?: unknown };
  switch (type) {
    case 'undefined':
    case 'null':
      return null;
    case 'array':
      return (value as unknown[]).map(deserialize);
    case 'object':
      return Object.fromEntries((value as [unknown, unknown][]).map(([k, v]) => [k, deserialize(v)]));
    default:
      return value;
  }
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<Harness> {
  const executablePath = requireInstalled('firefox');
  const manifest = JSON.parse(readFileSync(join(DIST.firefox, 'manifest.json'), 'utf8'));
  const geckoId: string = manifest.browser_specific_settings.gecko.id;
  // A reader who always browses privately has allowed the add-on in private windows, or it does
  // not run at all: Firefox keeps that choice in the profile.
  const privateProfile =
    options.alwaysPrivate && !options.profile ? mkdtempSync(join(tmpdir(), 'counterclaim-private-')) : undefined;
  const profile = options.profile ?? privateProfile;
  if (options.alwaysPrivate && profile) {
    writeFileSync(
      join(profile, 'extension-preferences.json'),
      JSON.stringify({ [geckoId]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] } }),
    );
  }
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocol: 'webDriverBiDi',
    ...(profile ? { userDataDir: profile } : {}),
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
      // The extension is installed afresh at each launch (a temporary add-on); a restarted
      // browser keeps its storage and its origin, as for an add-on that stayed installed.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      // Offline: everything but loopback goes to a proxy that does not exist, and fails at once.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'javascript.enabled': options.pageScripts !== false,
      // BiDi cannot emulate the scheme per page: the profile sets it (0 dark, 1 light).
      ...(options.alwaysPrivate ? { 'browser.privatebrowsing.autostart': true } : {}),
      ...(options.colorScheme
        ? { 'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1 }
        : {}),
    },
  });
  const bidi = (browser as unknown as { connection: BidiConnection }).connection;
  const network = new NetworkLog(() => ORIGIN);
  const errors = new ErrorLog();
  watchNetwork(bidi, network, errors, options.pageScripts === false);
  await browser.installExtension(options.extensionDir ?? DIST.firefox);

  // An extension page kept open in its own tab: our privileged context for `inExtension`.
  // Opened in the background: in front, it would hide the page under test, whose marks then
  // stop being registered as it scrolls (a hidden tab gets no IntersectionObserver reports).
  let helper: Page | null = null;
  const extensionPage = async () => {
    if (!helper || helper.isClosed()) {
      helper = await browser.newPage({ background: true });
      await openExtensionPage(helper, `${ORIGIN}/src/popup/index.html?tab=-1`);
    }
    return helper;
  };

  /** A message from one of the extension's pages starts a suspended event page. */
  const wakeBackground = (page: Page) =>
    page.evaluate(() =>
      (globalThis as unknown as { browser: ExtensionApi }).browser.runtime
        .sendMessage({ type: 'tab-state', tabId: -1 })
        .catch(() => undefined),
    );

  const harness: Harness = {
    name: 'firefox',
    networkViolations: () => network.takeViolations(),
    extensionErrors: () => errors.take(),
    async openPage(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: PAGE_LOAD_MS });
      // Firefox opens it as a background tab, which renders no frames (no requestAnimationFrame,
      // late IntersectionObserver reports); a reader looks at the page they opened.
      const opened = wrap(page, bidi);
      await opened.bringToFront();
      return opened;
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await openExtensionPage(page, `${ORIGIN}/${path}`);
      return wrap(page, bidi);
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
      // A page the content script runs on is first waited for, as a reader's click comes after
      // the page has loaded.
      const tabId = /^https?:/.test(page.url) ? await tabIdOf(harness, page) : await tabWithUrl(harness, page);
      const popup = await browser.newPage();
      await openExtensionPage(popup, `${ORIGIN}/src/popup/index.html?tab=${tabId}`);
      return wrap(popup, bidi);
    },
    async stopBackground() {
      // Firefox suspends an idle event page (after extensions.background.idle.timeout, 30 s)
      // through the same terminateBackground; here it is asked at once. A page suspended
      // already is started first, so the mark lands in the memory this stop takes away. An
      // event still on its way (a tab closed by the spec before, a page's last report) starts
      // it again at once, as it should; then the stop is tried again once that has passed.
      const page = await extensionPage();
      let state: unknown = null;
      for (let attempt = 0; attempt < 5 && state !== 'stopped'; attempt++) {
        if ((await inParent(bidi, geckoId, 'return ext.backgroundState;')) !== 'running') await wakeBackground(page);
        const marked = await page.evaluate(() => {
          const background = (globalThis as unknown as { browser: ExtensionApi }).browser.extension.getBackgroundPage();
          if (background) background.counterclaimBeforeStop = true;
          return background !== null;
        });
        if (!marked) throw new Error("The extension's event page is not running");
        await inParent(bidi, geckoId, 'await ext.terminateBackground();');
        await new Promise((resolve) => setTimeout(resolve, 300));
        state = await inParent(bidi, geckoId, 'return ext.backgroundState;');
      }
      if (state !== 'stopped') throw new Error(`The extension's event page did not stay stopped (${String(state)})`);
    },
    async backgroundStatus() {
      if ((await inParent(bidi, geckoId, 'return ext.backgroundState;')) !== 'running') return 'stopped';
      const marked = await (await extensionPage()).evaluate(
        () =>
          (globalThis as unknown as { browser: ExtensionApi }).browser.extension.getBackgroundPage()
            ?.counterclaimBeforeStop === true,
      );
      return marked ? 'same' : 'restarted';
    },
    close: async () => {
      await browser.close();
      if (privateProfile) rmSync(privateProfile, { recursive: true, force: true });
    },
  };
  return harness;
}
