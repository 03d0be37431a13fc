/**
 * The UI's words come from _locales through browser.i18n; components receive a `t` function
 * as a prop so they stay free of browser APIs (tests and the demo pass their own).
 */
import type messages from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;
