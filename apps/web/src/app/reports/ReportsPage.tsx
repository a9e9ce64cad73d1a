import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  hasPermission,
  INDICATOR_TEMPLATES,
  reportTemplateSchema,
  type Area,
  type Indicator,
  type ReportDetail,
  type ReportSummary,
  type ReportTemplate,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { formatDateTime, useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { useReportTexts } from './texts';
import { MyChapters } from './ChapterTeam';

export const useReportsApi = () => `/api/tenants/${seg(useTenant().tenantId)}/reports`;

function CreateForm({ reports }: { reports: ReportSummary[] }) {
  const x = useReportTexts();
  const { lang } = useI18n();
  const base = useReportsApi();
  const tenant = useTenant();
  const navigate = useNavigate();
  const id = useId();
  const [title, setTitle] = useState('');
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const [cutoff, setCutoff] = useState('');
  const [authors, setAuthors] = useState('');
  const [template, setTemplate] = useState<ReportTemplate>('leitfaden');
  const [previous, setPrevious] = useState(reports[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [indicatorIds, setIndicatorIds] = useState<string[]>([]);
  const [areaCode, setAreaCode] = useState('');
  const byIndicators = INDICATOR_TEMPLATES.includes(template);
  const tenantApi = `/api/tenants/${seg(tenant.tenantId)}`;
  const indicators = useLoad(`ind-${tenant.tenantId}-${byIndicators}`, () =>
    byIndicators ? api.get<Indicator[]>(`${tenantApi}/indicators`) : Promise.resolve(null),
  );
  const areas = useLoad(`areas-${tenant.tenantId}-${template}`, () =>
    template === 'area_profile' ? api.get<Area[]>(`${tenantApi}/areas`) : Promise.resolve(null),
  );

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!title.trim()) errs.title = x.required(x.fieldTitle);
    if (!period.trim()) errs.period = x.required(x.fieldPeriod);
    setErrors(errs);
    if (Object.keys(errs).length) {
      e.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const r = await api.post<ReportDetail>(base, {
        title,
        period,
        dataCutoff: cutoff || null,
        authors: authors || null,
        template,
        ...(template === 'previous' ? { previousReportId: previous } : {}),
        ...(byIndicators ? { indicatorIds } : {}),
        ...(template === 'area_profile' ? { areaCode: areaCode || undefined } : {}),
      });
      await navigate(`/t/${tenant.slug}/berichte/${r.id}`);
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  const templates = reportTemplateSchema.options.filter((t) => t !== 'previous' || reports.length > 0);
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        id={`${id}-title`}
        label={x.fieldTitle}
        value={title}
        onChange={setTitle}
        error={errors.title}
        required
      />
      <TextField
        id={`${id}-period`}
        label={x.fieldPeriod}
        hint={x.fieldPeriodHint}
        value={period}
        onChange={setPeriod}
        error={errors.period}
        required
      />
      <TextField id={`${id}-cutoff`} label={x.fieldCutoff} type="date" value={cutoff} onChange={setCutoff} />
      <TextField id={`${id}-authors`} label={x.fieldAuthors} value={authors} onChange={setAuthors} />
      <SelectField
        id={`${id}-template`}
        label={x.fieldTemplate}
        value={template}
        onChange={setTemplate}
        options={templates.map((t) => ({ value: t, label: x.templates[t] }))}
      />
      {template === 'previous' ? (
        <SelectField
          id={`${id}-previous`}
          label={x.fieldPrevious}
          value={previous}
          onChange={setPrevious}
          options={reports.map((r) => ({ value: r.id, label: `${r.title} (${r.period})` }))}
        />
      ) : null}
      {byIndicators && indicators.data ? (
        <fieldset>
          <legend>{x.fieldIndicators}</legend>
          {indicators.data.map((i) => (
            <div className="checkbox" key={i.id}>
              <input
                type="checkbox"
                id={`${id}-i-${i.id}`}
                checked={indicatorIds.includes(i.id)}
                onChange={(e) =>
                  setIndicatorIds((v) => (e.target.checked ? [...v, i.id] : v.filter((k) => k !== i.id)))
                }
              />
              <label htmlFor={`${id}-i-${i.id}`}>{lang === 'en' && i.nameEn ? i.nameEn : i.nameDe}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      {template === 'area_profile' && areas.data ? (
        <SelectField
          id={`${id}-area`}
          label={x.fieldArea}
          value={areaCode}
          onChange={setAreaCode}
          options={[
            { value: '', label: x.chooseArea },
            ...areas.data.map((a) => ({ value: a.code, label: a.name })),
          ]}
        />
      ) : null}
      <ErrorAlert error={failure} />
      <button type="submit" className="button" disabled={busy}>
        {x.createButton}
      </button>
    </form>
  );
}

/** The reports of the municipality; editors create new ones. */
export function ReportsPage() {
  const x = useReportTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const base = useReportsApi();
  const list = useLoad(base, () => api.get<ReportSummary[]>(base));
  const canWrite = hasPermission(tenant.role, 'data.write');
  return (
    <Page title={x.title}>
      <p>{x.intro}</p>
      {!canWrite ? <p>{x.viewerNote}</p> : null}
      {hasPermission(tenant.role, 'data.contribute') ? (
        <Section id="reports-mine" title={x.myChapters}>
          <MyChapters />
        </Section>
      ) : null}
      <Section id="reports-list" title={x.list}>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorAlert error={list.error} />
        {list.data && !list.data.length ? <p>{x.none}</p> : null}
        {list.data?.length ? (
          <DataTable
            caption={x.list}
            head={
              <tr>
                <th scope="col">{x.colTitle}</th>
                <th scope="col">{x.colPeriod}</th>
                <th scope="col">{x.colStatus}</th>
                <th scope="col">{x.colUpdated}</th>
              </tr>
            }
          >
            {list.data.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/t/${tenant.slug}/berichte/${r.id}`}>{r.title}</Link>
                </th>
                <td>{r.period}</td>
                <td>{x.status[r.status]}</td>
                <td>{formatDateTime(r.updatedAt, lang)}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>
      {canWrite && list.data ? (
        <Section id="reports-create" title={x.create}>
          <CreateForm reports={list.data} />
        </Section>
      ) : null}
    </Page>
  );
}
