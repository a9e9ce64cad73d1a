import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { hasPermission, type ImportRun, type ImportRunDetail, type TenantUser } from '@dkbm/contract';
import { importRunSchema } from '@dkbm/contract/monitoring';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { useSession } from '../session';
import { isTenantAdmin, useTenant } from '../tenant';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { useImportTexts } from './texts';
import { ErrorSummary, fileSize, ImportsFrame, num, parseTimestamp, StatusText, useBases } from './shared';

const MAX_BYTES = 50 * 1024 * 1024;
const ACCEPT = '.csv,.ffcsv,.txt,.xlsx,.geojson,.json,.topojson,.kml,.zip';

type KeyMapping = {
  id: string;
  sourceKey: string;
  areaId: string;
  areaName: string;
  areaCode: string;
  note: string | null;
  createdAt: string;
};

/** Where the server's error names the file, line and column: add them when the message lacks them. */
function uploadErrorText(e: ApiFailure): string {
  const d = (e.details ?? {}) as { line?: unknown; column?: unknown };
  if (typeof d.line === 'number' && !/Zeile|line/i.test(e.message)) {
    return `${e.message} (Zeile ${d.line}${typeof d.column === 'number' ? `, Spalte ${d.column}` : ''})`;
  }
  return e.message;
}

function UploadForm() {
  const x = useImportTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const navigate = useNavigate();
  const { app } = useBases();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [clientError, setClientError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function choose(f: File | null | undefined) {
    setFailure(null);
    setClientError(null);
    setFile(f ?? null);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) {
      choose(f);
      // Keep the file input in step where the browser allows it.
      try {
        if (input.current) input.current.files = e.dataTransfer.files;
      } catch {
        // read-only in some browsers: the chosen file is kept in state
      }
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    if (!file) {
      setClientError(x.noFile);
      return;
    }
    if (file.size > MAX_BYTES) {
      setClientError(x.tooLarge(file.name));
      return;
    }
    setClientError(null);
    setBusy(true);
    try {
      const run = await api.upload(`/api/tenants/${seg(tenant.tenantId)}/imports`, file, importRunSchema);
      void navigate(`${app}/import/${run.id}`);
    } catch (err) {
      setFailure(uploadErrorText(toFailure(err)));
      setBusy(false);
    }
  }

  const errId = `${inputId}-error`;
  return (
    <form className="form import-upload" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary errors={clientError ? [{ field: inputId, message: clientError }] : []} />
      {failure ? (
        <div role="alert" className="alert alert-error" id={`${inputId}-failure`}>
          {failure}
        </div>
      ) : null}
      <div className={clientError ? 'field field-invalid' : 'field'}>
        <label htmlFor={inputId}>{x.fileLabel}</label>
        <p className="hint" id={`${inputId}-hint`}>
          {x.fileHint}
        </p>
        <div
          className={dragging ? 'dropzone dropzone-active' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            ref={input}
            id={inputId}
            type="file"
            accept={ACCEPT}
            aria-describedby={[
              `${inputId}-hint`,
              clientError ? errId : null,
              failure ? `${inputId}-failure` : null,
            ]
              .filter(Boolean)
              .join(' ')}
            aria-invalid={clientError ? true : undefined}
            onChange={(e) => choose(e.target.files?.[0])}
          />
          <p className="dropzone-text" aria-hidden="true">
            {dragging ? x.dropZoneActive : x.dropZone}
          </p>
        </div>
        {clientError ? (
          <p className="field-error" id={errId}>
            {clientError}
          </p>
        ) : null}
        {file ? <p className="hint">{x.chosenFile(file.name, fileSize(file.size, lang))}</p> : null}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {x.uploadButton}
        </button>
      </div>
      <p role="status" className="muted">
        {busy ? x.uploading : ''}
      </p>
    </form>
  );
}

function countsOf(run: ImportRunDetail | undefined, x: ReturnType<typeof useImportTexts>, lang: 'de' | 'en') {
  const r = run?.result;
  if (!r) return x.dash;
  if (run.kind === 'boundaries')
    return x.countsAreas(num(r.areas.created, lang), num(r.areas.versions, lang));
  return x.countsValues(num(r.observations.inserted, lang), num(r.observations.replaced, lang));
}

function History() {
  const x = useImportTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const { session } = useSession();
  const { api: base, app } = useBases();
  const runs = useLoad(`runs/${tenant.tenantId}`, async () => {
    const list = await api.get<ImportRun[]>(`${base}/imports`);
    // Counts come with the detail of finished runs (the most recent ones).
    const finished = list.filter((r) => r.status === 'done' || r.status === 'undone').slice(0, 25);
    const details = await Promise.all(
      finished.map((r) => api.get<ImportRunDetail>(`${base}/imports/${seg(r.id)}`).catch(() => undefined)),
    );
    const byId = new Map(details.filter((d): d is ImportRunDetail => !!d).map((d) => [d.id, d]));
    return { list, byId };
  });
  const users = useLoad(`users/${tenant.tenantId}`, async () =>
    isTenantAdmin(tenant) ? await api.get<TenantUser[]>(`${base}/users`).catch(() => []) : [],
  );
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const canWrite = hasPermission(tenant.role, 'data.write');
  const me = session.user?.id;

  async function act(action: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    setFailure(null);
    try {
      setMessage(await action());
      runs.reload();
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  }

  const by = (r: ImportRun) => {
    if (r.via === 'cli') return x.byCli;
    if (r.createdBy && r.createdBy === me) return x.byYou;
    return users.data?.find((u) => u.id === r.createdBy)?.displayName ?? x.bySomeone;
  };

  return (
    <>
      <StatusMessage>{message}</StatusMessage>
      <ErrorAlert error={failure} />
      {runs.loading && !runs.data ? <Loading /> : null}
      <ErrorAlert error={runs.error} />
      {runs.data && runs.data.list.length === 0 ? <p className="empty-state">{x.historyEmpty}</p> : null}
      {runs.data && runs.data.list.length > 0 ? (
        <DataTable
          caption={x.historyCaption}
          head={
            <tr>
              <th scope="col">{x.colFile}</th>
              <th scope="col">{x.colKind}</th>
              <th scope="col">{x.colStatus}</th>
              <th scope="col">{x.colBy}</th>
              <th scope="col">{x.colDate}</th>
              <th scope="col">{x.colCounts}</th>
              <th scope="col">{x.colActions}</th>
            </tr>
          }
        >
          {runs.data.list.map((r) => {
            const mayUndo = r.status === 'done' && (canWrite || r.createdBy === me);
            const mayDiscard = r.status === 'ready' || r.status === 'failed' || r.status === 'uploaded';
            return (
              <tr key={r.id}>
                <th scope="row" className="break">
                  <Link to={`${app}/import/${r.id}`}>{r.fileName}</Link>
                </th>
                <td>
                  {r.kind === 'boundaries' ? x.kindBoundaries : x.kindStatistics}
                  {r.format ? <span className="hint-block">{x.formats[r.format] ?? r.format}</span> : null}
                </td>
                <td>
                  <StatusText status={r.status} />
                </td>
                <td>{by(r)}</td>
                <td>{formatDateTime(parseTimestamp(r.createdAt).toISOString(), lang)}</td>
                <td>{countsOf(runs.data?.byId.get(r.id), x, lang)}</td>
                <td>
                  <div className="row-actions">
                    {mayUndo ? (
                      <ConfirmAction
                        label={x.undo}
                        srSuffix={r.fileName}
                        question={x.undoQuestion(r.fileName)}
                        confirmLabel={x.undoConfirm}
                        busy={busy}
                        onConfirm={() =>
                          void act(async () => {
                            const u = await api.post<{ removed: number; restored: number }>(
                              `${base}/imports/${seg(r.id)}/undo`,
                            );
                            return x.undone(num(u.removed, lang), num(u.restored, lang));
                          })
                        }
                      />
                    ) : null}
                    {mayDiscard ? (
                      <ConfirmAction
                        label={x.discard}
                        srSuffix={r.fileName}
                        question={x.discardQuestion(r.fileName)}
                        confirmLabel={x.discardConfirm}
                        busy={busy}
                        onConfirm={() =>
                          void act(async () => {
                            await api.del(`${base}/imports/${seg(r.id)}`);
                            return x.discarded(r.fileName);
                          })
                        }
                      />
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
    </>
  );
}

function KeyMappings() {
  const x = useImportTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const { api: base } = useBases();
  const list = useLoad(`mappings/${tenant.tenantId}`, () => api.get<KeyMapping[]>(`${base}/key-mappings`));
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const canWrite = hasPermission(tenant.role, 'data.write');

  async function remove(m: KeyMapping) {
    setMessage(null);
    setFailure(null);
    try {
      await api.del(`${base}/key-mappings/${seg(m.id)}`);
      setMessage(x.mappingDeleted(m.sourceKey));
      list.reload();
    } catch (e) {
      setFailure(toFailure(e));
    }
  }

  return (
    <>
      <p>{x.mappingsIntro}</p>
      <StatusMessage>{message}</StatusMessage>
      <ErrorAlert error={failure} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? <p className="empty-state">{x.mappingsEmpty}</p> : null}
      {list.data && list.data.length > 0 ? (
        <DataTable
          caption={x.mappingsCaption}
          head={
            <tr>
              <th scope="col">{x.colSourceKey}</th>
              <th scope="col">{x.colArea}</th>
              <th scope="col">{x.colSaved}</th>
              {canWrite ? <th scope="col">{x.colActions}</th> : null}
            </tr>
          }
        >
          {list.data.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.sourceKey}</th>
              <td>
                {m.areaCode} {m.areaName}
              </td>
              <td>{formatDate(parseTimestamp(m.createdAt).toISOString(), lang)}</td>
              {canWrite ? (
                <td>
                  <ConfirmAction
                    label={x.deleteMapping}
                    srSuffix={m.sourceKey}
                    question={x.deleteMappingQuestion(m.sourceKey)}
                    confirmLabel={x.deleteMappingConfirm}
                    onConfirm={() => void remove(m)}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}

/** /t/:slug/monitoring/import – upload, history with undo, saved key mappings. */
export function ImportsPage() {
  const x = useImportTexts();
  return (
    <ImportsFrame title={x.importTitle} permission="data.contribute">
      <p className="lead">{x.intro}</p>
      <Section id="import-upload" title={x.uploadHeading}>
        <UploadForm />
      </Section>
      <Section id="import-history" title={x.historyHeading}>
        <History />
      </Section>
      <Section id="import-mappings" title={x.mappingsHeading}>
        <KeyMappings />
      </Section>
    </ImportsFrame>
  );
}
