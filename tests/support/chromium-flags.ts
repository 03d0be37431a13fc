/**
 * The flags every Chromium here runs with (DESIGN.md), shared by the end-to-end harness and the
 * bench: the new headless mode (which runs extensions), no GPU, nothing talking to Google, and
 * offline: every host but loopback fails to resolve (corpus pages name ad and CDN hosts).
 */
export function chromiumFlags(extensionDir: string): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}
