import type { ReactNode } from 'react';
import { hasPermission, type ImportStatus, type Permission } from '@dkbm/contract';
import { seg } from '../api';
import { formatNumber, useI18n, type Lang } from '../i18n';
import { useTenant } from '../tenant';
import { Page } from '../components/Page';
import { FieldErrorSummary, NoPermission } from '../components/Feedback';
import { MonitoringSubNav } from '../monitoring/SubNav';
import { useImportTexts } from './texts';

/** API and app base paths of the current tenant. */
export function useBases() {
  const tenant = useTenant();
  return {
    api: `/api/tenants/${seg(tenant.tenantId)}`,
    app: `/t/${tenant.slug}/monitoring`,
  };
}

/** Page frame of the import pages: h1, monitoring sub-navigation and the permission check. */
export function ImportsFrame({
  title,
  docTitle,
  permission,
  children,
}: {
  title: string;
  docTitle?: string;
  permission: Permission;
  children: ReactNode;
}) {
  const tenant = useTenant();
  const x = useImportTexts();
  const allowed = hasPermission(tenant.role, permission);
  return (
    <Page title={title} {...(docTitle ? { docTitle } : {})}>
      <MonitoringSubNav />
      {allowed ? (
        <div className="imports-page">{children}</div>
      ) : (
        <NoPermission
          text={permission === 'data.contribute' ? x.noPermissionContribute : x.noPermissionWrite}
        />
      )}
    </Page>
  );
}

export const num = (n: number, lang: Lang, decimals = 0) => formatNumber(n, lang, decimals);

/** The error summary with the imports' heading. */
export function ErrorSummary(props: {
  errors: ReadonlyArray<{ field: string; message: string }>;
  id?: string;
}) {
  const x = useImportTexts();
  return <FieldErrorSummary {...props} title={x.errorSummaryTitle} />;
}

/** A status written out in words (never colour alone), with a small shape for quick scanning. */
export function StatusText({ status }: { status: ImportStatus }) {
  const x = useImportTexts();
  const icon =
    status === 'done'
      ? '✓'
      : status === 'failed'
        ? '✗'
        : status === 'undone'
          ? '↶'
          : status === 'ready'
            ? '●'
            : '…';
  return (
    <span className={`import-status import-status-${status}`}>
      <span aria-hidden="true">{icon} </span>
      {x.status[status]}
    </span>
  );
}

export const BUSY_STATUSES = new Set(['uploaded', 'analyzing', 'importing']);

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The file size in kB / MB, German or English number format. */
export function fileSize(bytes: number, lang: Lang): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} kB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}

/** Date/time of server timestamps ('2026-11-24 03:12:43.641+00' or ISO). */
export function parseTimestamp(s: string): Date {
  const d = new Date(s);
  if (!Number.isNaN(d.getTime())) return d;
  return new Date(s.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
}

export function useLangLabel() {
  const { lang } = useI18n();
  return <T extends { de: string; en: string }>(l: T | undefined, fallback = '') => (l ? l[lang] : fallback);
}
