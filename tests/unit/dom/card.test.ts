// @vitest-environment jsdom
import { h, render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../../build/dataset';
import type { Dispute } from '../../../src/core/schema';
import { Card, type CardProps } from '../../../src/ui/Card';
import { t } from './english';

const { dataset } = loadDataset();
const sources = new Map(dataset.sources.map((s) => [s.id, s] as const));
/** A dispute with a claim that has a response, as the card's main case. */
const dispute = dataset.disputes.find((d) => d.claims.some((c) => c.responses.length > 0)) as Dispute;
const claim = dispute.claims.find((c) => c.responses.length > 0) as Dispute['claims'][number];

function show(overrides: Partial<CardProps> = {}) {
  const props: CardProps = {
    disputes: [dispute],
    sources,
    hiddenSources: new Set(),
    focusClaims: [],
    pinned: true,
    t,
    onClose: vi.fn(),
    onDismiss: vi.fn(),
    ...overrides,
  };
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  render(h(Card, props), root);
  return { root, props };
}

describe('Card', () => {
  it('is a labelled dialog with the dispute, its claim and the response', () => {
    const { root } = show();
    const dialog = root.querySelector('[role="dialog"]');
    expect(dialog?.getAttribute('aria-label')).toBe(t('cardLabel'));
    expect(root.textContent).toContain(dispute.title);
    expect(root.textContent).toContain(claim.text);
    expect(root.textContent).toContain(claim.responses[0]?.text);
    expect(root.textContent).toContain(sources.get(claim.source)?.name);
  });

  it('closes with its button', () => {
    const { root, props } = show();
    root.querySelector<HTMLButtonElement>('.card-close')?.click();
    expect(props.onClose).toHaveBeenCalledTimes(1);
  });

  it('dismisses the dispute on this page when asked', () => {
    const { root, props } = show();
    const label = t('cardDismissLabel', dispute.title);
    const dismiss = [...root.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label);
    dismiss?.click();
    expect(props.onDismiss).toHaveBeenCalledWith(dispute.id);
  });

  it('hides statements from a switched-off source', () => {
    const { root } = show({ hiddenSources: new Set([claim.source]) });
    expect(root.textContent).not.toContain(claim.text);
  });
});
