/**
 * Markdown shown as HTML, safely: micromark (CommonMark) with raw HTML off, so a
 * `<script>` or `<iframe>` in the text comes out as text, and link and image addresses
 * other than http(s), mailto, tel and relative ones dropped. Loaded only by the screens
 * that show articles (its own chunk).
 */
import { micromark } from 'micromark';

/** The HTML of `source`: never raw HTML, never a `javascript:` address. */
export function markdownHtml(source: string): string {
  return micromark(source, { allowDangerousHtml: false, allowDangerousProtocol: false });
}

export function Markdown({ source, class: className }: { source: string; class?: string }) {
  // micromark escapes raw HTML and drops unsafe addresses (markdown.test.ts)
  return <div class={className ?? 'markdown'} dangerouslySetInnerHTML={{ __html: markdownHtml(source) }} />;
}
