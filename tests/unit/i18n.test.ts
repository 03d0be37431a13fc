import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type MessageKey, plural, type Translate } from '../../src/ui/i18n';

const messages = JSON.parse(
  readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8'),
) as Record<string, { message: string }>;
/** browser.i18n.getMessage for the English messages, with one $1 substitution. */
const t: Translate = (key: MessageKey, substitutions) =>
  (messages[key]?.message ?? '').replace(/\$[A-Z]+\$/g, String(substitutions ?? ''));

describe('plural', () => {
  it('says "1 matching dispute" and "N matching disputes"', () => {
    expect(plural(t, 'popupSearchCount', 1)).toBe('1 matching dispute');
    expect(plural(t, 'popupSearchCount', 0)).toBe('0 matching disputes');
    expect(plural(t, 'popupSearchCount', 12)).toBe('12 matching disputes');
  });
});
