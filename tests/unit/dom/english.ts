/** browser.i18n.getMessage over the English messages, for rendering components in tests. */
export { english as t } from '../../../src/cli/english';
