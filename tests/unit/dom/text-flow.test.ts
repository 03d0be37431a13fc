// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { checkedText, type Flow, flowsUnder, locate } from '../../../src/content/text-flow';
import { page } from './page';

const realFlows = (root: Element, ownHost: Element | null = null): Flow[] =>
  [...flowsUnder(root, ownHost)].filter((flow) => flow.nodes.length > 0);

/** The text `locate` covers, read back from the nodes it names. */
function covered(flow: Flow, start: number, end: number): string {
  const at = locate(flow, start, end);
  if (at.startContainer === at.endContainer) return at.startContainer.data.slice(at.startOffset, at.endOffset);
  const middle = at.nodes.slice(1, -1).map((node) => node.data);
  return [at.startContainer.data.slice(at.startOffset), ...middle, at.endContainer.data.slice(0, at.endOffset)].join(
    '',
  );
}

describe('flowsUnder', () => {
  it('reads a phrase split by inline tags as one text, and blocks as separate texts', () => {
    const root = page('<p>Mi <b>Mo</b><i>ver</i> app</p><div>next <span>block</span></div>');
    expect(realFlows(root).map((flow) => flow.text)).toEqual(['Mi Mover app', 'next block']);
  });

  it('leaves out scripts, styles, form fields and our own card host', () => {
    const root = page(
      '<p>before<script>var Xiaomi = 1</script><style>.x{}</style><textarea>typed</textarea> after</p><div id="own">card text</div>',
    );
    const own = document.getElementById('own');
    expect(realFlows(root, own).map((flow) => flow.text)).toEqual(['before after']);
  });
});

describe('locate', () => {
  const root = () => page('<p>Mi <b>Mo</b><i>ver</i> app</p>');

  it('maps a match across three text nodes to where it starts and ends in them', () => {
    const [flow] = realFlows(root()) as [Flow];
    const start = flow.text.indexOf('Mi Mover');
    const at = locate(flow, start, start + 'Mi Mover'.length);
    expect(at.nodes.map((node) => node.data)).toEqual(['Mi ', 'Mo', 'ver']);
    expect([at.startContainer.data, at.startOffset, at.endContainer.data, at.endOffset]).toEqual(['Mi ', 0, 'ver', 3]);
    expect(covered(flow, start, start + 'Mi Mover'.length)).toBe('Mi Mover');
  });

  it('puts a match that starts where a node starts in that node, not the one before', () => {
    const [flow] = realFlows(root()) as [Flow];
    const start = flow.text.indexOf('Mover');
    const at = locate(flow, start, start + 'Mover'.length);
    expect(at.startContainer.data).toBe('Mo');
    expect(at.startOffset).toBe(0);
    expect(covered(flow, start, start + 5)).toBe('Mover');
  });

  it('ends a match that ends where a node ends in that node, not the next', () => {
    const [flow] = realFlows(root()) as [Flow];
    const at = locate(flow, 0, 'Mi Mo'.length);
    expect(at.endContainer.data).toBe('Mo');
    expect(at.endOffset).toBe(2);
    expect(at.nodes).toHaveLength(2);
  });
});

describe('checkedText (the first stage reads this, not the whole textContent)', () => {
  it("leaves out the skipped children's text unread, and gives the deeper skipped texts apart", () => {
    const root = page(
      '<p>Xiao<b>mi</b> phones</p><script>{"brands":["Samsung Galaxy"]}</script>tail<div>in <style>.galaxy{}</style>div</div><noscript>Huawei</noscript>',
    );
    const { text, skipped } = checkedText(root);
    expect(text).toBe('Xiaomi phonestailin .galaxy{}div');
    expect(skipped()).toEqual(['.galaxy{}']);
  });

  it('joins what a skipped child separated, as the scan does', () => {
    const root = page('<span>Xiao</span><script>1</script><span>mi</span>');
    expect(checkedText(root).text).toBe('Xiaomi');
    expect(realFlows(root).map((flow) => flow.text)).toEqual(['Xiaomi']);
  });
});
