/** The development model: components, guiding questions, four types each, framework conditions, versions. */
import { Link, useLocation, useSearchParams } from 'react-router';
import type { FrameworkConditionDef, Instrument, InstrumentContent } from '@dkbm/contract';
import { api } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { StatusMessage } from '../components/Feedback';
import { seg, useBases } from './client';
import { AssessmentFrame, LoadState, useCanEdit } from './common';
import { componentName, defaultInstrument, sortInstruments } from './model';
import { useAssessmentTexts } from './texts';

export function InstrumentPage() {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const canEdit = useCanEdit();
  const [sp] = useSearchParams();
  const location = useLocation();
  const saved = (location.state as { savedVersion?: number } | null)?.savedVersion;
  const list = useLoad(`${base}/instruments`, () => api.get<Instrument[]>(`${base}/instruments`));
  const versions = sortInstruments(list.data ?? []);
  const wanted = sp.get('version');
  const current = versions.find((v) => v.id === wanted) ?? defaultInstrument(versions);

  return (
    <AssessmentFrame title={x.instrumentTitle}>
      <StatusMessage>{saved ? x.versionSaved(saved) : null}</StatusMessage>
      <LoadState loaded={list} />
      {current ? (
        <>
          <p className="lead">{current.content.title}</p>
          <dl className="details as-details">
            <dt>{x.versionLabel}</dt>
            <dd>
              {x.versionText(current.version, current.tenantId === null, formatDate(current.createdAt, lang))}
            </dd>
            <dt>{x.sourceLabel}</dt>
            <dd>{current.content.source}</dd>
            <dt>{x.usedLabel}</dt>
            <dd>{current.usedBy > 0 ? x.usedFrozen(current.usedBy) : x.usedNone}</dd>
          </dl>
          {current.content.description ? <p>{current.content.description}</p> : null}
          {canEdit ? (
            <p>
              <Link className="button" to={`${app}/modell/anpassen?von=${seg(current.id)}`}>
                {x.adapt}
              </Link>{' '}
              <span className="hint">{x.adaptHint}</span>
            </p>
          ) : null}
          <InstrumentContentView content={current.content} />
          <Section id="as-versions" title={x.versionsHeading}>
            <p>{x.versionsText}</p>
            <DataTable
              caption={x.versionsCaption}
              head={
                <tr>
                  <th scope="col">{x.colVersion}</th>
                  <th scope="col">{x.colOrigin}</th>
                  <th scope="col">{x.colCreated}</th>
                  <th scope="col">{x.colUsed}</th>
                </tr>
              }
            >
              {versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    {v.id === current.id ? (
                      <span aria-current="true">
                        {x.versionN(v.version)} <span className="muted">({x.shown})</span>
                      </span>
                    ) : (
                      <Link to={`?version=${seg(v.id)}`}>{x.versionN(v.version)}</Link>
                    )}
                    <span className="hint-block">{v.content.title}</span>
                  </th>
                  <td>{v.tenantId === null ? x.originDefault : x.originTenant}</td>
                  <td>{formatDate(v.createdAt, lang)}</td>
                  <td>{v.usedBy > 0 ? x.usedFrozenShort(v.usedBy) : x.usedNoneShort}</td>
                </tr>
              ))}
            </DataTable>
          </Section>
        </>
      ) : null}
    </AssessmentFrame>
  );
}

/** Components with question and types, and the framework conditions (also used by the editor preview). */
export function InstrumentContentView({ content }: { content: InstrumentContent }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const groups: Array<FrameworkConditionDef['group']> = ['ressourcen', 'struktur'];
  return (
    <>
      <Section id="as-components" title={x.componentsHeading(content.components.length)}>
        <p>{x.componentsText}</p>
        <ol className="as-components">
          {content.components.map((c, i) => (
            <li key={c.key} className="as-component">
              <h3 id={`as-comp-${i}`}>{componentName(c, lang)}</h3>
              <p className="as-question">
                <span className="sr-only">{x.questionLabel}: </span>
                {c.question}
              </p>
              <ol className="as-types">
                {c.types.map((t, l) => (
                  <li key={l}>
                    <span className="as-type-label">{x.typeN(l + 1)}</span>
                    <span className="as-type-text">{t}</span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </Section>
      <Section id="as-framework" title={x.frameworkHeading}>
        <p>{x.frameworkText}</p>
        {content.frameworkConditions.length === 0 ? <p>{x.frameworkNone}</p> : null}
        {groups.map((g) => {
          const items = content.frameworkConditions.filter((f) => f.group === g);
          if (!items.length) return null;
          return (
            <div key={g}>
              <h3>{x.frameworkGroup[g]}</h3>
              <ul className="as-conditions">
                {items.map((f) => (
                  <li key={f.key}>
                    <strong>{f.name}</strong>
                    {f.hint ? ` – ${f.hint}` : ''}{' '}
                    <span className="muted">
                      ({f.kind === 'number' ? x.kindNumber(f.unit ?? null) : x.kindText})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </Section>
    </>
  );
}
