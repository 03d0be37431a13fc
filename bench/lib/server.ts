/**
 * The bench's static server, on loopback only: corpus pages as saved (bytes untouched, so each
 * page's own charset applies), the generated stress and living pages, and nothing else. With
 * `?coi=1` a page is served cross-origin isolated (COOP + COEP), which gives the in-page timers
 * 5 µs steps instead of 100 µs; the page's cross-origin subresources are blocked anyway. With
 * `?name=` a corpus page ends with a paragraph naming it. With `?copy=` a living page registers
 * the given ranges itself, with the extension's highlight styles.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { isCopiedRanges, type LivingKind, livingPage, STRESS_PAGES, type StressPage, stressPage } from './pages';

/** The highlight styles of the extension the bench loads, for a page registering its ranges. */
const highlightCss = (): string =>
  readFileSync(join(process.cwd(), 'dist', 'chrome', 'src', 'content', 'highlights.css'), 'utf8');

/** A query parameter as JSON, or undefined when it does not parse. */
function parsedParam(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * `?static=1`: the page as a static document. Its own scripts do not run (content scripts are
 * exempt from a page's CSP), so every script in its renderer is the extension's; and it fetches
 * nothing (no network here anyway: a hundred subresources failing one by one held a page's
 * DOMContentLoaded for seconds). Inline styles and data: images still apply.
 */
const STATIC_PAGE = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export interface BenchServer {
  origin: string;
  /** Requests that reached us for another host (should stay 0: the browser resolves nothing else). */
  foreignRequests: number;
  close(): Promise<void>;
}

export async function startServer(corpusDir: string, foundingText: string): Promise<BenchServer> {
  const state = { foreign: 0 };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string | Buffer, type: string) => {
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
      if (url.searchParams.get('coi') === '1') {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
      }
      if (url.searchParams.get('static') === '1') headers['content-security-policy'] = STATIC_PAGE;
      response.writeHead(status, headers);
      response.end(body);
    };
    if (!(request.headers.host ?? '').startsWith('127.0.0.1')) {
      state.foreign++;
      return send(404, '', 'text/plain');
    }
    const [, area, ...rest] = url.pathname.split('/');
    const name = decodeURIComponent(rest.join('/'));
    if (area === 'corpus') {
      const path = normalize(join(corpusDir, name));
      if (!path.startsWith(corpusDir) || !existsSync(path)) return send(404, 'not found', 'text/plain');
      const named = url.searchParams.get('name');
      const page = readFileSync(path);
      return send(200, named === null ? page : withParagraph(page, `${named} denied the report.`), 'text/html');
    }
    if (area === 'stress' && (STRESS_PAGES as readonly string[]).includes(name)) {
      return send(200, stressPage(name as StressPage, corpusDir), 'text/html; charset=utf-8');
    }
    if (area === 'living' && (name === 'ticker' || name === 'feed')) {
      const copy = url.searchParams.get('copy');
      const ranges: unknown = copy === null ? null : parsedParam(copy);
      if (ranges !== null && !isCopiedRanges(ranges)) return send(400, 'copy: not a list of ranges', 'text/plain');
      const html = livingPage(
        {
          kind: name as LivingKind,
          mentions: Number(url.searchParams.get('mentions') ?? 0),
          pageRanges: Number(url.searchParams.get('pageRanges') ?? 0),
          copied: ranges === null ? undefined : { ranges, css: highlightCss() },
        },
        foundingText,
      );
      return send(200, html, 'text/html; charset=utf-8');
    }
    send(404, 'not found', 'text/plain');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get foreignRequests() {
      return state.foreign;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A saved page with one more paragraph at the end of its body (`?name=`: a page that names one
 * of a generated pack's vendors). The text must be ASCII, which reads the same in every charset
 * the corpus pages use.
 */
function withParagraph(page: Buffer, text: string): Buffer {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`not ASCII: ${text}`);
  const end = page.lastIndexOf('</body>');
  const at = end < 0 ? page.length : end;
  return Buffer.concat([page.subarray(0, at), Buffer.from(`<p>${text}</p>`), page.subarray(at)]);
}

/** Pre-generates the stress pages (so generating them is not timed as a page load). */
export function warmStressPages(corpusDir: string): Map<StressPage, number> {
  const sizes = new Map<StressPage, number>();
  for (const name of STRESS_PAGES) sizes.set(name, Buffer.byteLength(stressPage(name, corpusDir)));
  return sizes;
}
