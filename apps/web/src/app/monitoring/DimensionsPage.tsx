import { useState, type FormEvent } from 'react';
import type { Dimension } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useTenant } from '../tenant';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { useImportTexts } from '../imports/texts';
import { ErrorSummary, ImportsFrame, useBases } from '../imports/shared';

function DimensionForm({ dimension }: { dimension: Dimension }) {
  const x = useImportTexts();
  const { api: base } = useBases();
  const [name, setName] = useState(dimension.name);
  const [nameEn, setNameEn] = useState(dimension.nameEn ?? '');
  const [labels, setLabels] = useState<Record<string, string>>(
    Object.fromEntries(dimension.values.map((v) => [v.code, v.label])),
  );
  const [total, setTotal] = useState<string>(dimension.values.find((v) => v.isTotal)?.code ?? '');
  const [errors, setErrors] = useState<Array<{ field: string; message: string }>>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const p = `dim-${dimension.id}`;
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setFailure(null);
    const errs: Array<{ field: string; message: string }> = [];
    if (!name.trim()) errs.push({ field: `${p}-name`, message: x.required(x.dimNameDe) });
    dimension.values.forEach((v, i) => {
      if (!labels[v.code]?.trim()) errs.push({ field: `${p}-v-${i}`, message: x.valueLabelMissing(v.code) });
    });
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      await api.patch<Dimension>(`${base}/dimensions/${seg(dimension.id)}`, {
        name: name.trim(),
        nameEn: nameEn.trim() || null,
        values: dimension.values.map((v) => ({
          code: v.code,
          label: labels[v.code]!.trim(),
          isTotal: v.code === total,
        })),
      });
      setSaved(true);
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  const shownName = name.trim() || dimension.name;
  return (
    <li className={dimension.named ? 'dim-card' : 'dim-card dim-unnamed'}>
      <h3 id={`${p}-h`}>
        {dimension.name}
        {/* The space keeps the accessible name readable: „Geschlecht ohne Namen in der Datei“. */}
        {!dimension.named ? (
          <>
            {' '}
            <span className="tag">{x.unnamedBadge}</span>
          </>
        ) : null}
      </h3>
      <p className="hint">{x.dimCodeLabel(dimension.code)}</p>
      <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${p}-h`}>
        <ErrorSummary errors={errors} id={`${p}-errors`} />
        <ErrorAlert error={failure} />
        <div className="field-row">
          <div className={byField[`${p}-name`] ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${p}-name`}>{x.dimNameDe}</label>
            <input
              id={`${p}-name`}
              type="text"
              value={name}
              aria-invalid={byField[`${p}-name`] ? true : undefined}
              aria-describedby={byField[`${p}-name`] ? `${p}-name-error` : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            {byField[`${p}-name`] ? (
              <p className="field-error" id={`${p}-name-error`}>
                {byField[`${p}-name`]}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${p}-name-en`}>{x.dimNameEn}</label>
            <input
              id={`${p}-name-en`}
              type="text"
              lang="en"
              value={nameEn}
              onChange={(e) => setNameEn(e.target.value)}
            />
          </div>
        </div>
        <DataTable
          caption={x.dimValuesCaption(shownName)}
          head={
            <tr>
              <th scope="col">{x.colValueCode}</th>
              <th scope="col">{x.colValueLabel}</th>
              <th scope="col">{x.colIsTotal}</th>
            </tr>
          }
          foot={
            <tr>
              <th scope="row" colSpan={2}>
                {x.noTotal}
              </th>
              <td>
                <input
                  id={`${p}-total-none`}
                  type="radio"
                  name={`${p}-total`}
                  checked={total === ''}
                  onChange={() => setTotal('')}
                />
                <label htmlFor={`${p}-total-none`} className="sr-only">
                  {x.totalLegend(shownName)}: {x.noTotal}
                </label>
              </td>
            </tr>
          }
        >
          {dimension.values.map((v, i) => {
            const id = `${p}-v-${i}`;
            const err = byField[id];
            return (
              <tr key={v.code}>
                <th scope="row">
                  <code>{v.code}</code>
                </th>
                <td>
                  <div className={err ? 'field-invalid' : undefined}>
                    <label htmlFor={id} className="sr-only">
                      {x.valueLabelFor(v.code)}
                    </label>
                    <input
                      id={id}
                      type="text"
                      value={labels[v.code] ?? ''}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${id}-error` : undefined}
                      onChange={(e) => setLabels({ ...labels, [v.code]: e.target.value })}
                    />
                    {err ? (
                      <p className="field-error" id={`${id}-error`}>
                        {err}
                      </p>
                    ) : null}
                  </div>
                </td>
                <td>
                  <input
                    id={`${id}-total`}
                    type="radio"
                    name={`${p}-total`}
                    checked={total === v.code}
                    onChange={() => setTotal(v.code)}
                  />
                  <label htmlFor={`${id}-total`} className="sr-only">
                    {x.isTotalFor(labels[v.code] || v.code)}
                  </label>
                </td>
              </tr>
            );
          })}
        </DataTable>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {x.saveDimension(shownName)}
          </button>
        </div>
        <StatusMessage>{saved ? x.dimensionSaved(shownName) : null}</StatusMessage>
      </form>
    </li>
  );
}

function DimensionsList() {
  const x = useImportTexts();
  const tenant = useTenant();
  const { api: base } = useBases();
  const list = useLoad(`dims/${tenant.tenantId}`, () => api.get<Dimension[]>(`${base}/dimensions`));
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} />;
  const dims = list.data ?? [];
  if (!dims.length) return <p className="empty-state">{x.dimensionsEmpty}</p>;
  // Saved dimensions keep their place until the page is reloaded (no jumping between the lists).
  const unnamed = dims.filter((d) => !d.named);
  const rest = dims.filter((d) => d.named);
  return (
    <>
      {unnamed.length ? (
        <Section id="dims-unnamed" title={x.unnamedHeading}>
          <p className="alert alert-warning">{x.unnamedIntro}</p>
          <ul className="dim-list">
            {unnamed.map((d) => (
              <DimensionForm key={d.id} dimension={d} />
            ))}
          </ul>
        </Section>
      ) : null}
      {rest.length ? (
        <Section id="dims-named" title={x.namedHeading}>
          <ul className="dim-list">
            {rest.map((d) => (
              <DimensionForm key={d.id} dimension={d} />
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}

/** /t/:slug/monitoring/merkmale – name dimensions and their values; unnamed ones first. */
export function DimensionsPage() {
  const x = useImportTexts();
  return (
    <ImportsFrame title={x.dimensionsTitle} permission="data.write">
      <p className="lead">{x.dimensionsPageIntro}</p>
      <DimensionsList />
    </ImportsFrame>
  );
}
