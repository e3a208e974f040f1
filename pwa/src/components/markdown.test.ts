import { describe, expect, it } from 'vitest';
import { markdownHtml } from './markdown';

describe('articles rendered from Markdown', () => {
  it('renders headings, lists, emphasis and links', () => {
    const html = markdownHtml('# VNeID\n\n- Bước **1**: mở ứng dụng\n- [Cổng DVC](https://dichvucong.gov.vn)');
    expect(html).toContain('<h1>VNeID</h1>');
    expect(html).toContain('<strong>1</strong>');
    expect(html).toContain('<a href="https://dichvucong.gov.vn">Cổng DVC</a>');
  });

  it('keeps scripts, iframes and javascript: links inert', () => {
    const html = markdownHtml(
      '<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>\n\n[bấm](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n![x](javascript:alert(2))',
    );
    expect(html).not.toMatch(/<script|<iframe|<img src=x|javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="">bấm</a>');
  });
});
