/**
 * The card's UI (Preact, the shared components and their styles), built as a module of its own
 * and loaded by card-host.ts when a reader first opens a card. Most pages never show one, and
 * these are about half the content script's code: left in, every page would parse them.
 * The module is a web-accessible resource, reachable only at the session's dynamic
 * URL in Chrome (`use_dynamic_url`) and at the per-install random origin in Firefox, so a page
 * cannot probe for it to tell the extension is installed.
 */
import { h, render } from 'preact';
import { Card, type CardProps } from '../ui/Card';
import cardCss from '../ui/card.css?inline';
import disputeCss from '../ui/dispute-view.css?inline';

/** The text of the one <style> in the card's shadow root. */
export const CARD_STYLES = `${cardCss}\n${disputeCss}`;

/** Renders the card into `mount`, or empties it with null. */
export function renderCard(mount: HTMLElement, props: CardProps | null): void {
  render(props ? h(Card, props) : null, mount);
}
