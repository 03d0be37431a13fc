/** The extension's English messages for code that runs outside a browser: the CLI and the build. */
import messages from '../../public/_locales/en/messages.json';
import { type Catalog, catalogTranslate } from '../ui/i18n';

export const english = catalogTranslate(messages as Catalog);
