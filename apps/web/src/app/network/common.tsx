/** Shared pieces of the network pages: frame with sub-navigation, API base, permissions, load state. */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { hasPermission } from '@dkbm/contract';
import { seg } from '../api';
import type { Loaded } from '../hooks';
import { useTenant } from '../tenant';
import { Page } from '../components/Page';
import { ErrorAlert, Loading } from '../components/Feedback';
import { useNetworkTexts } from './texts';
import { useConferenceTexts } from './conferenceTexts';
import { useProjectTexts } from './projectTexts';

export { seg };

export function useBases(): { api: string; app: string; tenantApi: string } {
  const tenant = useTenant();
  const tenantApi = `/api/tenants/${seg(tenant.tenantId)}`;
  return { api: `${tenantApi}/network`, app: `/t/${tenant.slug}/netzwerk`, tenantApi };
}

/** The Bildungsbüro's editors and the administration maintain the network. */
export function useCanEdit(): boolean {
  return hasPermission(useTenant().role, 'data.write');
}

function ModuleNav() {
  const x = useNetworkTexts();
  const c = useConferenceTexts();
  const p = useProjectTexts();
  const { app } = useBases();
  const canEdit = useCanEdit();
  const items = [
    { to: app, label: x.navOverview, end: true },
    { to: `${app}/akteure`, label: x.navActors, end: false },
    { to: `${app}/kooperationen`, label: x.navCooperation, end: false },
    { to: `${app}/projekte`, label: p.navProjects, end: false },
    ...(canEdit ? [{ to: `${app}/kontakte`, label: x.navPersons, end: false }] : []),
    { to: `${app}/anfragen`, label: x.navEnquiries, end: false },
    { to: `${app}/konferenzen`, label: c.navConferences, end: false },
  ];
  return (
    <nav aria-label={x.moduleTitle} className="subnav">
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} end={i.end}>
              {i.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function NetworkFrame({ title, children }: { title: string; children: ReactNode }) {
  const x = useNetworkTexts();
  return (
    <Page title={title} docTitle={title === x.moduleTitle ? title : `${title} – ${x.moduleTitle}`}>
      <ModuleNav />
      {children}
    </Page>
  );
}

export function LoadState<T>({ loaded }: { loaded: Loaded<T> }) {
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (loaded.loading && !loaded.data) return <Loading />;
  return null;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
