/** browser.i18n.getMessage over the English messages, for rendering components in tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageKey, Translate } from '../../../src/ui/i18n';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const messages = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8'),
) as Messages;

export const t: Translate = (key: MessageKey, substitutions) => {
  const entry = messages[key];
  if (!entry) throw new Error(`no message ${key}`);
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$([A-Z_]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, i: string) => values[Number(i) - 1] ?? '');
  });
};
