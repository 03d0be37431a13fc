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

/** The message for `n` things, in the form that fits the number; `n` is its first value. */
export function plural(t: Translate, key: PluralKey, n: number, values: readonly string[] = []): string {
  return t(n === 1 ? `${key}One` : `${key}Many`, [String(n), ...values]);
}

export type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * browser.i18n.getMessage over a messages.json read by other means, for the command line and
 * tests: each $NAME$ is its placeholder's content, whose $1…$9 are the substitutions.
 */
export function catalogTranslate(catalog: Catalog): Translate {
  return (key, substitutions) => {
    const entry = catalog[key];
    if (!entry) throw new Error(`no message ${key}`);
    const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
        return content.replace(/\$(\d)/g, (_, i: string) => values[Number(i) - 1] ?? '');
      })
      .replaceAll('$$', '$');
  };
}
