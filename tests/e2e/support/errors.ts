/**
 * The extension never throws, whatever the page: checked on every end-to-end run like the
 * network (network.ts): each harness reports the uncaught exceptions and unhandled rejections
 * it sees in pages (the content script's world included), the extension's pages and its
 * background, with the script URLs on their stacks. This log keeps those of the extension: its
 * own pages, or one of its scripts on the stack (only this extension is installed, so any
 * extension URL is ours; Chrome's card module is at a per-session host). The session fails the
 * spec that was running.
 */

export interface SeenError {
  text: string;
  /** The document or worker it was thrown in. */
  from: string;
  /** The script URLs on its stack, where the browser gives them. */
  scripts: string[];
}

const EXTENSION = /^(?:chrome|moz)-extension:/;

export class ErrorLog {
  private readonly bad: string[] = [];
  private reported = 0;

  record(error: SeenError): void {
    if (EXTENSION.test(error.from) || error.scripts.some((url) => EXTENSION.test(url))) {
      this.bad.push(`${error.text} (in ${error.from}; ${error.scripts.join(' < ') || 'no stack'})`);
    }
  }

  /** The extension's exceptions since the last call. */
  take(): string[] {
    const fresh = this.bad.slice(this.reported);
    this.reported = this.bad.length;
    return fresh;
  }
}
