/**
 * The rich-text editor of a text block (Tiptap 3 on ProseMirror; loaded lazily with the first text being
 * edited). It edits exactly what the outputs render (contract `richDocSchema`): subheadings, bold,
 * italic, bullet and numbered lists, links (http, https, mailto) and footnotes — a footnote is an inline
 * node that carries its own text, numbered in the outputs.
 */
import { useId, useState } from 'react';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { Mark, mergeAttributes, Node } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import type { RichDoc } from '@dkbm/contract';
import { TextField } from '../components/Fields';
import { useReportTexts } from './texts';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** An inline footnote: an atom node with its text as attribute, shown as a marked superscript. */
function footnoteNode(label: string) {
  return Node.create({
    name: 'footnote',
    group: 'inline',
    inline: true,
    atom: true,
    selectable: true,
    addAttributes() {
      return {
        text: {
          default: '',
          parseHTML: (el: HTMLElement) => el.getAttribute('data-footnote') ?? '',
          renderHTML: (attrs: { text?: string }) => ({ 'data-footnote': attrs.text ?? '' }),
        },
      };
    },
    parseHTML() {
      return [{ tag: 'sup[data-footnote]' }];
    },
    renderHTML({ node, HTMLAttributes }) {
      return [
        'sup',
        mergeAttributes(HTMLAttributes, { class: 'rt-footnote' }),
        `[${label}: ${String(node.attrs.text)}]`,
      ];
    },
  });
}

/**
 * The passage a comment is anchored to (contract mark `comment` with the comment's id): kept while the
 * text is edited and shown highlighted; typing at its edges does not extend it.
 */
const commentMark = Mark.create({
  name: 'comment',
  inclusive: false,
  excludes: '',
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-comment'),
        renderHTML: (attrs: { id?: string | null }) => ({ 'data-comment': attrs.id ?? '' }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'mark[data-comment]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['mark', mergeAttributes(HTMLAttributes, { class: 'report-passage' }), 0];
  },
});

export default function RichTextEditor({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: RichDoc;
  onChange: (doc: RichDoc) => void;
}) {
  const x = useReportTexts();
  const uid = useId();
  const [href, setHref] = useState('');
  const [hrefError, setHrefError] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [3] },
        code: false,
        codeBlock: false,
        blockquote: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['http', 'https', 'mailto'],
          isAllowedUri: (url) => SAFE_LINK.test(url),
        },
      }),
      footnoteNode(x.footnote),
      commentMark,
    ],
    content: value,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': `${id}-label`,
        'aria-describedby': `${id}-hint`,
        class: 'rich-editor',
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.getJSON() as RichDoc),
  });
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      heading: e?.isActive('heading', { level: 3 }) ?? false,
      bulletList: e?.isActive('bulletList') ?? false,
      orderedList: e?.isActive('orderedList') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  const tool = (name: keyof typeof active, text: string, run: () => void) => (
    <button
      type="button"
      className="button button-secondary"
      aria-pressed={active?.[name] ?? false}
      onClick={() => {
        run();
      }}
    >
      {text}
    </button>
  );
  const chain = () => editor!.chain().focus();
  function setLink() {
    const url = href.trim();
    if (!SAFE_LINK.test(url)) {
      setHrefError(x.badLink);
      return;
    }
    setHrefError(undefined);
    if (editor!.state.selection.empty && !editor!.isActive('link')) {
      chain()
        .insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] })
        .run();
    } else chain().extendMarkRange('link').setLink({ href: url }).run();
    setHref('');
  }
  function insertFootnote() {
    const text = note.trim();
    if (!text) return;
    chain().insertContent({ type: 'footnote', attrs: { text } }).run();
    setNote('');
  }
  return (
    <div className="field rich-field">
      <p className="rich-label" id={`${id}-label`}>
        {label}
      </p>
      <p className="hint" id={`${id}-hint`}>
        {x.richHint}
      </p>
      <div className="rich-toolbar" role="toolbar" aria-label={x.toolbar} aria-controls={id}>
        {tool('bold', x.bold, () => chain().toggleBold().run())}
        {tool('italic', x.italic, () => chain().toggleItalic().run())}
        {tool('heading', x.subheading, () => chain().toggleHeading({ level: 3 }).run())}
        {tool('bulletList', x.bulletList, () => chain().toggleBulletList().run())}
        {tool('orderedList', x.orderedList, () => chain().toggleOrderedList().run())}
      </div>
      <EditorContent editor={editor} />
      <div className="rich-extras">
        <div className="inline-form">
          <TextField
            id={`${uid}-href`}
            label={x.linkHref}
            hint={x.linkHint}
            value={href}
            onChange={(v) => {
              setHref(v);
              setHrefError(undefined);
            }}
            error={hrefError}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                setLink();
              }
            }}
          />
          <button type="button" className="button button-secondary" onClick={setLink}>
            {x.setLink}
          </button>
          {active?.link ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => chain().extendMarkRange('link').unsetLink().run()}
            >
              {x.unsetLink}
            </button>
          ) : null}
        </div>
        <div className="inline-form">
          <TextField
            id={`${uid}-note`}
            label={x.footnoteText}
            value={note}
            onChange={setNote}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                insertFootnote();
              }
            }}
          />
          <button type="button" className="button button-secondary" onClick={insertFootnote}>
            {x.insertFootnote}
          </button>
        </div>
      </div>
    </div>
  );
}
