// docs/catalogue.md from the Kennzahlenkatalog (packages/domain/catalogue/kennzahlenkatalog.yaml).
//
//   node scripts/catalogue-doc.mjs           write docs/catalogue.md
//   node scripts/catalogue-doc.mjs --check   exit 1 when docs/catalogue.md is stale
//
// The catalogue is checked by parseCatalogueFile (unit test); this script only renders it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CATALOGUE_FILE = path.join(root, 'packages', 'domain', 'catalogue', 'kennzahlenkatalog.yaml');
export const DOC_FILE = path.join(root, 'docs', 'catalogue.md');

// Labels as in @dkbm/contract (a unit test keeps them equal).
export const TOPIC_LABELS = {
  rahmenbedingungen: 'Rahmenbedingungen',
  grundinformationen: 'Grundinformationen',
  fruehkindliche_bildung: 'Frühkindliche Bildung',
  allgemeinbildende_schulen: 'Allgemeinbildende Schulen',
  berufliche_bildung: 'Berufliche Bildung',
  hochschulen: 'Hochschulen',
  weiterbildung: 'Weiterbildung',
  non_formale_lernwelten: 'Non-formale und informelle Lernwelten',
  bildungsnetzwerke_beratung: 'Bildungsnetzwerke und -beratung',
};
export const TIER_LABELS = {
  kern: 'Kernindikator',
  ueberblick: 'Überblicksindikator',
  ergaenzung: 'Ergänzungsindikator',
};
export const LEVEL_LABELS = {
  bund: 'Bund',
  land: 'Land',
  regierungsbezirk: 'Regierungsbezirk',
  kreis: 'Kreis / kreisfreie Stadt',
  gemeindeverband: 'Gemeindeverband',
  gemeinde: 'Gemeinde',
  stadtbezirk: 'Stadtbezirk / Stadtteil',
  sozialraum: 'Sozialraum',
  planungsraum: 'Planungsraum',
  schulbezirk: 'Schulbezirk',
  custom: 'Eigene Raumeinheit',
};
const POLARITY = {
  higher_better: 'höher ist besser',
  lower_better: 'niedriger ist besser',
  neutral: 'neutral',
};
const ORIGIN = {
  official: 'amtliche Tabelle',
  regionalatlas: 'Regionalatlas (veröffentlichte Werte)',
  local: 'Daten der Kommune',
};
const CHECKED = {
  export: 'mit einem vollständigen Export der Regionaldatenbank (Realdaten-Test)',
  header: 'mit den Kopfzeilen eines Originalexports',
  demo: 'mit den erzeugten Daten der Demokommune',
  none: 'noch nicht geprüft',
};

const levels = (list) => list.map((l) => LEVEL_LABELS[l] ?? l).join(', ');
const esc = (s) => String(s).replace(/\|/g, '\\|');
const anchor = (code) => `quelle-${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** The Markdown of docs/catalogue.md for a catalogue file's text. */
export function renderCatalogueDoc(text) {
  const file = parse(text);
  const c = file.catalogue;
  const sources = file.sources;
  const entries = file.indicators;
  const url = (code) => c.download.replace('{code}', encodeURIComponent(code));
  const local = (e) => e.meta.sources.some((s) => sources[s].origin === 'local');
  const out = [];
  const p = (...lines) => out.push(...lines);

  p(
    `# ${c.title}`,
    '',
    '<!-- Erzeugt von scripts/catalogue-doc.mjs aus packages/domain/catalogue/kennzahlenkatalog.yaml – nicht von Hand ändern. -->',
    '',
    `*Fassung ${c.version} vom ${c.date.split('-').toReversed().join('.')} · ${entries.length} Indikatoren · ` +
      `${Object.keys(sources).length} Quellen. Indicator catalogue of the platform, generated from the catalogue file.*`,
    '',
    c.basis,
    '',
    '## Nutzung',
    '',
    'Der Katalog legt die Indikatoren als berechnete Indikatoren an (Format: ' +
      '[`packages/domain/src/compute/FORMAT.md`](../packages/domain/src/compute/FORMAT.md)). Fehlen ihre ' +
      'Tabellen noch, sind sie *unvollständig*; die Checkliste nennt jede fehlende Tabelle mit ihrem Code und ' +
      'der Adresse in der Regionaldatenbank. Sobald eine Tabelle importiert ist (`dkbm import <datei>`), werden ' +
      'die Indikatoren berechnet, die sie brauchen – ohne den Katalog erneut anzuwenden.',
    '',
    'In der Werkbank: **Monitoring → Katalog übernehmen** – Themenfelder oder einzelne Indikatoren wählen, ' +
      'die Vorschau prüfen (neu, geändert, unverändert, lokale Änderungen, die bleiben oder auf Wunsch ersetzt ' +
      'werden), übernehmen; darunter der Stand jedes übernommenen Indikators und die Checkliste der fehlenden ' +
      'Tabellen mit Download-Adresse. Lesen dürfen alle Rollen, übernehmen Redaktion und Administration. ' +
      'Auf der Kommandozeile:',
    '',
    '```bash',
    'npm run dkbm -- catalogue list                                  # Katalog nach Themenfeldern',
    'npm run dkbm -- catalogue apply --tenant musterhausen --topics fruehkindliche_bildung --dry-run',
    'npm run dkbm -- catalogue apply --tenant musterhausen            # alle Themenfelder',
    'npm run dkbm -- catalogue list --tenant musterhausen            # Stand und Checkliste',
    '```',
    '',
    'Eine neuere Fassung des Katalogs wird genauso angewendet: Änderungen des Katalogs kommen in Felder, die ' +
      'die Kommune nicht geändert hat; eigene Änderungen (Name, Beschreibung, Formel …) bleiben und werden ' +
      'gemeldet, bis sie ausdrücklich ersetzt werden (`--overwrite <code>`). Sichtbarkeit und Schwellenwert ' +
      'entscheidet allein die Kommune. Einzelheiten: [ADR 9](adr/0009-indicator-catalogue.md).',
    '',
    `Amtliche Daten: ${c.licence.name} ([${c.licence.code}](${c.licence.url})); Namensnennung: „${c.attribution}“.`,
    '',
    '## Übersicht',
    '',
    '| Themenfeld | Indikatoren | davon Kern | brauchen kommunale Daten | auch kleinräumig |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const [topic, label] of Object.entries(TOPIC_LABELS)) {
    const list = entries.filter((e) => e.meta.topic === topic);
    if (!list.length) continue;
    p(
      `| ${label} | ${list.length} | ${list.filter((e) => e.meta.tier === 'kern').length} | ` +
        `${list.filter(local).length} | ${list.filter((e) => e.meta.local).length} |`,
    );
  }
  p('');

  for (const [topic, label] of Object.entries(TOPIC_LABELS)) {
    const list = entries.filter((e) => e.meta.topic === topic);
    if (!list.length) continue;
    p(`## ${label}`, '');
    for (const e of list) {
      const m = e.meta;
      p(
        `### ${e.name.de}`,
        '',
        `\`${e.code}\` · ${TIER_LABELS[m.tier]} · Einheit: ${e.unit} · ${e.decimals} Nachkommastelle${e.decimals === 1 ? '' : 'n'} · ` +
          `${POLARITY[m.polarity]}${local(e) ? ' · **braucht kommunale Daten**' : ''}`,
        '',
        e.description.trim(),
        '',
        `- **Formel:** ${m.formulaText} (\`${e.formula}\`)`,
        `- **Bezugszeitpunkte:** ${Object.entries(m.referenceDates)
          .map(([k, v]) => `${k} – ${v}`)
          .join('; ')}`,
        `- **Quellen:** ${m.sources.map((s) => `[${s}](#${anchor(s)}) ${sources[s].title}`).join('; ')}`,
        `- **Regionale Tiefe:** ${levels(m.regionalDepth)}`,
        `- **Aktualisierung:** ${m.updateInterval}`,
      );
      const official = m.sources.some((s) => sources[s].origin !== 'local');
      p(
        `- **Lizenz:** ${official ? `${c.licence.code}, Namensnennung „${c.attribution}“` : ''}` +
          `${official && local(e) ? '; ' : ''}${local(e) ? 'kommunale Daten: Nutzungsbedingungen der Kommune' : ''}`,
      );
      if (m.local) {
        p(
          `- **Kleinräumig aus kommunalen Daten** (${levels(m.local.regionalDepth)}): ` +
            `${m.local.sources.map((s) => `[${s}](#${anchor(s)})`).join(', ')}; ` +
            `${Object.entries(m.local.referenceDates)
              .map(([k, v]) => `${k} – ${v}`)
              .join('; ')}${m.local.note ? `. ${m.local.note}` : ''}`,
        );
        for (const cv of m.local.caveats ?? []) p(`  - *Hinweis (kleinräumig):* ${cv}`);
      }
      for (const a of m.regionalatlas ?? []) {
        const how =
          a.comparison === 'adopted'
            ? 'übernommen; der Abgleich im Realdaten-Test ist kein unabhängiger Nachweis'
            : a.verified
              ? 'unabhängig berechnet und im Realdaten-Test Wert für Wert gleich'
              : `nicht geprüft${a.note ? ` – ${a.note.trim()}` : ''}`;
        p(`- **Regionalatlas ${a.table}** („${a.column}“): ${how}`);
        for (const x of a.exceptions ?? []) {
          p(
            `  - Abweichung ${x.years.join(', ')}${x.regions ? ` (${x.regions.join(', ')})` : ''}: ` +
              `Regionalatlas „${x.published}“ – ${x.reason.trim()}`,
          );
        }
        if (a.verified && a.note) p(`  - ${a.note.trim()}`);
      }
      for (const cv of m.caveats ?? []) p(`- *Hinweis:* ${cv}`);
      p('');
    }
  }

  if (c.signConventions?.length) {
    p(
      '## Zeichen ohne Wert',
      '',
      'Wo weder der Katalog noch der Regionalatlas einen Wert haben, setzen beide manchmal verschiedene Zeichen:',
      '',
      '| Katalog | Regionalatlas | Grund |',
      '| :---: | :---: | --- |',
      ...c.signConventions.map((s) => `| \`${s.computed}\` | \`${s.published}\` | ${esc(s.reason.trim())} |`),
      '',
    );
  }

  p('## Quellen', '');
  for (const [code, s] of Object.entries(sources)) {
    p(
      `### ${code}`,
      '',
      `<a id="${anchor(code)}"></a>${s.title} – ${ORIGIN[s.origin]}${s.statistic ? `, ${s.statistic}` : ''}.`,
      '',
      `- **Bezug:** ${s.reference}; ${s.updateInterval}; regionale Tiefe: ${levels(s.regionalDepth)}`,
      `- **Indikatoren nach dem Import:** ${s.indicators.map((i) => `\`${i}\``).join(', ')} (geprüft ${CHECKED[s.checkedWith]})`,
    );
    if (s.origin !== 'local') p(`- **Herunterladen:** <${url(code)}> (CSV, dann \`dkbm import <datei>\`)`);
    if (s.howTo) p(`- **So geht’s:** ${s.howTo.trim()}`);
    for (const cv of s.caveats ?? []) p(`- *Hinweis:* ${cv}`);
    p('');
  }
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const md = renderCatalogueDoc(fs.readFileSync(CATALOGUE_FILE, 'utf8'));
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(DOC_FILE) ? fs.readFileSync(DOC_FILE, 'utf8') : '';
    if (current !== md) {
      console.error('docs/catalogue.md ist veraltet: node scripts/catalogue-doc.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(DOC_FILE, md);
    console.log(`${path.relative(root, DOC_FILE)} geschrieben.`);
  }
}
