import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The background side of 'load-stage' as the browser runs it: the injected file runs in the same
 * world before the reply arrives. Here the "file" is a function standing in for it. The module
 * import the loader tries first fails here (Node cannot load the extension's URL), as it does in
 * Chromium on a site with JavaScript turned off.
 */
const sendMessage = vi.fn();
const injected: Record<string, () => void> = {};

beforeEach(() => {
  vi.stubGlobal('chrome', {
    runtime: { id: 'x', sendMessage, getURL: (path: string) => `chrome-extension://x/${path}` },
  });
  sendMessage.mockImplementation(async (message: { type: string; stage: string }) => {
    const file = injected[message.stage];
    if (!file) return false;
    file();
    return true;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  sendMessage.mockReset();
  for (const key of Object.keys(injected)) delete injected[key];
});

const loader = () => import('../../src/content/stage-loader');

describe('loading a part of the content script', () => {
  it('asks the background for the part by name, and returns what its file handed over', async () => {
    const { loadStage, provideStage } = await loader();
    injected.card = () => provideStage('card', { renderCard: 'the card' });
    await expect(loadStage('card')).resolves.toEqual({ renderCard: 'the card' });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'load-stage', stage: 'card' });
  });

  it('rejects when the background could not inject it (tab navigated, extension gone)', async () => {
    const { loadStage } = await loader();
    await expect(loadStage('session')).rejects.toThrow(/session part .* could not be loaded/);
  });

  it('never takes exports an older copy of the extension left in the same world', async () => {
    const { loadStage, provideStage } = await loader();
    provideStage('session', { startPageSession: 'old version' });
    // The background injected nothing this time (say the tab is navigating).
    await expect(loadStage('session')).rejects.toThrow();
    injected.session = () => provideStage('session', { startPageSession: 'this version' });
    await expect(loadStage('session')).resolves.toEqual({ startPageSession: 'this version' });
  });

  it('loads each part once per content script: a second load asks nothing', async () => {
    const { loadStage, provideStage } = await loader();
    injected.card = () => provideStage('card', { renderCard: 'the card' });
    const first = await loadStage('card');
    expect(await loadStage('card')).toBe(first);
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });

  it('rejects when the file ran but handed nothing over', async () => {
    const { loadStage } = await loader();
    injected.card = () => {};
    await expect(loadStage('card')).rejects.toThrow(/card part/);
  });
});
