import { lazy, Suspense, useId, useRef, useState, type FormEvent } from 'react';
import { diffWords } from 'diff';
import { useParams } from 'react-router';
import {
  hasPermission,
  INDICATOR_BLOCKS,
  keyFigureCells,
  RICH_BLOCKS,
  textToRich,
  type Block,
  type BlockKind,
  type BlockView,
  type Chapter,
  type Finding,
  type FindingRef,
  type GoalRef,
  type Indicator,
  type RecommendationRef,
  type ReportRevision,
  type SteeringOverview,
  type ReportDetail,
  type ReportImage,
  type ReportStatus,
  type RichDoc,
} from '@dkbm/contract';
import { api, ApiFailure, seg, toFailure } from '../api';
import { useLoad } from '../hooks';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { Page, Section } from '../components/Page';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { useReportTexts } from './texts';
import { useReportsApi } from './ReportsPage';
import { blockTable, formatCell, periodLabel } from './model';
import { RichText } from './RichText';
import { ChapterTeam } from './ChapterTeam';
import { ReferenceAreasField, useReferenceCandidates } from './ReferenceAreas';
import { useSession } from '../session';

/** Tiptap and ProseMirror are loaded with the first text that is written or edited. */
const RichTextEditor = lazy(() => import('./RichTextEditor'));

function Editor(props: { id: string; label: string; value: RichDoc; onChange: (doc: RichDoc) => void }) {
  return (
    <Suspense fallback={<Loading />}>
      <RichTextEditor {...props} />
    </Suspense>
  );
}

const EMPTY_DOC: RichDoc = { type: 'doc', content: [{ type: 'paragraph' }] };

type Act = (run: () => Promise<ReportDetail>, message?: string) => Promise<boolean>;

function TextArea(props: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={props.id}
        name={props.name}
        rows={6}
        value={props.value}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

function DataView({ block, chartUrl }: { block: Block; chartUrl: string }) {
  const x = useReportTexts();
  const { lang } = useI18n();
  const d = block.data;
  if (!d) return <p>{x.noData}</p>;
  const base = block.caption || `${d.indicatorName}${d.unit ? ` (${d.unit})` : ''}`;
  const caption = d.selection ? `${base} – ${d.selection}` : base;
  const table = blockTable(d, lang);
  return (
    <figure className="report-block-figure">
      {block.kind === 'chart' || block.kind === 'map' ? (
        <img
          src={`${chartUrl}?v=${encodeURIComponent(d.takenAt)}`}
          alt={`${x.figure(caption)}. ${x.tableFor(caption)}`}
          style={{ maxWidth: '100%', height: 'auto' }}
        />
      ) : null}
      <figcaption>{block.kind === 'chart' || block.kind === 'map' ? x.figure(caption) : caption}</figcaption>
      <div className="table-scroll" role="region" aria-label={x.tableFor(caption)} tabIndex={0}>
        <table>
          <caption>{x.tableFor(caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{x.area}</th>
              {table.periods.map((p) => (
                <th scope="col" key={p} className="num">
                  {periodLabel(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.areaCode}>
                <th scope="row">{r.reference ? `${r.areaName} (${x.referenceSuffix})` : r.areaName}</th>
                {r.cells.map((c, i) => (
                  <td key={i} className="num">
                    {c ? formatCell(c, d.decimals, lang) : '–'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        {x.source(d.source ?? '–', d.dataVersion, formatDate(d.takenAt, lang))}
        {d.cells.some((c) => c.value === null && c.flag === '.') ? ` ${x.withheldNote}` : ''}
      </p>
    </figure>
  );
}

function KeyFigureView({ block }: { block: Block }) {
  const x = useReportTexts();
  const { lang } = useI18n();
  const d = block.data;
  const cells = d ? keyFigureCells(d, block.areaCode) : null;
  if (!d || !cells) return <p>{x.noData}</p>;
  const { now, before } = cells;
  const fmt = (v: number) =>
    new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
      minimumFractionDigits: d.decimals,
      maximumFractionDigits: d.decimals,
    }).format(v);
  let trend: string | null = null;
  if (now.value !== null && before?.value != null) {
    const diff = Number(now.value) - Number(before.value);
    const dir = Math.abs(diff) < 0.5 * 10 ** -d.decimals ? 'same' : diff > 0 ? 'up' : 'down';
    trend = x.trend(dir, fmt(Math.abs(diff)), periodLabel(before.period));
  }
  return (
    <figure className="report-keyfigure">
      <p className="report-keyfigure-value">
        {formatCell(now, d.decimals, lang)}
        {d.unit ? <span> {d.unit}</span> : null}
      </p>
      <figcaption>
        {block.caption || d.indicatorName} – {now.areaName}, {periodLabel(now.period)}
      </figcaption>
      {trend ? <p>{trend}</p> : null}
      <p className="hint">{x.source(d.source ?? '–', d.dataVersion, formatDate(d.takenAt, lang))}</p>
    </figure>
  );
}

function GoalView({ goal }: { goal: GoalRef }) {
  const x = useReportTexts();
  const { lang } = useI18n();
  const period =
    goal.periodStart || goal.periodEnd
      ? `${goal.periodStart ? formatDate(goal.periodStart, lang) : '…'} – ${goal.periodEnd ? formatDate(goal.periodEnd, lang) : '…'}`
      : null;
  const num = (v: string | null, flag: string | null = null) =>
    v === null ? (flag ?? '–') : Number(v).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE');
  return (
    <div className="report-goal">
      <h3>
        {x.goal}: {goal.title}
      </h3>
      {goal.description ? <p>{goal.description}</p> : null}
      <p className="hint">{x.goalMeta(period, goal.owner, goal.progressLabel)}</p>
      {goal.targets.length ? (
        <div className="table-scroll" role="region" aria-label={x.goalTargets(goal.title)} tabIndex={0}>
          <table>
            <caption>{x.goalTargets(goal.title)}</caption>
            <thead>
              <tr>
                {x.targetCols.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {goal.targets.map((t, i) => (
                <tr key={i}>
                  <th scope="row">
                    {t.indicatorName}
                    {t.unit ? ` (${t.unit})` : ''}
                  </th>
                  <td>{t.areaName}</td>
                  <td className="num">
                    {num(t.baselineValue)} ({periodLabel(t.baselinePeriod)})
                  </td>
                  <td className="num">
                    {num(t.targetValue)} ({periodLabel(t.targetPeriod)})
                  </td>
                  <td className="num">
                    {t.latestPeriod
                      ? `${num(t.latestValue, t.latestFlag)} (${periodLabel(t.latestPeriod)})`
                      : '–'}
                  </td>
                  <td>{t.progressLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function RecommendationView({ rec }: { rec: RecommendationRef }) {
  const x = useReportTexts();
  return (
    <div className="report-recommendation">
      <h3>
        {x.recommendation}: {rec.title}
      </h3>
      <p>{rec.text}</p>
      <p className="hint">{x.recMeta(rec.addressedUnit, x.recStatus[rec.status] ?? rec.status)}</p>
    </div>
  );
}

function FindingView({ finding }: { finding: FindingRef }) {
  const x = useReportTexts();
  const { lang } = useI18n();
  const num = (v: string | null, flag: string | null) =>
    v === null
      ? (flag ?? '–')
      : new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
          minimumFractionDigits: finding.decimals,
          maximumFractionDigits: finding.decimals,
        }).format(Number(v));
  const label = x.findingValues(finding.statement);
  return (
    <div className="report-finding">
      <h3>
        {x.finding}: {finding.statement}
      </h3>
      <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{x.findingArea}</th>
              <th scope="col">
                {finding.indicatorName}
                {finding.unit ? ` (${finding.unit})` : ''}, {periodLabel(finding.period)}
              </th>
            </tr>
          </thead>
          <tbody>
            {finding.values.map((v) => (
              <tr key={v.areaName}>
                <th scope="row">{v.areaName}</th>
                <td className="num">{num(v.value, v.flag)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{x.findingSource}</p>
    </div>
  );
}

function KeyFigureArea({ block, act, base }: { block: Block; act: Act; base: string }) {
  const x = useReportTexts();
  const id = useId();
  const areas = [...new Map((block.data?.cells ?? []).map((c) => [c.areaCode, c.areaName])).entries()];
  const [area, setArea] = useState(block.areaCode ?? keyFigureCells(block.data!, null)?.now.areaCode ?? '');
  if (areas.length < 2) return null;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act(() => api.patch(`${base}/blocks/${block.id}`, { areaCode: area }), x.saved);
      }}
    >
      <SelectField
        id={`${id}-area`}
        label={x.keyArea}
        value={area}
        onChange={setArea}
        options={areas.map(([value, label]) => ({ value, label }))}
      />
      <button type="submit" className="button button-secondary">
        {x.saveArea}
      </button>
    </form>
  );
}

function ChartReferences({ block, act, base }: { block: Block; act: Act; base: string }) {
  const x = useReportTexts();
  const [ids, setIds] = useState<string[]>(block.data?.references?.map((r) => r.areaId) ?? []);
  const candidates = useReferenceCandidates();
  if (!candidates.length) return null;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act(() => api.patch(`${base}/blocks/${block.id}`, { referenceAreaIds: ids }), x.saved);
      }}
    >
      <ReferenceAreasField candidates={candidates} value={ids} onChange={setIds} />
      <button type="submit" className="button button-secondary">
        {x.saveReferences}
      </button>
    </form>
  );
}

/** Word diff of two versions: deletions struck through, insertions underlined, both named for screen readers. */
function Diff({ before, after }: { before: string; after: string }) {
  const x = useReportTexts();
  return (
    <p className="report-diff">
      {diffWords(before, after).map((part, i) =>
        part.added ? (
          <ins key={i}>
            <span className="sr-only">{x.inserted} </span>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={i}>
            <span className="sr-only">{x.deleted} </span>
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}

/** The chapter's change history (loaded when opened): who changed which block when, with a diff. */
function ChapterHistory({ base, chapter }: { base: string; chapter: Chapter }) {
  const x = useReportTexts();
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const url = `${base}/chapters/${chapter.id}/history`;
  const history = useLoad(`${url}|${open}|${chapter.updatedAt}`, () =>
    open ? api.get<ReportRevision[]>(url) : Promise.resolve(null),
  );
  return (
    <details className="report-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{x.history}</summary>
      {open && history.loading ? <Loading /> : null}
      <ErrorAlert error={history.error} />
      {history.data && !history.data.length ? <p>{x.noHistory}</p> : null}
      {history.data?.length ? (
        <ol className="report-history-list">
          {history.data.map((h) => (
            <li key={h.id}>
              <p className="hint">
                {x.revision(
                  formatDateTime(h.createdAt, lang),
                  h.author,
                  x.revisionAction[h.action],
                  h.kind ? x.kinds[h.kind] : x.chapterItself,
                )}
              </p>
              {h.before !== null && h.after !== null ? (
                <Diff before={h.before} after={h.after} />
              ) : (
                <p className="report-diff">
                  {h.after !== null ? <ins>{h.after}</ins> : <del>{h.before}</del>}
                </p>
              )}
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}

function BlockView({
  block,
  place,
  editable,
  canComment,
  act,
  base,
  chapterTitle,
  openComments,
}: {
  block: Block;
  place: { first: boolean; last: boolean };
  editable: boolean;
  canComment: boolean;
  openComments: ReadonlySet<string>;
  act: Act;
  base: string;
  chapterTitle: string;
}) {
  const x = useReportTexts();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [doc, setDoc] = useState<RichDoc>(block.doc ?? textToRich(block.text ?? ''));
  const [comment, setComment] = useState('');
  const [quote, setQuote] = useState('');
  const [quoteError, setQuoteError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [imageEdit, setImageEdit] = useState(false);
  const [alt, setAlt] = useState(block.text ?? '');
  const [caption, setCaption] = useState(block.caption ?? '');
  const textRef = useRef<HTMLDivElement>(null);
  const move = (direction: 'up' | 'down') =>
    act(() => api.post(`${base}/blocks/${block.id}/move`, { direction }), x.saved);
  /** The text selected inside this block's text (nothing elsewhere on the page). */
  const takeSelection = () => {
    const sel = window.getSelection();
    const text = sel?.toString().trim() ?? '';
    const inside =
      !!sel && sel.rangeCount > 0 && !!textRef.current?.contains(sel.getRangeAt(0).commonAncestorContainer);
    if (text && inside) {
      setQuote(text.slice(0, 500));
      setQuoteError(undefined);
    } else setQuoteError(x.noSelection);
  };
  return (
    <article className="report-block card" aria-label={`${x.kinds[block.kind]} – ${chapterTitle}`}>
      {RICH_BLOCKS.includes(block.kind) ? (
        editing ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              // The state the author started from: a concurrent change by someone else is a 409, not lost.
              const body = { doc, baseUpdatedAt: block.updatedAt };
              if (await act(() => api.patch(`${base}/blocks/${block.id}`, body), x.saved)) setEditing(false);
            }}
          >
            <Editor id={`${id}-text`} label={x.text} value={doc} onChange={setDoc} />
            <button type="submit" className="button">
              {x.saveText}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              {x.cancel}
            </button>
          </form>
        ) : (
          <div className={block.kind === 'infobox' ? 'report-infobox' : undefined} ref={textRef}>
            {block.kind === 'infobox' && block.caption ? <h3>{block.caption}</h3> : null}
            <RichText
              doc={block.doc ?? textToRich(block.text ?? '')}
              idPrefix={`b-${block.id}`}
              openComments={openComments}
            />
          </div>
        )
      ) : (
        <>
          {block.newerData ? (
            <p className="alert alert-warning">{block.ref ? x.newerRef : x.newerData}</p>
          ) : null}
          {block.kind === 'image' ? (
            <figure className="report-image">
              <img
                src={`${base}/images/${block.imageId ?? ''}`}
                alt={block.text ?? ''}
                style={{ maxWidth: '100%', height: 'auto' }}
              />
              <figcaption>{x.figure(block.caption ?? '')}</figcaption>
            </figure>
          ) : block.kind === 'keyfigure' ? (
            <KeyFigureView block={block} />
          ) : block.ref?.kind === 'goal' ? (
            <GoalView goal={block.ref} />
          ) : block.ref?.kind === 'recommendation' ? (
            <RecommendationView rec={block.ref} />
          ) : block.ref?.kind === 'finding' ? (
            <FindingView finding={block.ref} />
          ) : block.kind === 'chart' || block.kind === 'map' || block.kind === 'table' ? (
            <DataView block={block} chartUrl={`${base}/blocks/${block.id}/chart.svg`} />
          ) : (
            <p>{x.noData}</p>
          )}
          {editable && block.kind === 'keyfigure' && block.data ? (
            <KeyFigureArea block={block} act={act} base={base} />
          ) : null}
          {editable && block.kind === 'chart' && block.data ? (
            <ChartReferences block={block} act={act} base={base} />
          ) : null}
        </>
      )}
      {editable ? (
        <p className="actions">
          {RICH_BLOCKS.includes(block.kind) && !editing ? (
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
              {x.editText}
            </button>
          ) : null}
          {!RICH_BLOCKS.includes(block.kind) && block.kind !== 'image' ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => act(() => api.post(`${base}/blocks/${block.id}/refresh`), x.saved)}
            >
              {x.refresh}
            </button>
          ) : null}{' '}
          {block.kind === 'image' && !imageEdit ? (
            <button type="button" className="button button-secondary" onClick={() => setImageEdit(true)}>
              {x.editImage}
            </button>
          ) : null}{' '}
          <button
            type="button"
            className="button button-secondary"
            disabled={place.first}
            onClick={() => move('up')}
          >
            {x.moveUp}
          </button>{' '}
          <button
            type="button"
            className="button button-secondary"
            disabled={place.last}
            onClick={() => move('down')}
          >
            {x.moveDown}
          </button>{' '}
          {confirming ? null : (
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              {x.deleteBlock}
            </button>
          )}
        </p>
      ) : null}
      {editable && confirming ? (
        <div className="alert alert-warning" role="group" aria-label={x.deleteBlock}>
          <p>{x.confirmDeleteBlock}</p>
          <p className="actions">
            <button
              type="button"
              className="button button-danger"
              // The question just asked takes the focus (keyboard and screen reader users land on it).
              autoFocus
              onClick={() => act(() => api.del(`${base}/blocks/${block.id}`))}
            >
              {x.confirmDelete}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {x.cancel}
            </button>
          </p>
        </div>
      ) : null}
      {editable && imageEdit ? (
        <form
          className="inline-form"
          aria-label={x.editImage}
          onSubmit={async (e) => {
            e.preventDefault();
            const body = { alt, caption, baseUpdatedAt: block.updatedAt };
            if (await act(() => api.patch(`${base}/blocks/${block.id}`, body), x.saved)) setImageEdit(false);
          }}
        >
          <TextField
            id={`${id}-alt`}
            label={x.imageAlt}
            hint={x.imageAltHint}
            value={alt}
            onChange={setAlt}
          />
          <TextField id={`${id}-img-caption`} label={x.imageCaption} value={caption} onChange={setCaption} />
          <button type="submit" className="button">
            {x.saveImage}
          </button>{' '}
          <button type="button" className="button button-secondary" onClick={() => setImageEdit(false)}>
            {x.cancel}
          </button>
        </form>
      ) : null}
      {canComment ? (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!comment.trim()) return;
            const ok = await act(
              () =>
                api.post(`${base}/comments`, {
                  chapterId: block.chapterId,
                  blockId: block.id,
                  ...(quote.trim() ? { quote: quote.trim() } : {}),
                  body: comment,
                }),
              x.saved,
            );
            if (ok) {
              setComment('');
              setQuote('');
            }
          }}
        >
          {RICH_BLOCKS.includes(block.kind) && !editing ? (
            <div className="field">
              <TextField
                id={`${id}-quote`}
                label={x.quote}
                hint={x.quoteHint}
                value={quote}
                onChange={setQuote}
                error={quoteError}
              />
              <button type="button" className="button button-secondary" onClick={takeSelection}>
                {x.takeSelection}
              </button>
            </div>
          ) : null}
          <TextField id={`${id}-comment`} label={x.comment} value={comment} onChange={setComment} />
          <button type="submit" className="button button-secondary">
            {x.addComment}
          </button>
        </form>
      ) : null}
    </article>
  );
}

function AddBlockForm({ chapter, act, base }: { chapter: Chapter; act: Act; base: string }) {
  const x = useReportTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const id = useId();
  const [kind, setKind] = useState<BlockKind>('text');
  const [doc, setDoc] = useState<RichDoc>(EMPTY_DOC);
  const [docKey, setDocKey] = useState(0);
  const [indicatorId, setIndicatorId] = useState('');
  const [view, setView] = useState<BlockView>('areas');
  const [referenceIds, setReferenceIds] = useState<string[]>([]);
  const candidates = useReferenceCandidates();
  const [caption, setCaption] = useState('');
  const [goalId, setGoalId] = useState('');
  const [recId, setRecId] = useState('');
  const [recTitle, setRecTitle] = useState('');
  const [recText, setRecText] = useState('');
  const [recUnit, setRecUnit] = useState('');
  const [alt, setAlt] = useState('');
  const [findingId, setFindingId] = useState('');
  const [fileKey, setFileKey] = useState(0);
  const tenantApi = `/api/tenants/${seg(tenant.tenantId)}`;
  const indicators = useLoad(`ind-${tenant.tenantId}`, () => api.get<Indicator[]>(`${tenantApi}/indicators`));
  const steering = useLoad(`steering-${tenant.tenantId}-${kind}`, () =>
    kind === 'goal' || kind === 'recommendation'
      ? api.get<SteeringOverview>(`${tenantApi}/steering/overview`)
      : Promise.resolve(null),
  );
  const findings = useLoad(`findings-${tenant.tenantId}-${kind}`, () =>
    kind === 'finding' ? api.get<Finding[]>(`${tenantApi}/steering/findings`) : Promise.resolve(null),
  );
  const indicatorBlock = INDICATOR_BLOCKS.includes(kind);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Read from the form itself: what the person sees is what is sent.
    const form = new FormData(e.currentTarget);
    const typedCaption = String(form.get('caption') ?? caption).trim();
    if (kind === 'image') {
      const file = form.get('file');
      const typedAlt = String(form.get('alt') ?? alt).trim();
      // The image first (type and size checked by the server), then the block that shows it.
      const ok = await act(async () => {
        if (!(file instanceof File) || !file.size) throw new ApiFailure(400, 'bad_request', x.imageNoFile);
        // Checked before the upload, so that no image is stored for a block that cannot be added.
        if (!typedAlt) throw new ApiFailure(400, 'validation', x.imageNoAlt);
        if (!typedCaption) throw new ApiFailure(400, 'validation', x.imageNoCaption);
        const img = await api.upload<ReportImage>(`${base}/images`, file);
        return api.post<ReportDetail>(`${base}/chapters/${chapter.id}/blocks`, {
          kind,
          imageId: img.id,
          alt: typedAlt,
          caption: typedCaption,
        });
      }, x.saved);
      if (ok) {
        setAlt((now) => (now.trim() === typedAlt ? '' : now));
        setCaption((now) => (now.trim() === typedCaption ? '' : now));
        setFileKey((k) => k + 1);
      }
      return;
    }
    const body =
      kind === 'text'
        ? { kind, doc }
        : kind === 'infobox'
          ? { kind, doc, caption: typedCaption || null }
          : kind === 'goal'
            ? { kind, goalId: goalId || undefined }
            : kind === 'finding'
              ? { kind, findingId: findingId || undefined }
              : kind === 'recommendation'
                ? recId
                  ? { kind, recommendationId: recId }
                  : {
                      kind,
                      recommendation: {
                        title: String(form.get('recTitle') ?? recTitle),
                        text: String(form.get('recText') ?? recText),
                        addressedUnit: String(form.get('recUnit') ?? recUnit).trim() || null,
                      },
                    }
                : {
                    kind,
                    indicatorId: indicatorId || undefined,
                    ...(kind === 'keyfigure' || kind === 'map' ? {} : { view }),
                    ...(kind === 'chart' && referenceIds.length ? { referenceAreaIds: referenceIds } : {}),
                    caption: typedCaption || null,
                  };
    // Empty only the fields of the kind just added, and only while they still hold what was sent: a late
    // answer must not clear what is typed next (e.g. the caption of the next block).
    const unchanged = (sent: string) => (now: string) => (now.trim() === sent.trim() ? '' : now);
    if (await act(() => api.post(`${base}/chapters/${chapter.id}/blocks`, body), x.saved)) {
      if (body.kind === 'text' || body.kind === 'infobox') {
        setDoc((now) => (now === doc ? EMPTY_DOC : now));
        setDocKey((k) => k + 1);
        if (body.kind === 'infobox') setCaption(unchanged(typedCaption));
      } else if (body.kind === 'recommendation') {
        setRecTitle(unchanged(String(form.get('recTitle') ?? '')));
        setRecText(unchanged(String(form.get('recText') ?? '')));
        setRecUnit(unchanged(String(form.get('recUnit') ?? '')));
      } else setCaption(unchanged(typedCaption));
    }
  }
  return (
    <details className="add-block">
      <summary>{x.addBlock}</summary>
      <form onSubmit={submit}>
        <SelectField
          id={`${id}-kind`}
          label={x.blockKind}
          value={kind}
          onChange={setKind}
          options={(
            [
              'text',
              'infobox',
              'chart',
              'map',
              'table',
              'keyfigure',
              'goal',
              'recommendation',
              'finding',
              'image',
            ] as const
          ).map((k) => ({
            value: k,
            label: x.kinds[k],
          }))}
        />
        {kind === 'text' ? (
          <Editor key={docKey} id={`${id}-text`} label={x.text} value={doc} onChange={setDoc} />
        ) : kind === 'infobox' ? (
          <>
            <TextField
              id={`${id}-caption`}
              name="caption"
              label={x.infoTitle}
              value={caption}
              onChange={setCaption}
            />
            <Editor key={docKey} id={`${id}-text`} label={x.text} value={doc} onChange={setDoc} />
          </>
        ) : kind === 'image' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-file`}>{x.imageFile}</label>
              <input key={fileKey} id={`${id}-file`} name="file" type="file" accept="image/png,image/jpeg" />
            </div>
            <TextArea
              id={`${id}-alt`}
              name="alt"
              label={x.imageAlt}
              hint={x.imageAltHint}
              value={alt}
              onChange={setAlt}
            />
            <TextField
              id={`${id}-caption`}
              name="caption"
              label={x.imageCaption}
              value={caption}
              onChange={setCaption}
            />
          </>
        ) : kind === 'finding' ? (
          <>
            <p className="hint">{x.findingHint}</p>
            <SelectField
              id={`${id}-finding`}
              label={x.finding}
              value={findingId}
              onChange={setFindingId}
              options={[
                { value: '', label: x.chooseFinding },
                ...(findings.data ?? []).map((f) => ({ value: f.id, label: f.statement })),
              ]}
            />
          </>
        ) : kind === 'goal' ? (
          <SelectField
            id={`${id}-goal`}
            label={x.goal}
            value={goalId}
            onChange={setGoalId}
            options={[
              { value: '', label: x.chooseGoal },
              ...(steering.data?.goals ?? []).map((g) => ({ value: g.id, label: g.title })),
            ]}
          />
        ) : kind === 'recommendation' ? (
          <>
            <p className="hint">{x.recHint}</p>
            <SelectField
              id={`${id}-rec`}
              label={x.recommendation}
              value={recId}
              onChange={setRecId}
              options={[
                { value: '', label: x.newRecommendation },
                ...(steering.data?.recommendations ?? []).map((r) => ({ value: r.id, label: r.title })),
              ]}
            />
            {recId ? null : (
              <>
                <TextField
                  id={`${id}-rec-title`}
                  name="recTitle"
                  label={x.recTitle}
                  value={recTitle}
                  onChange={setRecTitle}
                />
                <TextArea
                  id={`${id}-rec-text`}
                  name="recText"
                  label={x.recText}
                  value={recText}
                  onChange={setRecText}
                />
                <TextField
                  id={`${id}-rec-unit`}
                  name="recUnit"
                  label={x.recUnit}
                  value={recUnit}
                  onChange={setRecUnit}
                />
              </>
            )}
          </>
        ) : indicatorBlock ? (
          <>
            <SelectField
              id={`${id}-indicator`}
              label={x.indicator}
              value={indicatorId}
              onChange={setIndicatorId}
              options={[
                { value: '', label: x.chooseIndicator },
                ...(indicators.data ?? []).map((i) => ({
                  value: i.id,
                  label: lang === 'en' && i.nameEn ? i.nameEn : i.nameDe,
                })),
              ]}
            />
            {kind === 'keyfigure' || kind === 'map' ? null : (
              <SelectField
                id={`${id}-view`}
                label={x.view}
                value={view}
                onChange={setView}
                options={(['areas', 'series'] as const).map((v) => ({ value: v, label: x.views[v] }))}
              />
            )}
            {kind === 'chart' ? (
              <ReferenceAreasField candidates={candidates} value={referenceIds} onChange={setReferenceIds} />
            ) : null}
            <TextField
              id={`${id}-caption`}
              name="caption"
              label={x.caption}
              value={caption}
              onChange={setCaption}
            />
          </>
        ) : null}
        <button type="submit" className="button">
          {x.addBlockButton}
        </button>
      </form>
    </details>
  );
}

/** One report: metadata, status, outputs, chapters with their blocks and comments. */
export function ReportPage() {
  const { reportId = '' } = useParams();
  const x = useReportTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const id = useId();
  const base = `${useReportsApi()}/${seg(reportId)}`;
  const loaded = useLoad(base, () => api.get<ReportDetail>(base));
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [message, setMessage] = useState('');
  const [chapterTitle, setChapterTitle] = useState('');
  const r = report?.id === reportId ? report : loaded.data;
  const canWrite = hasPermission(tenant.role, 'data.write');
  const me = useSession().session.user?.id ?? null;

  // One change after the other: a second click (e.g. „Zur Prüfung geben“ right after „Als erledigt
  // markieren“) waits for the first answer, so a late answer never shows an older state of the report.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const act: Act = (run, msg) => {
    const next = queue.current.then(async () => {
      setFailure(null);
      setMessage('');
      try {
        setReport(await run());
        if (msg) setMessage(msg);
        return true;
      } catch (e) {
        setFailure(toFailure(e));
        return false;
      }
    });
    queue.current = next;
    return next;
  };

  if (!r) {
    return (
      <Page title={x.title}>
        {loaded.loading ? <Loading /> : null}
        <ErrorAlert error={loaded.error} />
      </Page>
    );
  }
  const open = r.status === 'draft' || r.status === 'review';
  const editable = canWrite && open;
  // A chapter's authors change its blocks too (also „Mitwirkende“); the Redaktion always.
  const writes = (c: Chapter) => open && (canWrite || c.authors.some((a) => a.id === me));
  // Comments: the Redaktion, and the chapter's authors and reviewer.
  const comments = (c: Chapter) =>
    canWrite || c.authors.some((a) => a.id === me) || (!!me && c.reviewer?.id === me);
  const openComments = new Set(r.comments.filter((k) => !k.resolvedAt).map((k) => k.id));
  const changeTo = (s: ReportStatus) =>
    act(() => api.post(`${base}/status`, { status: s }), x.statusChanged(x.status[s]));
  return (
    <Page title={r.title}>
      <dl className="report-meta">
        <dt>{x.colStatus}</dt>
        <dd>{x.status[r.status]}</dd>
        <dt>{x.metaPeriod}</dt>
        <dd>{r.period}</dd>
        {r.dataCutoff ? (
          <>
            <dt>{x.metaCutoff}</dt>
            <dd>{formatDate(r.dataCutoff, lang)}</dd>
          </>
        ) : null}
        {r.authors ? (
          <>
            <dt>{x.metaAuthors}</dt>
            <dd>{r.authors}</dd>
          </>
        ) : null}
      </dl>
      {r.status === 'approved' || r.status === 'published' ? (
        <p className="alert alert-info">{x.frozenNote}</p>
      ) : null}
      <ErrorAlert error={failure} />
      <StatusMessage>{message}</StatusMessage>
      {canWrite && r.next.length ? (
        <p className="actions">
          {r.next.map((s) => (
            <button
              key={s}
              type="button"
              className={s === 'draft' ? 'button button-secondary' : 'button'}
              onClick={() => changeTo(s)}
            >
              {x.toStatus[s]}
            </button>
          ))}
        </p>
      ) : null}
      <Section id={`${id}-out`} title={x.downloads}>
        <ul>
          <li>
            <a href={`${base}/export.html`}>{x.downloadHtml}</a>
          </li>
          <li>
            <a href={`${base}/export.pdf`}>{x.downloadPdf}</a>
          </li>
          <li>
            <a href={`${base}/export.docx`}>{x.downloadDocx}</a>
          </li>
          {r.status === 'published' ? (
            <li>
              <a href={`/kommune/${tenant.slug}/berichte/${r.id}`}>{x.publicLink}</a>
            </li>
          ) : null}
        </ul>
      </Section>
      {r.chapters.map((c, i) => {
        const chapterComments = r.comments.filter((k) => k.chapterId === c.id);
        return (
          <Section key={c.id} id={`${id}-c${i}`} title={`${i + 1} ${c.title}`}>
            <p className="hint">{x.lastChange(c.updatedBy, formatDateTime(c.updatedAt, lang))}</p>
            <ChapterTeam chapter={c} act={act} base={base} me={me} editor={canWrite} open={open} />
            {c.authors.length ? <p className="hint">{x.onlyAuthors}</p> : null}
            {c.blocks.length ? null : <p>{x.emptyChapter}</p>}
            {c.blocks.map((b, at) => (
              <BlockView
                key={`${b.id}-${b.data?.takenAt ?? ''}-${b.text ?? ''}`}
                block={b}
                place={{ first: at === 0, last: at === c.blocks.length - 1 }}
                editable={writes(c)}
                canComment={comments(c)}
                openComments={openComments}
                act={act}
                base={base}
                chapterTitle={c.title}
              />
            ))}
            {chapterComments.length ? (
              <>
                <h3>{x.comments}</h3>
                <ul className="report-comments">
                  {chapterComments.map((k) => (
                    <li key={k.id}>
                      {k.quote ? <p className="hint">{x.onPassage(k.quote)}</p> : null}
                      <p>{k.body}</p>
                      <p className="hint">
                        {x.commentBy(k.author, formatDateTime(k.createdAt, lang))} –{' '}
                        {k.resolvedAt ? x.resolved : x.open}
                      </p>
                      {!k.resolvedAt && comments(c) ? (
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => act(() => api.post(`${base}/comments/${k.id}/resolve`), x.saved)}
                        >
                          {x.resolve}
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {writes(c) ? <AddBlockForm chapter={c} act={act} base={base} /> : null}
            <ChapterHistory base={base} chapter={c} />
          </Section>
        );
      })}
      {editable ? (
        <Section id={`${id}-add`} title={x.addChapter}>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (!chapterTitle.trim()) return;
              if (await act(() => api.post(`${base}/chapters`, { title: chapterTitle }), x.saved))
                setChapterTitle('');
            }}
          >
            <TextField
              id={`${id}-ct`}
              label={x.chapterTitle}
              value={chapterTitle}
              onChange={setChapterTitle}
            />
            <button type="submit" className="button">
              {x.addChapter}
            </button>
          </form>
        </Section>
      ) : null}
    </Page>
  );
}
