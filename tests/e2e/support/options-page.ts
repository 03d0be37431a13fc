/** What the specs do on the options page as a reader does: choose a file, remove packs. */
import type { Harness, TestPage } from './harness';
import { waitFor } from './marks';

export const OPTIONS = 'src/options/index.html';

/** The ids of the imported packs, as stored. */
export const packIds = (harness: Harness) =>
  harness.inExtension(async (api) =>
    (((await api.storage.local.get('packs')).packs ?? []) as { id: string }[]).map((pack) => pack.id),
  );

/** Removes the first imported pack the way the reader does: its button, then the confirmation. */
export async function removeFirstPack(options: TestPage, harness: Harness): Promise<void> {
  const packId = (await packIds(harness))[0] ?? '';
  // As a reader can: once the page is done with the last change, whose controls it disables.
  await waitFor(
    () =>
      options.evaluate(
        (id: string) => (document.getElementById(`remove-${id}`) as HTMLButtonElement | null)?.disabled === false,
        packId,
      ),
    (enabled) => enabled,
    30_000,
  );
  await options.evaluate(
    (id: string) => (document.getElementById(`remove-${id}`) as HTMLButtonElement).click(),
    packId,
  );
  await waitFor(
    () => options.evaluate(() => document.querySelector('.confirm button.danger') !== null),
    (shown) => shown,
  );
  await options.evaluate(() => (document.querySelector('.confirm button.danger') as HTMLButtonElement).click());
}

/** Removes every imported pack, one after the other, the way the reader does. */
export async function removeEveryPack(options: TestPage, harness: Harness): Promise<void> {
  for (let left = (await packIds(harness)).length; left > 0; left--) {
    await removeFirstPack(options, harness);
    await waitFor(
      () => packIds(harness),
      (ids) => ids.length < left,
      30_000,
    );
  }
}

/** What choosing a file in the picker does: the input's files change. */
export const chooseFile = (options: TestPage, name: string, text: string) =>
  options.evaluate(
    ({ name, text }: { name: string; text: string }) => {
      const input = document.getElementById('import-file') as HTMLInputElement;
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { name, text },
  );

/** From now on, records every step the page's notice shows, with whether a progress bar came with it. */
export const watchNoticeSteps = (options: TestPage) =>
  options.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      const said = document.querySelector('.notice-ok p')?.textContent ?? '';
      const bar = document.querySelector('.notice-ok progress') !== null;
      const step = `${said}${bar ? ' [bar]' : ''}`;
      if (said && seen.at(-1) !== step) seen.push(step);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

/** The steps recorded since `watchNoticeSteps`. */
export const noticeSteps = (options: TestPage) =>
  options.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
