import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownText, plainText } from './markdownText';

const html = (text: string) => renderToStaticMarkup(createElement(MarkdownText, { text }));

describe('catalogue Markdown on public pages', () => {
  it('renders code, bold and line breaks', () => {
    expect(html('zählen in `insgesamt` nur **einmal**\nBerechnung: a ÷ b')).toBe(
      'zählen in <code>insgesamt</code> nur <strong>einmal</strong><br/>Berechnung: a ÷ b',
    );
  });

  it('escapes HTML in the text and inside marks', () => {
    expect(html('<script>alert(1)</script> `<b>x</b>`')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; <code>&lt;b&gt;x&lt;/b&gt;</code>',
    );
  });

  it('leaves a lone backtick as text; plain text drops the marks', () => {
    expect(html('5` Minuten')).toBe('5` Minuten');
    expect(plainText('zählen in `insgesamt`\n nur **einmal**')).toBe('zählen in insgesamt nur einmal');
  });
});
