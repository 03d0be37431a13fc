/**
 * One Chromium for the whole run (Debian's /usr/bin/chromium through playwright-core, fresh
 * profile, the flags DESIGN.md asks for), with two browser contexts: the default one with the
 * built extension loaded, and a second one without it (extensions do not run in extra
 * contexts), so "with" and "without" share the browser, its processes' settings and the run.
 *
 * Network: the host resolver maps every name to NOTFOUND except 127.0.0.1, and every request
 * that does not go to loopback is sent to a closed proxy port, so IP-literal URLs fail too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { chromiumFlags } from '../../tests/support/chromium-flags';

export const CHROMIUM = '/usr/bin/chromium';

export interface BenchBrowser {
  browser: Browser;
  /** The persistent context with the built extension. */
  withExtension: BrowserContext;
  /** A context of the same browser where the extension does not run. */
  without: BrowserContext;
  worker: Worker;
  extensionOrigin: string;
  /** The browser-level CDP session (Tracing). */
  cdp: CDPSession;
  version: string;
  close(): Promise<void>;
}

export async function launch(extensionDir: string): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'counterclaim-bench-'));
  const withExtension = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // the flags choose the new headless mode, which runs extensions
    viewport: { width: 1280, height: 800 },
    args: [
      ...chromiumFlags(extensionDir),
      // Also IP-literal URLs fail: every request that is not to loopback goes to a closed port.
      '--proxy-server=http://127.0.0.1:9',
      '--proxy-bypass-list=127.0.0.1',
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    ],
  });
  const worker =
    withExtension.serviceWorkers()[0] ?? (await withExtension.waitForEvent('serviceworker', { timeout: 30_000 }));
  const browser = withExtension.browser();
  if (!browser) throw new Error('playwright-core gave no Browser for the persistent context');
  const without = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const cdp = await browser.newBrowserCDPSession();
  return {
    browser,
    withExtension,
    without,
    worker,
    extensionOrigin: `chrome-extension://${new URL(worker.url()).host}`,
    cdp,
    version: browser.version(),
    async close() {
      await without.close().catch(() => undefined);
      await withExtension.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Evaluates code in a fresh isolated world of the page's main frame, as content scripts run. */
export class IsolatedWorld {
  private constructor(
    private readonly session: CDPSession,
    private readonly contextId: number,
  ) {}

  static async create(page: Page, name: string): Promise<IsolatedWorld> {
    const session = await page.context().newCDPSession(page);
    const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: name,
      grantUniveralAccess: false,
    })) as { executionContextId: number };
    return new IsolatedWorld(session, executionContextId);
  }

  async eval<T>(expression: string): Promise<T> {
    const reply = (await this.session.send('Runtime.evaluate', {
      expression,
      contextId: this.contextId,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (reply.exceptionDetails) {
      throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    }
    return reply.result.value as T;
  }

  /**
   * A full garbage collection, before each timed run: it also drops the JS strings Blink made
   * for text nodes' data, so every run starts as the first scan of a fresh page does, instead
   * of reusing the strings the previous run (of another contender) materialized.
   */
  async gc(): Promise<void> {
    await this.session.send('HeapProfiler.collectGarbage');
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined);
  }
}

/**
 * Waits until the content script has started scanning, then until the page's main thread is
 * idle. The highlight registry is shared with the page (HIGHLIGHTS.md §4): our names appear in
 * the task that runs the first slice, and the slices then follow one another as tasks, so the
 * first long idle period after that comes once the scan, sync and report are done. (Polling the
 * background instead breaks when Chromium stops the idle service worker mid-run.)
 */
export async function waitForExtension(page: Page, ms = 15_000): Promise<boolean> {
  const started = await page
    .evaluate(
      (limit) =>
        new Promise<boolean>((resolve) => {
          const t0 = performance.now();
          const names = [
            'counterclaim-dispute',
            'counterclaim-dispute-tint',
            'counterclaim-claim',
            'counterclaim-claim-tint',
          ];
          const poll = () => {
            if (names.some((n) => CSS.highlights.has(n))) resolve(true);
            else if (performance.now() - t0 > limit) resolve(false);
            else setTimeout(poll, 10);
          };
          poll();
        }),
      ms,
    )
    .catch(() => false);
  await pageIdle(page);
  return started;
}

/** Resolves at the first idle period of at least 40 ms (or after 2 s). */
export function pageIdle(page: Page): Promise<void> {
  return page
    .evaluate(
      () =>
        new Promise<void>((resolve) => {
          const t0 = performance.now();
          const check = (deadline: IdleDeadline) => {
            if (deadline.timeRemaining() >= 40 || performance.now() - t0 > 2000) resolve();
            else requestIdleCallback(check, { timeout: 500 });
          };
          requestIdleCallback(check, { timeout: 500 });
        }),
    )
    .catch(() => undefined);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]);
}

/** How long the page's scripts must stay quiet before a fresh load counts as done. */
const QUIET_MS = 150;

/**
 * Opens `url` fresh in a new tab with the extension and waits until the content script has
 * started and then every script in the page has been quiet for QUIET_MS, without running any
 * script in the page itself (so a trace can take all script time after the injection as the
 * extension's): the content script's isolated world shows up as a new execution context of the
 * extension's origin, and the page's script time comes from CDP `Performance` metrics.
 * Resolves whether the content script started within `limitMs`.
 */
export async function loadWithExtension(b: BenchBrowser, page: Page, url: string, limitMs = 25_000): Promise<boolean> {
  const session = await b.withExtension.newCDPSession(page);
  try {
    let started = false;
    session.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.origin === b.extensionOrigin) started = true;
    });
    await session.send('Runtime.enable');
    await session.send('Performance.enable');
    // The content script starts at document_idle: at DOMContentLoaded or soon after.
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: limitMs });
    const scriptTime = async () => {
      const { metrics } = await session.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
    };
    const t0 = Date.now();
    let last = await scriptTime();
    let quietSince = Date.now();
    while (Date.now() - t0 < limitMs) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const now = await scriptTime();
      if (now !== last || !started) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= QUIET_MS) break;
    }
    return started;
  } finally {
    await session.detach().catch(() => undefined);
  }
}
