// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/content/observer';
import { page } from './page';

/** The mutation records of `change`, as the page's MutationObserver would hand them over. */
async function recordsOf(root: Element, change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((batch) => records.push(...batch));
  observer.observe(root, { childList: true, characterData: true, subtree: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

describe('summarize', () => {
  it('rescans the paragraph around edited inline text and forgets the edited node', async () => {
    const root = page('<article><p id="p">Mi <b id="b">Mover</b></p><p>other</p></article>');
    const text = document.getElementById('b')?.firstChild as Text;
    const batch = summarize(
      await recordsOf(root, () => {
        text.data = 'Mover app';
      }),
      null,
    );
    expect([...batch.containers]).toEqual([document.getElementById('p')]);
    expect(batch.texts).toEqual([text]);
    expect(batch.elementRemoved).toBe(false);
  });

  it('scans an added block on its own', async () => {
    const root = page('<article id="a"><p>old</p></article>');
    const added = document.createElement('p');
    added.textContent = 'Xiaomi news';
    const batch = summarize(await recordsOf(root, () => document.getElementById('a')?.append(added)), null);
    expect([...batch.containers]).toEqual([added]);
  });

  it('says when an element left, so marks under it go', async () => {
    const root = page('<article id="a"><p id="gone">Xiaomi</p><p>stays</p></article>');
    const batch = summarize(await recordsOf(root, () => document.getElementById('gone')?.remove()), null);
    expect(batch.elementRemoved).toBe(true);
  });

  it('ignores changes inside our own card host and inside scripts', async () => {
    const root = page('<div id="own"><p>card</p></div><script id="s">1</script><p>page</p>');
    const own = document.getElementById('own') as Element;
    const batch = summarize(
      await recordsOf(root, () => {
        own.append(document.createElement('p'));
        (document.getElementById('s') as Element).textContent = '2';
      }),
      own,
    );
    expect(batch.containers.size).toBe(0);
  });

  it('ignores typing in an editable region, however deep, and not in one switched off', async () => {
    const root = page(
      '<div contenteditable="true"><section><p><b id="typed">Xia</b></p></section></div>' +
        '<div contenteditable="FALSE"><p id="shown">Xia</p></div>',
    );
    const typed = document.getElementById('typed')?.firstChild as Text;
    const shown = document.getElementById('shown')?.firstChild as Text;
    const batch = summarize(
      await recordsOf(root, () => {
        typed.data = 'Xiaomi';
        shown.data = 'Xiaomi';
      }),
      null,
    );
    expect([...batch.containers]).toEqual([document.getElementById('shown')]);
  });
});
