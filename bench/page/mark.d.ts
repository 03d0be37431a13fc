/** The part of mark.js 8 (no bundled types) the bench's peer uses. */
declare module 'mark.js' {
  interface MarkOptions {
    exclude?: string[];
    className?: string;
    acrossElements?: boolean;
    each?: (element: Element) => void;
    done?: (marks: number) => void;
  }
  export default class Mark {
    constructor(context: Element | Element[] | NodeList | string);
    markRegExp(regexp: RegExp, options?: MarkOptions): void;
    unmark(options?: Pick<MarkOptions, 'exclude' | 'className' | 'done'>): void;
  }
}
