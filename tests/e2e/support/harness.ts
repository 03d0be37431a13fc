/**
 * What a spec needs from a browser with the built extension loaded, the same for Chromium
 * (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi), so every spec runs in both.
 */
import type { BrowserName } from './paths';

/** A tab: code runs in the page's own world (what the page's scripts would see). */
export interface TestPage {
  readonly url: string;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  goto(url: string): Promise<void>;
  /** Makes the tab the active one, and resolves once the page itself reports it visible. */
  bringToFront(): Promise<void>;
  /** Real input events, as a reader's mouse and keyboard send them. */
  mouseMove(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  press(key: string): Promise<void>;
  /**
   * Runs `fn` on the closed shadow root of the first element matching `hostSelector`, which
   * page scripts cannot reach (Chromium: CDP DOM with pierce; Firefox: BiDi serialization with
   * includeShadowTree "all"). Null when there is no such host.
   */
  /** Runs a script's source text in the page (for axe-core), whatever the page's CSP. */
  addScript(source: string): Promise<void>;
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  inClosedRoot<R>(hostSelector: string, fn: (root: ShadowRoot) => R): Promise<R | null>;
  /** A PNG of the viewport, or of the whole page with `fullPage`. */
  screenshot(path: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface Harness {
  readonly name: BrowserName;
  openPage(url: string): Promise<TestPage>;
  /**
   * Runs `fn` with the extension's privileges (Chromium: the service worker; Firefox: an
   * extension page). `api` is `browser` in Firefox and `chrome` in Chromium, both promise-based.
   */
  inExtension<R, A = undefined>(fn: (api: ExtensionApi, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** One of the extension's own pages (e.g. "src/options/index.html") in a new tab. */
  openExtensionPage(path: string): Promise<TestPage>;
  /** The extension's popup for the tab showing `page`. */
  openPopup(page: TestPage): Promise<TestPage>;
  /**
   * Requests the extension made that leave the machine, since the last call (network.ts);
   * the session fails the running spec on any.
   */
  networkViolations(): string[];
  /**
   * Uncaught exceptions and rejections of the extension's (errors.ts) since the last call; the
   * session fails the running spec on any.
   */
  extensionErrors(): string[];
  /**
   * Stops the background the way the browser stops an idle one, its memory with it (Chromium:
   * the service worker's target is closed; Firefox: the event page is suspended as after its
   * idle timeout), after leaving a mark in that memory; resolves once the browser reports it
   * stopped. Something the extension is sent then starts it again.
   */
  stopBackground(): Promise<void>;
  /**
   * The background now: 'stopped'; or running and still holding the mark stopBackground left
   * ('same'), or running without it, a new one with its memory lost ('restarted').
   */
  backgroundStatus(): Promise<'stopped' | 'same' | 'restarted'>;
  close(): Promise<void>;
}

/**
 * How long a page may take to load. The hostile fixtures build their 10 MB or 200,000-node parts
 * as they load, which took over 30 s (the drivers' default) when four browsers shared the two
 * cores.
 */
export const PAGE_LOAD_MS = 90_000;

/** The subset of the WebExtension API the specs use, typed loosely on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: the API object differs between browsers
export type ExtensionApi = any;

export interface LaunchOptions {
  /**
   * false turns JavaScript off for every site, as a reader can in the browser's settings (the
   * extension's content scripts still run), so any DOM change is ours.
   */
  pageScripts?: boolean;
  /**
   * A profile folder kept after close, so a second launch with it is the same browser restarted
   * (settings and storage as the reader left them). Default: a fresh profile, removed on close.
   */
  profile?: string;
  /**
   * The extension's folder instead of dist/<browser>: a copy the spec changes between launches,
   * so that a second launch with the same profile is an update of the extension.
   */
  extensionDir?: string;
  /** The scheme pages see from the start (prefers-color-scheme); the system's when unset. */
  colorScheme?: 'light' | 'dark';
  /** Firefox only: the reader's setting "Always use private browsing mode". */
  alwaysPrivate?: boolean;
}

export type Launch = (options?: LaunchOptions) => Promise<Harness>;

/**
 * Waits up to `ms` for the page to report itself visible, and says whether it did: a tab just
 * brought to the front can report itself hidden for a while on a busy machine, and a hidden page
 * renders no frames and gets no IntersectionObserver reports, so its marks near the viewport are
 * not registered yet. The waits are on this side: page timers do not run with page scripts off.
 */
export async function untilVisible(page: Pick<TestPage, 'evaluate'>, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  // A hostile page that broke its own world's built-ins cannot be asked (the drivers evaluate in
  // that world): it is taken as visible, as before this wait existed.
  const visible = () => page.evaluate(() => document.visibilityState === 'visible').catch(() => true);
  while (!(await visible())) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
