import type { Answer, InstrumentContent } from '@dkbm/contract';
import { FAVICON_HREF } from '@dkbm/web/ssr';
import { esc, deDate } from './assessment.exports';

/*
 * The public answering page for external raters (no account, no JavaScript): the public portal's
 * stylesheet and frame (skip link, landmarks), one fieldset per core component with its guiding question
 * in the legend, the four type descriptions and „kann ich nicht einschätzen“ as radio buttons, comment and
 * evidence link. Everything interpolated is escaped.
 */

export interface FormValues {
  /** '1'–'4', 'x' (cannot assess) or '' (unanswered). */
  choice: string;
  comment: string;
  evidenceUrl: string;
  /** The evidence file saved with the answer, if any. */
  file?: { name: string; size: number } | null;
}

/** File types a rater may upload (the same as in the workbench). */
export const EVIDENCE_ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp';

/** '840 KB', '2,4 MB'. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export type PageStatus = 'saved' | 'submitted' | null;

export interface ExternalPageProps {
  cssHref: string;
  action: string;
  csrfToken: string | null;
  tenantName: string;
  label: string;
  round: { title: string; purpose: string | null; endsOn: string; status: string; anonymous: boolean };
  instrument: InstrumentContent;
  values: Record<string, FormValues>;
  submittedAt: string | null;
  status: PageStatus;
  /** Field errors: [field id, message]. */
  errors: Array<[string, string]>;
  /** A general problem shown above the form (e.g. the form must be sent again). */
  notice?: string | null;
}

const EXTRA_CSS = `
fieldset.component{border:1px solid var(--line);border-radius:6px;padding:1rem 1rem .5rem;margin:0 0 1.5rem}
fieldset.component legend{padding:0 .25rem;max-width:100%}
fieldset.component legend h2{margin:0;font-size:1.3rem}
.frage{display:block;font-style:italic;color:var(--muted);margin:.25rem 0 .5rem}
.choice{display:flex;gap:.6rem;align-items:flex-start;margin:.5rem 0}
.choice input{margin-top:.3rem;width:1.25rem;height:1.25rem;flex:none}
.choice label{max-width:45rem}
.field{margin:.75rem 0}
.field label{display:block;font-weight:600}
.hint{display:block;color:var(--muted);font-size:.95rem}
textarea,input[type=url],input[type=file]{width:100%;max-width:45rem;font:inherit;padding:.4rem;border:2px solid var(--fg);border-radius:3px}
textarea:focus-visible,input:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border-radius:4px;border:2px solid var(--accent);background:#fff;color:var(--accent);cursor:pointer}
button.primary{background:var(--accent);color:var(--accent-fg)}
.box{border-left:6px solid var(--accent);background:#eef4fb;padding:.75rem 1rem;margin:1rem 0;max-width:48rem}
.box.error{border-color:#b00020;background:#fdecee}
.box.error a{color:#8a0019;font-weight:600}
.error-text{color:#b00020;font-weight:600;display:block}
.readonly dd{margin:0 0 .75rem}
.file-now{margin:.25rem 0}
`;

/** Page frame like the public portal (Layout.tsx): skip link, header, main, footer. */
export function frame(p: { cssHref: string; title: string; brand: string; body: string }): string {
  return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><link rel="icon" type="image/svg+xml" href="${FAVICON_HREF}"><title>${esc(
    p.title,
  )}</title><link rel="stylesheet" href="${esc(p.cssHref)}"><style>${EXTRA_CSS}</style></head><body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header class="site"><div class="wrap"><span class="brand"><span>${esc(p.brand)}</span></span></div></header>
<main id="inhalt" tabindex="-1"><div class="wrap">
${p.body}
</div></main>
<footer class="site"><div class="wrap">DKBM-Plattform · Selbsteinschätzung zum datenbasierten kommunalen Bildungsmanagement</div></footer>
</body></html>`;
}

const LEVEL_WORD = (v: string, c: InstrumentContent['components'][number]) =>
  v === 'x'
    ? 'kann ich nicht einschätzen'
    : /^[1-4]$/.test(v)
      ? `Typ ${v}: ${c.types[Number(v) - 1]}`
      : 'nicht beantwortet';

export function renderExternalForm(p: ExternalPageProps): string {
  const open = p.round.status === 'open';
  const parts: string[] = [];
  parts.push(`<h1>${esc(p.round.title)}</h1>`);
  if (p.errors.length) {
    parts.push(`<div class="box error" role="alert" aria-labelledby="fehler-titel" tabindex="-1">
<h2 id="fehler-titel">Bitte prüfen Sie Ihre Angaben</h2><ul>${p.errors
      .map(([id, msg]) => `<li><a href="#${esc(id)}">${esc(msg)}</a></li>`)
      .join('')}</ul></div>`);
  }
  if (p.notice) parts.push(`<div class="box error" role="alert"><p>${esc(p.notice)}</p></div>`);
  if (p.status === 'saved' && !p.errors.length) {
    parts.push(
      `<div class="box" role="status"><p>Ihre Angaben sind zwischengespeichert. Sie können mit demselben Link später weitermachen.</p></div>`,
    );
  }
  if (p.status === 'submitted' && !p.errors.length) {
    parts.push(
      `<div class="box" role="status"><p><strong>Vielen Dank!</strong> Ihre Einschätzung ist abgeschlossen. Bis zum Ende der Runde können Sie sie mit diesem Link noch ändern.</p></div>`,
    );
  }
  if (p.round.status === 'closed') {
    parts.push(
      `<div class="box" role="status"><p><strong>Diese Runde ist abgeschlossen.</strong> Ihre Einschätzung kann nicht mehr geändert werden. Unten sehen Sie Ihre gespeicherten Angaben.</p></div>`,
    );
  } else if (p.round.status === 'draft') {
    parts.push(
      `<div class="box" role="status"><p><strong>Diese Runde ist noch nicht geöffnet.</strong> Sie können die Fragen schon lesen; Einschätzungen sind erst nach dem Öffnen möglich.</p></div>`,
    );
  }
  parts.push(
    `<p class="lead">Selbsteinschätzung zum datenbasierten kommunalen Bildungsmanagement: ${esc(p.tenantName)} bittet Sie als „${esc(p.label)}“ um Ihre Einschätzung.</p>`,
  );
  if (p.round.purpose) parts.push(`<p>${esc(p.round.purpose)}</p>`);
  parts.push(
    `<p>Die Runde läuft bis zum ${esc(deDate(p.round.endsOn))}. ${
      p.round.anonymous
        ? 'Die Runde ist anonym: Im Workshop werden Einschätzungen nur zusammengefasst und erst ab drei Einschätzungen je Komponente gezeigt.'
        : `Ihre Einschätzung wird im Workshop mit der Bezeichnung „${esc(p.label)}“ gezeigt.`
    }</p>`,
  );
  if (p.submittedAt && p.status !== 'submitted') {
    parts.push(
      `<p>Sie haben Ihre Einschätzung bereits abgeschlossen${open ? '; Änderungen sind bis zum Ende der Runde möglich' : ''}.</p>`,
    );
  }

  if (!open) {
    // Read-only view of the own answers (closed round) or the questions (draft).
    parts.push(
      `<dl class="readonly">${p.instrument.components
        .map((c) => {
          const v = p.values[c.key];
          return `<dt><strong>${esc(c.name)}</strong> – <span class="frage">${esc(c.question)}</span></dt><dd>${esc(
            LEVEL_WORD(v?.choice ?? '', c),
          )}${v?.comment ? `<br>Kommentar: ${esc(v.comment)}` : ''}${v?.evidenceUrl ? `<br>Nachweis: ${esc(v.evidenceUrl)}` : ''}${
            v?.file ? `<br>Datei: ${esc(v.file.name)} (${fileSize(v.file.size)})` : ''
          }</dd>`;
        })
        .join('')}</dl>`,
    );
    return frame({
      cssHref: p.cssHref,
      title: `${p.round.title} – Selbsteinschätzung – ${p.tenantName}`,
      brand: p.tenantName,
      body: parts.join('\n'),
    });
  }

  parts.push(
    `<p>Wählen Sie je Kernkomponente den Typ, der die Situation in der Kommune am besten beschreibt (Typ 1 bis Typ 4), oder „kann ich nicht einschätzen“. Kommentar und Nachweis (Link oder Datei bis 10 MB) sind freiwillig. Mit „Zwischenspeichern“ sichern Sie Ihre Angaben; mit „Abschließen“ geben Sie die Einschätzung ab, wenn alle Komponenten beantwortet sind.</p>`,
  );
  const errorOf = new Map(p.errors);
  const fieldsets = p.instrument.components.map((c, idx) => {
    const v = p.values[c.key] ?? { choice: '', comment: '', evidenceUrl: '' };
    const k = esc(c.key);
    const choiceError = errorOf.get(`typ_${c.key}_1`);
    const urlError = errorOf.get(`nachweis_${c.key}`);
    const fileError = errorOf.get(`datei_${c.key}`);
    const radios = [
      ...c.types.map((t, i) => ({ value: String(i + 1), text: `<strong>Typ ${i + 1}:</strong> ${esc(t)}` })),
      {
        value: 'x',
        text: 'kann ich nicht einschätzen',
      },
    ]
      .map(
        (o) =>
          `<div class="choice"><input type="radio" id="typ_${k}_${o.value}" name="typ_${k}" value="${o.value}"${
            v.choice === o.value ? ' checked' : ''
          }><label for="typ_${k}_${o.value}">${o.text}</label></div>`,
      )
      .join('');
    return `<fieldset class="component" id="k-${k}"${choiceError ? ` aria-describedby="typ_${k}_fehler"` : ''}>
<legend><h2>${idx + 1}. ${esc(c.name)}</h2><span class="frage">${esc(c.question)}</span></legend>
${choiceError ? `<span class="error-text" id="typ_${k}_fehler">${esc(choiceError)}</span>` : ''}
${radios}
<div class="field"><label for="kommentar_${k}">Kommentar zu „${esc(c.name)}“ (freiwillig)</label>
<textarea id="kommentar_${k}" name="kommentar_${k}" rows="3" maxlength="4000">${esc(v.comment)}</textarea></div>
<div class="field"><label for="nachweis_${k}">Link zu einem Nachweis (freiwillig)</label>
<span class="hint" id="nachweis_${k}_hinweis">Adresse, die mit https:// oder http:// beginnt</span>
${urlError ? `<span class="error-text" id="nachweis_${k}_fehler">${esc(urlError)}</span>` : ''}
<input type="url" id="nachweis_${k}" name="nachweis_${k}" maxlength="1000" value="${esc(v.evidenceUrl)}" aria-describedby="nachweis_${k}_hinweis${
      urlError ? ` nachweis_${k}_fehler` : ''
    }"${urlError ? ' aria-invalid="true"' : ''} autocomplete="url"></div>
<div class="field"><label for="datei_${k}">${v.file ? 'Andere Datei als Nachweis (ersetzt die bisherige)' : 'Datei als Nachweis (freiwillig)'}</label>
<span class="hint" id="datei_${k}_hinweis">PDF, Bild (PNG, JPEG, GIF, WebP) oder Office-Dokument (Word, Excel, PowerPoint, OpenDocument), höchstens 10 MB; wird beim Speichern hochgeladen</span>
${fileError ? `<span class="error-text" id="datei_${k}_fehler">${esc(fileError)}</span>` : ''}
${
  v.file
    ? `<p class="file-now">Gespeicherte Datei: ${esc(v.file.name)} (${fileSize(v.file.size)})</p>
<div class="choice"><input type="checkbox" id="datei_entfernen_${k}" name="datei_entfernen_${k}" value="1"><label for="datei_entfernen_${k}">Datei „${esc(v.file.name)}“ entfernen</label></div>`
    : ''
}
<input type="file" id="datei_${k}" name="datei_${k}" accept="${EVIDENCE_ACCEPT}" aria-describedby="datei_${k}_hinweis${
      fileError ? ` datei_${k}_fehler` : ''
    }"${fileError ? ' aria-invalid="true"' : ''}></div>
</fieldset>`;
  });
  parts.push(`<form method="post" action="${esc(p.action)}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="${esc(p.csrfToken ?? '')}">
${fieldsets.join('\n')}
<div class="actions">
<button type="submit" name="aktion" value="speichern">Zwischenspeichern</button>
<button type="submit" name="aktion" value="abschliessen" class="primary">Abschließen</button>
</div>
</form>`);
  return frame({
    cssHref: p.cssHref,
    title: `${p.errors.length ? 'Fehler: ' : ''}${p.round.title} – Selbsteinschätzung – ${p.tenantName}`,
    brand: p.tenantName,
    body: parts.join('\n'),
  });
}

export function renderExternalMessage(p: { cssHref: string; title: string; text: string }): string {
  return frame({
    cssHref: p.cssHref,
    title: `${p.title} – DKBM-Plattform`,
    brand: 'DKBM-Plattform',
    body: `<h1>${esc(p.title)}</h1><p>${esc(p.text)}</p>`,
  });
}

/** Form values from stored answers. */
export function valuesFromAnswers(answers: Answer[]): Record<string, FormValues> {
  const out: Record<string, FormValues> = {};
  for (const a of answers) {
    out[a.componentKey] = {
      choice: a.cannotAssess ? 'x' : a.level ? String(a.level) : '',
      comment: a.comment ?? '',
      evidenceUrl: a.evidenceUrl ?? '',
      file: a.evidenceFile ? { name: a.evidenceFile.name, size: a.evidenceFile.size } : null,
    };
  }
  return out;
}
