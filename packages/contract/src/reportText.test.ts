import { describe, expect, it } from 'vitest';
import { richDocSchema, richFootnotes, richIsEmpty, richToText, textToRich } from './reportText';

/* The restricted rich-text document of report text blocks: what is kept, stripped and refused. */

const para = (...content: unknown[]) => ({ type: 'paragraph', content });

describe('richDocSchema', () => {
  it('keeps what the outputs render and strips attributes they do not know (editor JSON)', () => {
    const parsed = richDocSchema.parse({
      type: 'doc',
      content: [
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [{ type: 'listItem', content: [para({ type: 'text', text: 'eins' })] }],
        },
        para({
          type: 'text',
          text: 'Link',
          marks: [
            {
              type: 'link',
              attrs: { href: 'https://example.org', target: '_blank', rel: 'noopener', class: 'x' },
            },
          ],
        }),
      ],
    });
    expect(parsed.content[0]).toEqual({
      type: 'orderedList',
      content: [{ type: 'listItem', content: [para({ type: 'text', text: 'eins' })] }],
    });
    expect(parsed.content[1]).toEqual(
      para({ type: 'text', text: 'Link', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] }),
    );
  });

  it('refuses script links, unknown nodes and lists nested deeper than one level', () => {
    const link = (href: string) =>
      richDocSchema.safeParse({
        type: 'doc',
        content: [para({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] })],
      }).success;
    expect(link('javascript:alert(1)')).toBe(false);
    expect(link('data:text/html,<b>x</b>')).toBe(false);
    expect(link('mailto:buero@example.org')).toBe(true);
    expect(
      richDocSchema.safeParse({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] }).success,
    ).toBe(false);
    const list = (inner: unknown) => ({
      type: 'bulletList',
      content: [{ type: 'listItem', content: [para(), inner] }],
    });
    const flat = { type: 'bulletList', content: [{ type: 'listItem', content: [para()] }] };
    expect(richDocSchema.safeParse({ type: 'doc', content: [list(flat)] }).success).toBe(true);
    expect(richDocSchema.safeParse({ type: 'doc', content: [list(list(flat))] }).success).toBe(false);
  });

  it('plain text converts both ways; footnotes in reading order; empty documents are empty', () => {
    const doc = textToRich('## Titel\n\nErster Absatz\nweiter.\n\n- a\n- b');
    expect(richToText(doc)).toBe('## Titel\n\nErster Absatz weiter.\n\n- a\n- b');
    const withNotes = richDocSchema.parse({
      type: 'doc',
      content: [
        para({ type: 'text', text: 'A' }, { type: 'footnote', attrs: { text: 'eins' } }),
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [para({ type: 'footnote', attrs: { text: 'zwei' } })] }],
        },
      ],
    });
    expect(richFootnotes(withNotes)).toEqual(['eins', 'zwei']);
    expect(richIsEmpty({ type: 'doc', content: [{ type: 'paragraph' }] })).toBe(true);
    expect(richIsEmpty(withNotes)).toBe(false);
  });
});
