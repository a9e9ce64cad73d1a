import { AREA_LEVEL_LABELS, type Area, type AreaLevel } from '@dkbm/contract';
import { areaLevelLabel, formatNumber, useI18n } from '../i18n';
import { DataTable } from '../components/Table';
import { useImportTexts } from './texts';
import { num } from './shared';
import type { BoundariesAnalysis, Draft } from './draft';

const LEVELS = Object.keys(AREA_LEVEL_LABELS) as AreaLevel[];

/**
 * Boundaries: format, features, detected coordinate system (with the reason) and the settings that
 * decide the key report (CRS, key/name property, level, validity, parent area).
 */
export function BoundariesReview({
  analysis,
  fileName,
  draft,
  onDraft,
  areas,
  errors,
  changed,
  busy,
  onReanalyze,
}: {
  analysis: BoundariesAnalysis;
  fileName: string;
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  areas: Area[];
  errors: Record<string, string>;
  changed: boolean;
  busy: boolean;
  onReanalyze: () => void;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const crsOptions = [...new Set([analysis.crs.crs, ...analysis.crs.alternatives])];
  const examples = (prop: string) =>
    analysis.sample
      .map((s) => s[prop])
      .filter((v) => v !== null && v !== undefined && String(v).trim() !== '')
      .slice(0, 3)
      .map(String)
      .join(', ');
  const keyProp = draft.keyProperty || analysis.keyProperty || '';
  const nameProp = draft.nameProperty || analysis.nameProperty || '';
  const level = draft.level || analysis.level;
  const crsName = (c: string) => x.crsNames[c] ?? c;
  const bbox = analysis.bbox.map((b) => formatNumber(b, lang, 3)).join(' / ');
  const props = analysis.propertyNames;
  const fieldErr = (id: string) => errors[id];
  const parents = areas.filter((a) => a.level !== level);

  return (
    <>
      <section aria-labelledby="boundaries-heading">
        <h2 id="boundaries-heading">{x.boundariesHeading}</h2>
        <dl className="details">
          <div className="details-row">
            <dt>{x.fileLabel}</dt>
            <dd className="break">{fileName}</dd>
          </div>
          <div className="details-row">
            <dt>{x.detectedFormat}</dt>
            <dd>{x.formats[analysis.format] ?? analysis.format}</dd>
          </div>
          <div className="details-row">
            <dt>{x.features}</dt>
            <dd>{num(analysis.features, lang)}</dd>
          </div>
          <div className="details-row">
            <dt>{x.crsLabel}</dt>
            <dd>
              {crsName(analysis.crs.crs)} ({x.crsHow[analysis.crs.how]})
              <br />
              <span className="hint">{analysis.crs.reason}</span>
            </dd>
          </div>
          <div className="details-row">
            <dt>{x.bbox}</dt>
            <dd>{bbox}</dd>
          </div>
        </dl>
        {analysis.sample.length ? (
          <DataTable
            caption={x.sampleFeaturesCaption}
            head={
              <tr>
                {props.map((p) => (
                  <th key={p} scope="col">
                    {p}
                  </th>
                ))}
              </tr>
            }
          >
            {analysis.sample.map((s, i) => (
              <tr key={i}>
                {props.map((p) => (
                  <td key={p} className="break">
                    {s[p] === null || s[p] === undefined ? '' : String(s[p])}
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>

      <section aria-labelledby="boundary-settings-heading">
        <h2 id="boundary-settings-heading">{x.boundarySettingsHeading}</h2>
        <form
          className="boundary-settings"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onReanalyze();
          }}
        >
          <div className="field-grid">
            <div className="field">
              <label htmlFor="b-crs">{x.crsChoose}</label>
              <p className="hint" id="b-crs-hint">
                {x.crsHint}
              </p>
              <select
                id="b-crs"
                aria-describedby="b-crs-hint"
                value={draft.crs}
                onChange={(e) => onDraft({ crs: e.target.value })}
              >
                <option value="">{x.crsKeep(crsName(analysis.crs.crs))}</option>
                {crsOptions.map((c) => (
                  <option key={c} value={c}>
                    {crsName(c)}
                  </option>
                ))}
              </select>
            </div>
            {analysis.layers && analysis.layers.length > 1 ? (
              <div className="field">
                <label htmlFor="b-layer">{x.layerLabel}</label>
                <select id="b-layer" value={draft.layer} onChange={(e) => onDraft({ layer: e.target.value })}>
                  <option value="">{analysis.layers[0]}</option>
                  {analysis.layers.slice(1).map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="b-key">{x.keyPropertyLabel}</label>
              <p className="hint" id="b-key-hint">
                {keyProp ? x.propertyExamples(examples(keyProp)) : ''}
              </p>
              <select
                id="b-key"
                aria-describedby="b-key-hint"
                value={keyProp}
                onChange={(e) => onDraft({ keyProperty: e.target.value })}
              >
                {props.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="b-name">{x.namePropertyLabel}</label>
              <p className="hint" id="b-name-hint">
                {nameProp ? x.propertyExamples(examples(nameProp)) : ''}
              </p>
              <select
                id="b-name"
                aria-describedby="b-name-hint"
                value={nameProp}
                onChange={(e) => onDraft({ nameProperty: e.target.value })}
              >
                <option value="">{x.none}</option>
                {props.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="b-level">{x.levelLabel}</label>
              <select
                id="b-level"
                value={level}
                onChange={(e) => onDraft({ level: e.target.value as AreaLevel })}
              >
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {AREA_LEVEL_LABELS[l][lang]}
                  </option>
                ))}
              </select>
            </div>
            <div className={fieldErr('valid-from') ? 'field field-invalid' : 'field'}>
              <label htmlFor="valid-from">{x.validFromLabel}</label>
              <p className="hint" id="valid-from-hint">
                {x.validFromHint}
              </p>
              <input
                id="valid-from"
                type="date"
                value={draft.validFrom}
                aria-invalid={fieldErr('valid-from') ? true : undefined}
                aria-describedby={['valid-from-hint', fieldErr('valid-from') ? 'valid-from-error' : null]
                  .filter(Boolean)
                  .join(' ')}
                onChange={(e) => onDraft({ validFrom: e.target.value })}
              />
              {fieldErr('valid-from') ? (
                <p className="field-error" id="valid-from-error">
                  {fieldErr('valid-from')}
                </p>
              ) : null}
            </div>
            <div className={fieldErr('valid-to') ? 'field field-invalid' : 'field'}>
              <label htmlFor="valid-to">{x.validToLabel}</label>
              <p className="hint" id="valid-to-hint">
                {x.validToHint}
              </p>
              <input
                id="valid-to"
                type="date"
                value={draft.validTo}
                aria-invalid={fieldErr('valid-to') ? true : undefined}
                aria-describedby={['valid-to-hint', fieldErr('valid-to') ? 'valid-to-error' : null]
                  .filter(Boolean)
                  .join(' ')}
                onChange={(e) => onDraft({ validTo: e.target.value })}
              />
              {fieldErr('valid-to') ? (
                <p className="field-error" id="valid-to-error">
                  {fieldErr('valid-to')}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="b-parent">{x.parentAreaLabel}</label>
              <select
                id="b-parent"
                value={draft.parentAreaId}
                onChange={(e) => onDraft({ parentAreaId: e.target.value })}
              >
                <option value="">{x.parentAreaAuto}</option>
                {parents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.code} {a.name} ({areaLevelLabel(a.level, lang)})
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="actions">
            <button type="submit" className={changed ? 'button' : 'button button-secondary'} disabled={busy}>
              {x.reanalyze}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
