/**
 * A static server on loopback for the end-to-end tests: the committed fixtures, the shared
 * corpus of real pages (bytes as saved, so each page's own charset applies), and the founding
 * article built at run time from its real text, in the sources folder `npm run test:corpus` is
 * given (its text is not copied into the repo).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { CORPUS, FIXTURES, FOUNDING_ARTICLE_TEXT } from './paths';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The Financial Express article as a plain page: title, then one paragraph per line. */
export function foundingArticlePage(): string {
  const lines = readFileSync(FOUNDING_ARTICLE_TEXT, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const [title = '', ...rest] = lines;
  const heading = title.replace(/^\d+\.\s*/, '');
  const body = rest
    .filter((line) => line !== heading)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head><body><article><h1>${escapeHtml(heading)}</h1>\n${body}\n</article></body></html>`;
}

function fileUnder(base: string, relative: string): string | null {
  const path = normalize(join(base, decodeURIComponent(relative)));
  return path.startsWith(base) && existsSync(path) ? path : null;
}

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * A fixture's bytes (never a corpus page's), with each `<!--#include NAME -->` replaced by the file NAME beside it (the
 * hostile pages share one article this way; the browser receives one whole page).
 */
function withIncludes(file: string): Buffer {
  const bytes = readFileSync(file);
  if (!file.endsWith('.html') || !bytes.includes('<!--#include ')) return bytes;
  const text = bytes
    .toString('utf8')
    .replace(/<!--#include ([\w.-]+) -->\n/g, (_, name: string) => readFileSync(join(dirname(file), name), 'utf8'));
  return Buffer.from(text, 'utf8');
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.js': 'text/javascript', '.css': 'text/css' };

export async function startServer(): Promise<FixtureServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (status: number, body: string | Buffer, type = 'text/html') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (path === '/founding-article') return send(200, foundingArticlePage(), 'text/html; charset=utf-8');
    const [, area, ...rest] = path.split('/');
    const base = area === 'fixtures' ? FIXTURES : area === 'corpus' ? CORPUS : null;
    const file = base ? fileUnder(base, rest.join('/')) : null;
    if (!file) return send(404, 'not found', 'text/plain');
    // Corpus pages declare their own charset in <meta>; no header charset overrides it.
    send(200, area === 'fixtures' ? withIncludes(file) : readFileSync(file), TYPES[extname(file)] ?? 'text/html');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
