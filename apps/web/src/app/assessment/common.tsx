/** Shared pieces of the self-assessment pages: frame, navigation, status, error summary, loaders. */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { hasPermission, RATER_GROUP_LABELS, type Round } from '@dkbm/contract';
import { api } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad, type Loaded } from '../hooks';
import { isTenantAdmin, useTenant } from '../tenant';
import { Page } from '../components/Page';
import { ErrorAlert, FieldErrorSummary, Loading } from '../components/Feedback';
import { seg, useBases } from './client';
import { useAssessmentTexts } from './texts';
import './assessment.css';

export type RoundStatus = Round['status'];
export type RaterGroup = keyof typeof RATER_GROUP_LABELS;

/** Editors (Bildungsbüro) run rounds, adapt the instrument and consolidate. */
export function useCanEdit(): boolean {
  return hasPermission(useTenant().role, 'data.write');
}

export function useIsAgency(): boolean {
  return useTenant().type === 'regionale_agentur';
}

/** Second-level navigation of the module. */
export function ModuleNav() {
  const x = useAssessmentTexts();
  const tenant = useTenant();
  const { app } = useBases();
  const items: Array<{ to: string; label: string; end?: boolean; show: boolean }> = [
    { to: app, label: x.navOverview, end: true, show: true },
    { to: `${app}/modell`, label: x.navInstrument, show: true },
    { to: `${app}/netzwerk`, label: x.navNetwork, show: tenant.type === 'regionale_agentur' },
    { to: `${app}/freigabe`, label: x.navSharing, show: isTenantAdmin(tenant) },
  ];
  return (
    <nav aria-label={x.moduleTitle} className="subnav">
      <ul>
        {items
          .filter((i) => i.show)
          .map((i) => (
            <li key={i.to}>
              <NavLink to={i.to} end={i.end ?? false}>
                {i.label}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** Navigation between the pages of one round. */
export function RoundNav({ round }: { round: Pick<Round, 'id' | 'title' | 'status'> }) {
  const x = useAssessmentTexts();
  const canEdit = useCanEdit();
  const { app } = useBases();
  const base = `${app}/runden/${seg(round.id)}`;
  const items: Array<{ to: string; label: string; end?: boolean; show: boolean }> = [
    { to: base, label: x.navRound, end: true, show: canEdit },
    { to: `${base}/einschaetzen`, label: x.navAnswer, show: round.status !== 'draft' },
    { to: `${base}/workshop`, label: x.navWorkshop, show: canEdit && round.status !== 'draft' },
    { to: `${base}/ergebnis`, label: x.navResults, show: round.status !== 'draft' },
  ];
  const visible = items.filter((i) => i.show);
  if (visible.length < 2) return null;
  return (
    <nav aria-label={x.roundNavLabel(round.title)} className="subnav as-roundnav">
      <ul>
        {visible.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} end={i.end ?? false}>
              {i.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Page frame: h1, module navigation, optional round navigation and back link. */
export function AssessmentFrame({
  title,
  docTitle,
  round,
  children,
}: {
  title: string;
  docTitle?: string;
  round?: Pick<Round, 'id' | 'title' | 'status'> | undefined;
  children: ReactNode;
}) {
  return (
    <div className="as-frame">
      <Page title={title} {...(docTitle ? { docTitle } : {})}>
        <ModuleNav />
        {round ? <RoundNav round={round} /> : null}
        <div className="as-page">{children}</div>
      </Page>
    </div>
  );
}

/** Status with a symbol and a word (never colour alone). */
export function StatusBadge({ status }: { status: RoundStatus }) {
  const x = useAssessmentTexts();
  const symbol = status === 'draft' ? '○' : status === 'open' ? '●' : '✓';
  return (
    <span className={`as-status as-status-${status}`}>
      <span aria-hidden="true">{symbol} </span>
      {x.status[status]}
    </span>
  );
}

export function groupLabel(group: RaterGroup, lang: 'de' | 'en'): string {
  return RATER_GROUP_LABELS[group]?.[lang] ?? group;
}

/** Period of a round, e.g. „01.03.2026 bis 31.03.2026“. */
export function usePeriod(): (r: Pick<Round, 'startsOn' | 'endsOn'>) => string {
  const { lang } = useI18n();
  const x = useAssessmentTexts();
  return (r) => x.period(formatDate(r.startsOn, lang), formatDate(r.endsOn, lang));
}

/** A period of an indicator as shown: dates in the language's format, other periods (years) as they are. */
export function periodText(period: string | null | undefined, lang: 'de' | 'en'): string {
  if (!period) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(period) ? formatDate(period, lang) : period;
}

/** Loads one round. */
export function useRound(roundId: string | undefined): Loaded<Round> {
  const { api: base } = useBases();
  const path = `${base}/rounds/${seg(roundId ?? '')}`;
  return useLoad(path, () => api.get<Round>(path));
}

/** Loading and error state of a page before its data is there. */
export function LoadState({ loaded }: { loaded: Pick<Loaded<unknown>, 'loading' | 'error' | 'reload'> }) {
  const { t } = useI18n();
  if (loaded.error)
    return (
      <>
        <ErrorAlert error={loaded.error} />
        <button type="button" className="button button-secondary" onClick={loaded.reload}>
          {t.retry}
        </button>
      </>
    );
  return loaded.loading ? <Loading /> : null;
}

/** The error summary with the self-assessment's heading. */
export function ErrorSummary({
  errors,
  id = 'as-error-summary',
}: {
  errors: ReadonlyArray<{ field: string; message: string }>;
  id?: string;
}) {
  const x = useAssessmentTexts();
  return <FieldErrorSummary errors={errors} id={id} title={x.errorSummaryTitle} />;
}

/** „Typ 3“ with the type's sentence as a hint for screen readers and sighted users alike. */
export function LevelLabel({ level }: { level: number | null | undefined }) {
  const x = useAssessmentTexts();
  if (level == null) return <span className="muted">{x.noLevel}</span>;
  return <>{x.typeN(level)}</>;
}
