/**
 * "Nothing leaves the machine" (design, non-negotiable 2), checked on every end-to-end run: each
 * harness records the requests of every context it can see and hands them to this log, which
 * keeps the ones the extension must never make. The session fails the spec that was running.
 *
 * - From the extension's own contexts (background, popup, options): anything but its own files.
 * - From a fixture page (ours, served on loopback, self-contained): anything off loopback, which
 *   can only be the content script's doing.
 * - From any web page, the corpus's third-party pages included: a request made by our content
 *   script (Chromium: its script is in the initiator's stack; Firefox: a script-initiated
 *   request where page scripts are off, so the only script running is ours).
 */

export interface SeenRequest {
  url: string;
  /** The document (or worker) that made the request. */
  from: string;
  /**
   * Made by our content script: Chromium, a chrome-extension: script is in the initiator's
   * stack; Firefox, the request is script-initiated on a page whose own scripts are off.
   */
  byContentScript: boolean;
}

const LOCAL = /^https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\//;
/** Never on the network: the extension's own files (Chrome's card module is at a per-session origin). */
const NO_NETWORK = /^(?:data|blob|about|chrome-extension|moz-extension):/;

export class NetworkLog {
  private readonly bad: string[] = [];
  private reported = 0;

  constructor(private readonly extensionOrigin: () => string) {}

  record(request: SeenRequest): void {
    if (NO_NETWORK.test(request.url)) return;
    if (request.from.startsWith(this.extensionOrigin())) {
      this.bad.push(`${request.url} (from ${request.from})`);
    } else if (request.byContentScript) {
      this.bad.push(`${request.url} (by the content script in ${request.from})`);
    } else if (LOCAL.test(request.from) && !request.from.includes('/corpus/') && !LOCAL.test(request.url)) {
      this.bad.push(`${request.url} (from the fixture page ${request.from})`);
    }
  }

  /** Requests the extension must not have made, since the last call. */
  takeViolations(): string[] {
    const fresh = this.bad.slice(this.reported);
    this.reported = this.bad.length;
    return fresh;
  }
}

interface CdpInitiator {
  url?: string;
  stack?: CdpStack;
}
interface CdpStack {
  callFrames: { url: string }[];
  parent?: CdpStack;
}

/** True when one of the extension's scripts is anywhere in a request's CDP initiator. */
export function initiatedByExtension(initiator: CdpInitiator | undefined): boolean {
  if (initiator?.url?.startsWith('chrome-extension:')) return true;
  for (let stack = initiator?.stack; stack; stack = stack.parent) {
    if (stack.callFrames.some((frame) => frame.url.startsWith('chrome-extension:'))) return true;
  }
  return false;
}
