// @vitest-environment jsdom
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../../build/dataset';
import type { DisputeFinding } from '../../../src/core/messages';
import type { Dispute } from '../../../src/core/schema';
import { Popup, type PopupProps } from '../../../src/popup/Popup';
import { t } from './english';

const { dataset } = loadDataset();
const sources = new Map(dataset.sources.map((s) => [s.id, s] as const));
const [first, second] = dataset.disputes as [Dispute, Dispute];

const finding = (dispute: Dispute, relevance: DisputeFinding['relevance']): DisputeFinding => ({
  id: dispute.id,
  relevance,
  score: relevance === 'about' ? 5 : 1,
  evidence: [{ text: 'Xiaomi', role: 'entity', count: 2 }],
  mentions: { Xiaomi: 2 },
  dismissed: false,
});

function show(overrides: Partial<PopupProps> = {}) {
  const props: PopupProps = {
    state: {
      kind: 'page',
      about: [{ dispute: first, finding: finding(first, 'about') }],
      onRecord: [{ dispute: second, finding: finding(second, 'on-record') }],
      dismissed: [],
      pageDate: null,
    },
    sources,
    hiddenSources: new Set(),
    markWhich: 'about',
    site: 'news.example',
    paused: false,
    query: '',
    results: [],
    t,
    onQuery: vi.fn(),
    onTogglePause: vi.fn(),
    onJump: vi.fn(),
    onOpenOptions: vi.fn(),
    onUndoDismiss: vi.fn(),
    ...overrides,
  };
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  render(h(Popup, props), root);
  return { root, props };
}

afterEach(() => render(null, document.body.firstElementChild ?? document.body));

describe('Popup', () => {
  it('counts and lists the disputes the page is about and those on record', () => {
    const { root } = show();
    expect(root.querySelector('.popup-count')?.textContent).toBe(
      `${t('popupAboutCountOne')} · ${t('popupOnRecordCountOne')}`,
    );
    expect(root.textContent).toContain(first.title);
    expect(root.textContent).toContain(second.title);
  });

  it('says it cannot see a page the extension does not run on', () => {
    const { root } = show({ state: { kind: 'unavailable' }, site: null });
    expect(root.textContent).toContain(t('popupCannotSee'));
    expect(root.querySelector('input[role="switch"]')).toBeNull();
  });

  it('lists nothing on a paused site, and its switch resumes it', () => {
    const { root, props } = show({ paused: true });
    expect(root.textContent).toContain(t('popupPausedNote'));
    expect(root.textContent).not.toContain(first.title);
    const toggle = root.querySelector<HTMLInputElement>('input[role="switch"]');
    expect(toggle?.checked).toBe(false);
    toggle?.click();
    expect(props.onTogglePause).toHaveBeenCalledTimes(1);
  });

  it('offers to show a dismissed dispute again', () => {
    const dismissed = { dispute: second, finding: { ...finding(second, 'on-record'), dismissed: true } };
    const { root, props } = show({
      state: { kind: 'page', about: [], onRecord: [], dismissed: [dismissed], pageDate: null },
    });
    root.querySelector<HTMLButtonElement>('.popup-undo')?.click();
    expect(props.onUndoDismiss).toHaveBeenCalledWith(second.id);
  });

  it('shows markup in a title as text', () => {
    const hostile = { ...first, title: '<img src=x onerror=alert(1)>' };
    const { root } = show({
      state: {
        kind: 'page',
        about: [{ dispute: hostile, finding: finding(first, 'about') }],
        onRecord: [],
        dismissed: [],
        pageDate: null,
      },
    });
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
