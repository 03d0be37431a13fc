/** axe-core, run inside a page of ours (the popup, the options page) for an accessibility scan. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestPage } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

export async function axeViolations(page: TestPage): Promise<AxeViolation[]> {
  await page.addScript(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/**
 * axe-core over what the closed shadow root of `hostSelector` holds (the in-page card). axe
 * walks only open roots, so the root's content (its <style> and the card) is copied into an open
 * root on a host of its own, in the same place, with the original hidden while axe runs; the
 * copy is removed afterwards. Null when there is no such host.
 */
export async function axeViolationsInClosedRoot(page: TestPage, hostSelector: string): Promise<AxeViolation[] | null> {
  await page.addScript(axeSource);
  const copied = await page.inClosedRoot(hostSelector, (root) => {
    const original = root.host as HTMLElement;
    const copy = document.createElement('div');
    copy.id = 'counterclaim-axe-copy';
    const open = copy.attachShadow({ mode: 'open' });
    for (const child of root.childNodes) open.append(child.cloneNode(true));
    original.style.setProperty('display', 'none');
    document.documentElement.append(copy);
    return true;
  });
  if (!copied) return null;
  return page.evaluate(async (selector: string) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Element,
            options: object,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const copy = document.getElementById('counterclaim-axe-copy') as HTMLElement;
    try {
      const { violations } = await axe.run(copy, { resultTypes: ['violations'] });
      return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    } finally {
      copy.remove();
      (document.querySelector(selector) as HTMLElement | null)?.style.removeProperty('display');
    }
  }, hostSelector);
}
