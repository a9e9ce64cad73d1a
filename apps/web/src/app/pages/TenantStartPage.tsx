import { Link } from 'react-router';
import { ROLE_LABELS } from '@dkbm/contract';
import { useI18n } from '../i18n';
import { modulesFor, WEB_MODULES } from '../modules';
import { useSession } from '../session';
import { useTenant } from '../tenant';
import { Page, Section } from '../components/Page';

export function TenantStartPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const tenant = useTenant();
  return (
    <Page title={tenant.name} docTitle={t.overview}>
      <p className="lead">
        {t.greeting(session.user?.displayName ?? '')} {t.yourRole}{' '}
        <strong>{ROLE_LABELS[tenant.role][lang]}</strong>
      </p>
      {tenant.role === 'provider'
        ? null
        : WEB_MODULES.map((m) => (m.startPanel ? <m.startPanel key={m.name} /> : null))}
      <Section id="start-modules" title={t.modulesHeading}>
        <ul className="tiles">
          {modulesFor(tenant.role).map((m) => (
            <li key={m.path}>
              <Link to={`/t/${tenant.slug}/${m.path}`}>{t[m.title]}</Link>
              <p>{t[m.text]}</p>
              {m.more ? <p className="badge">{t.inPreparation}</p> : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="start-public" title={t.publicPageHeading}>
        <p>
          {t.publicPageText}{' '}
          <a href={`/kommune/${encodeURIComponent(tenant.slug)}`}>{t.publicPageLink(tenant.name)}</a>
        </p>
      </Section>
    </Page>
  );
}
