/**
 * The UI's words come from _locales through browser.i18n; components receive a `t` function
 * as a prop so they stay free of browser APIs (tests and the demo pass their own).
 */
import type messages from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

/** Names of messages that come in two forms, `…One` ("1 matching dispute") and `…Many` ("$N$ …"). */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}One` ? (`${Base}Many` extends MessageKey ? Base : never) : never;
}[MessageKey];

/** The message for `n` things, in the form that fits the number. */
export function plural(t: Translate, key: PluralKey, n: number): string {
  return n === 1 ? t(`${key}One`) : t(`${key}Many`, String(n));
}
