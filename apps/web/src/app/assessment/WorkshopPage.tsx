/**
 * Workshop (consolidation, editors): per component the distribution of the ratings, the spread, who rated
 * what (named rounds), the comments side by side and the agreed type with its rationale.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Consolidation, InstrumentComponent } from '@dkbm/contract';
import { consolidationSchema } from '@dkbm/contract/assessment';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, NoPermission } from '../components/Feedback';
import { describedBy } from '../components/Fields';
import { seg, useBases } from './client';
import { AssessmentFrame, groupLabel, LevelLabel, LoadState, useCanEdit } from './common';
import { componentName, distributionRows, formatMedian, formatSize } from './model';
import { useAssessmentTexts } from './texts';

type Item = Consolidation['components'][number];

export function WorkshopPage() {
  const x = useAssessmentTexts();
  const { roundId } = useParams();
  const { api: base } = useBases();
  const canEdit = useCanEdit();
  const path = `${base}/rounds/${seg(roundId ?? '')}/consolidation`;
  const loaded = useLoad(canEdit ? path : 'none', () =>
    canEdit ? api.get<Consolidation>(path) : Promise.resolve(undefined),
  );
  const [data, setData] = useState<Consolidation | null>(null);
  const c = data ?? loaded.data;
  const title = c ? x.workshopTitle(c.round.title) : x.workshopTitleShort;
  return (
    <AssessmentFrame title={title} round={c?.round}>
      {!canEdit ? (
        <NoPermission text={x.noPermissionEdit} />
      ) : (
        <>
          <LoadState loaded={loaded} />
          {c ? <Workshop data={c} path={path} onSaved={setData} /> : null}
        </>
      )}
    </AssessmentFrame>
  );
}

function Workshop({
  data,
  path,
  onSaved,
}: {
  data: Consolidation;
  path: string;
  onSaved: (c: Consolidation) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { app } = useBases();
  const { round, instrument } = data;
  const closed = round.status === 'closed';
  const [live, setLive] = useState('');
  const byKey = new Map(data.components.map((c) => [c.key, c]));
  const agreedCount = data.components.filter((c) => c.agreed).length;

  return (
    <>
      <p className="lead">{round.anonymous ? x.workshopLeadAnonymous : x.workshopLeadNamed}</p>
      {closed ? <p className="alert alert-warning">{x.workshopClosed}</p> : null}
      <div role="status" className="sr-only">
        {live}
      </div>
      <Section id="ws-overview" title={x.workshopOverview}>
        <p>
          <strong>{x.consolidatedOf(agreedCount, instrument.components.length)}</strong> ·{' '}
          {x.submittedOf(round.submitted, round.participants)}
        </p>
        {round.submitted < round.participants && !closed ? (
          <p className="hint">{x.workshopNotAllSubmitted}</p>
        ) : null}
        <DataTable
          caption={x.workshopOverviewCaption}
          head={
            <tr>
              <th scope="col">{x.colComponent}</th>
              <th scope="col" className="num">
                {x.colRatings}
              </th>
              <th scope="col">{x.colRange}</th>
              <th scope="col" className="num">
                {x.colMedian}
              </th>
              <th scope="col">{x.colAgreed}</th>
            </tr>
          }
        >
          {instrument.components.map((comp) => {
            const item = byKey.get(comp.key);
            const s = item?.stats;
            return (
              <tr key={comp.key}>
                <th scope="row">
                  <a href={`#ws-${comp.key}`}>{componentName(comp, lang)}</a>
                </th>
                <td className="num">
                  {s ? s.n : 0}
                  {s && s.cannotAssess ? (
                    <span className="hint-block">{x.cannotAssessCount(s.cannotAssess)}</span>
                  ) : null}
                </td>
                <td>
                  {s?.hidden ? (
                    x.hiddenShort
                  ) : s?.min != null && s.max != null ? (
                    <>
                      {s.min === s.max ? x.typeN(s.min) : x.rangeText(s.min, s.max)}
                      {s.disagreement ? (
                        <span className="as-flag">
                          {' '}
                          <span aria-hidden="true">⚠</span> {x.disagreementShort}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="num">{s?.hidden ? '–' : formatMedian(s?.median ?? null, lang) || '–'}</td>
                <td>
                  {item?.agreed ? (
                    <>
                      <span aria-hidden="true">✓ </span>
                      {x.typeN(item.agreed.level)}
                    </>
                  ) : (
                    <span className="muted">{x.notAgreed}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
        <p>
          <Link to={`${app}/runden/${seg(round.id)}/ergebnis`}>{x.toResults}</Link>
        </p>
      </Section>

      {instrument.components.map((comp, i) => {
        const item = byKey.get(comp.key);
        if (!item) return null;
        return (
          <ComponentWorkshop
            key={comp.key}
            index={i}
            component={comp}
            item={item}
            anonymous={round.anonymous}
            closed={closed}
            path={path}
            onSaved={(c) => {
              onSaved(c);
              setLive(x.agreedSavedLive(componentName(comp, lang)));
            }}
          />
        );
      })}
    </>
  );
}

function ComponentWorkshop({
  index,
  component: comp,
  item,
  anonymous,
  closed,
  path,
  onSaved,
}: {
  index: number;
  component: InstrumentComponent;
  item: Item;
  anonymous: boolean;
  closed: boolean;
  path: string;
  onSaved: (c: Consolidation) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const name = componentName(comp, lang);
  const s = item.stats;
  const rows = distributionRows(s);
  const max = rows ? Math.max(1, ...rows.map((r) => r.count)) : 1;
  const hId = `ws-${comp.key}-h`;

  return (
    <section id={`ws-${comp.key}`} className="as-workshop" aria-labelledby={hId} tabIndex={-1}>
      <h2 id={hId}>
        {index + 1}. {name}
      </h2>
      <p className="as-question">{comp.question}</p>
      <p>
        {x.statsLine(s.n, s.cannotAssess)}
        {!s.hidden && s.median !== null ? ` · ${x.medianText(formatMedian(s.median, lang))}` : ''}
      </p>
      {s.hidden ? (
        <p className="as-hidden">
          <span aria-hidden="true">🔒 </span>
          {x.hiddenLong}
        </p>
      ) : rows ? (
        <>
          <h3 className="as-h4" id={`${hId}-dist`}>
            {x.distributionHeading}
          </h3>
          <ul className="as-bars" aria-labelledby={`${hId}-dist`}>
            {rows.map((r) => (
              <li key={r.level}>
                <span className="as-bar-label">{x.typeN(r.level)}</span>
                <span className="as-bar-track" aria-hidden="true">
                  <span className="as-bar" style={{ width: `${(r.count / max) * 100}%` }} />
                </span>
                <span className="as-bar-count">
                  {r.count}
                  <span className="sr-only"> {x.ratingsWord(r.count)}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{x.noRatingsYet}</p>
      )}
      {s.disagreement && s.min !== null && s.max !== null ? (
        <p className="as-disagreement">
          <span aria-hidden="true">⚠ </span>
          <strong>{x.disagreementTitle}</strong> {x.disagreementText(s.min, s.max)}
        </p>
      ) : null}

      {!anonymous && item.ratings.length > 0 ? (
        <DataTable
          caption={x.ratingsCaption(name)}
          head={
            <tr>
              <th scope="col">{x.colName}</th>
              <th scope="col">{x.colGroup}</th>
              <th scope="col">{x.colRating}</th>
            </tr>
          }
        >
          {item.ratings.map((r) => (
            <tr key={r.participantId}>
              <th scope="row">{r.label}</th>
              <td>{groupLabel(r.group, lang)}</td>
              <td>{r.cannotAssess ? x.cannotAssess : <LevelLabel level={r.level} />}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      {item.comments.length > 0 ? (
        <>
          <h3 className="as-h4">{x.commentsHeading(item.comments.length)}</h3>
          <ul className="as-comments">
            {item.comments.map((cm, j) => (
              <li key={j}>
                <p className="as-comment-who">
                  {cm.label ?? x.anonymousRater}
                  {cm.group ? ` · ${groupLabel(cm.group, lang)}` : ''}
                </p>
                <p className="pre-line">{cm.text}</p>
                {cm.evidenceUrl ? (
                  <p className="break">
                    {x.evidence}:{' '}
                    <a href={cm.evidenceUrl} rel="noreferrer noopener">
                      {cm.evidenceUrl}
                    </a>
                  </p>
                ) : null}
                {cm.evidenceFile ? (
                  <p className="break">
                    {x.evidenceFile}:{' '}
                    <a href={`${path.replace(/\/consolidation$/, '')}/files/${seg(cm.evidenceFile.id)}`}>
                      {cm.evidenceFile.name}
                    </a>{' '}
                    ({formatSize(cm.evidenceFile.size, lang)})
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {closed ? (
        <p>
          <strong>{x.agreedLabel}:</strong>{' '}
          {item.agreed ? `${x.typeN(item.agreed.level)} – ${item.agreed.rationale}` : x.notAgreed}
        </p>
      ) : (
        <AgreementForm component={comp} item={item} path={path} onSaved={onSaved} />
      )}
    </section>
  );
}

function AgreementForm({
  component: comp,
  item,
  path,
  onSaved,
}: {
  component: InstrumentComponent;
  item: Item;
  path: string;
  onSaved: (c: Consolidation) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const name = componentName(comp, lang);
  const [level, setLevel] = useState(item.agreed ? String(item.agreed.level) : '');
  const [rationale, setRationale] = useState(item.agreed?.rationale ?? '');
  const [errors, setErrors] = useState<{ level?: string; rationale?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (p: string) => `ws-${comp.key}-${p}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const errs: typeof errors = {};
    if (!level) errs.level = x.errAgreedLevel;
    if (rationale.trim().length < 3) errs.rationale = x.errRationale;
    setErrors(errs);
    if (errs.level) return document.getElementById(id('l1'))?.focus();
    if (errs.rationale) return document.getElementById(id('rationale'))?.focus();
    setBusy(true);
    try {
      const c = await api.put(
        `${path}/${seg(comp.key)}`,
        {
          level: Number(level),
          rationale: rationale.trim(),
        },
        consolidationSchema,
      );
      onSaved(c);
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="as-agree" noValidate onSubmit={(e) => void submit(e)}>
      <h3 className="as-h4">{x.agreeHeading}</h3>
      {item.agreed ? (
        <p className="as-agreed-info">
          <span aria-hidden="true">✓ </span>
          {x.agreedInfo(
            item.agreed.level,
            formatDateTime(item.agreed.decidedAt, lang),
            item.agreed.decidedBy ?? '',
          )}
        </p>
      ) : null}
      <ErrorAlert error={failure} />
      <fieldset
        className={errors.level ? 'as-choices field-invalid' : 'as-choices'}
        aria-describedby={describedBy(errors.level && id('level-error'))}
      >
        <legend>
          {x.agreedLevelLegend}
          <span className="sr-only">: {name}</span>
        </legend>
        {comp.types.map((t, l) => (
          <div key={l} className="as-choice">
            <input
              id={id(`l${l + 1}`)}
              type="radio"
              name={id('level')}
              value={String(l + 1)}
              checked={level === String(l + 1)}
              onChange={() => setLevel(String(l + 1))}
            />
            <label htmlFor={id(`l${l + 1}`)}>
              <span className="as-type-label">{x.typeN(l + 1)}</span>{' '}
              <span className="as-type-text">{t}</span>
            </label>
          </div>
        ))}
        {errors.level ? (
          <p className="field-error" id={id('level-error')}>
            {errors.level}
          </p>
        ) : null}
      </fieldset>
      <div className={errors.rationale ? 'field field-invalid' : 'field'}>
        <label htmlFor={id('rationale')}>
          {x.fRationale}
          <span className="sr-only">: {name}</span>
        </label>
        <p className="hint" id={id('rationale-hint')}>
          {x.fRationaleHint}
        </p>
        <textarea
          id={id('rationale')}
          rows={3}
          value={rationale}
          aria-invalid={errors.rationale ? true : undefined}
          aria-describedby={describedBy(id('rationale-hint'), errors.rationale && id('rationale-error'))}
          onChange={(e) => setRationale(e.target.value)}
        />
        {errors.rationale ? (
          <p className="field-error" id={id('rationale-error')}>
            {errors.rationale}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {item.agreed ? x.updateAgreed : x.saveAgreed}
        <span className="sr-only">: {name}</span>
      </button>
    </form>
  );
}
