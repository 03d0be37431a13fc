/** What the specs read from the card, inside its closed root. */
import type { TestPage } from './harness';

/** Each dispute in the card open in `page`, with who speaks on each side (read inside the closed root). */
export const cardResponders = (page: TestPage) =>
  page.inClosedRoot('counterclaim-card', (root) =>
    [...root.querySelectorAll('.cc-dispute')].map((dispute) => ({
      title: dispute.querySelector('.cc-title')?.textContent ?? '',
      pairs: [...dispute.querySelectorAll('.cc-pair')].map((pair) => ({
        claimant: pair.querySelector('.cc-claim-side .cc-who')?.textContent ?? null,
        responders: [...pair.querySelectorAll('.cc-response-side .cc-who')].map((w) => w.textContent ?? ''),
      })),
    })),
  );
