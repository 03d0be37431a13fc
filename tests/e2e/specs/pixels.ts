/**
 * Marks that are seen: the pixels under a marked mention differ from the same words unmarked,
 * in the light and the dark scheme. The unmarked copy is the same sentence in an editable
 * paragraph, which the extension never marks (design: Matching → Skip), styled and laid out
 * like the marked one. A mark style that a browser does not draw (Firefox before 146 ignores
 * text-decoration in highlights) leaves the two alike, and fails here.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Launch } from '../support/harness';
import { HIGHLIGHT_NAMES, waitFor } from '../support/marks';
import { ROOT } from '../support/paths';
import { type Box, differingPixels, readPng } from '../support/png';
import { useSession } from '../support/session';

/** Git-ignored: screenshots are evidence for a failing run, never committed. */
const SHOTS = join(ROOT, 'test-results', 'pixels');

interface Boxes {
  text: string;
  marked: Box;
  plain: Box;
  /** A stretch of both paragraphs that no mark covers, to show the two copies render alike. */
  control: { marked: Box; plain: Box } | null;
}

/** Screen boxes (device pixels) of the first mark in #marked and of the same words in #plain. */
function markBoxes(page: import('../support/harness').TestPage) {
  return page.evaluate((names: readonly string[]) => {
    const marked = document.getElementById('marked')?.firstChild as Text;
    const plain = document.getElementById('plain')?.firstChild as Text;
    const ratio = window.devicePixelRatio;
    const ranges: AbstractRange[] = [];
    for (const name of names) {
      const highlight = CSS.highlights.get(name);
      if (!highlight) continue;
      for (const r of highlight as unknown as Iterable<AbstractRange>) if (r.startContainer === marked) ranges.push(r);
    }
    if (ranges.length === 0) return null;
    ranges.sort((a, b) => a.startOffset - b.startOffset);
    const boxOf = (node: Text, start: number, end: number) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      const r = range.getBoundingClientRect();
      // Below the glyphs too: the underline sits under the text box (offset and thickness).
      const x = Math.floor(r.left * ratio);
      const y = Math.floor(r.top * ratio);
      return {
        x,
        y,
        width: Math.ceil(r.right * ratio) - x,
        height: Math.ceil((r.bottom + 10) * ratio) - y,
      };
    };
    const first = ranges[0] as AbstractRange;
    // The first word of three letters or more that no mark covers.
    let controlStart = -1;
    let controlEnd = -1;
    for (const word of marked.data.matchAll(/\w{3,}/g)) {
      const start = word.index ?? 0;
      const end = start + word[0].length;
      if (ranges.every((r) => end <= r.startOffset || start >= r.endOffset)) {
        controlStart = start;
        controlEnd = end;
        break;
      }
    }
    return {
      text: marked.data.slice(first.startOffset, first.endOffset),
      marked: boxOf(marked, first.startOffset, first.endOffset),
      plain: boxOf(plain, first.startOffset, first.endOffset),
      control:
        controlStart === -1
          ? null
          : { marked: boxOf(marked, controlStart, controlEnd), plain: boxOf(plain, controlStart, controlEnd) },
    };
  }, HIGHLIGHT_NAMES);
}

export function pixelSpecs(launch: Launch): void {
  for (const scheme of ['light', 'dark'] as const) {
    describe(`marks that are seen, ${scheme} scheme`, () => {
      const env = useSession(launch, { colorScheme: scheme });

      it('the pixels under a mark differ from the same words unmarked', async () => {
        mkdirSync(SHOTS, { recursive: true });
        const page = await env.harness.openPage(env.server.url('/fixtures/pixels/page.html'));
        try {
          await page.bringToFront();
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
          const boxes = (await waitFor(
            () => markBoxes(page),
            (b) => b !== null,
          )) as Boxes | null;
          expect(boxes, 'nothing in the marked paragraph was marked').not.toBeNull();
          if (!boxes) return;
          expect([boxes.plain.width, boxes.plain.height]).toEqual([boxes.marked.width, boxes.marked.height]);
          const file = join(SHOTS, `${env.harness.name}-${scheme}.png`);
          await page.screenshot(file);
          const image = readPng(file);
          if (boxes.control) {
            // The two copies render alike where nothing is marked, so a difference under the
            // mark is the mark's own.
            expect(differingPixels(image, boxes.control.marked, boxes.control.plain), 'unmarked words').toBe(0);
          }
          const changed = differingPixels(image, boxes.marked, boxes.plain);
          // An underline under the word: at least one pixel in most columns of its width.
          expect(changed, `pixels under "${boxes.text}" that differ (see ${file})`).toBeGreaterThanOrEqual(
            Math.floor(boxes.marked.width / 3),
          );
        } finally {
          await page.close();
        }
      });
    });
  }
}
