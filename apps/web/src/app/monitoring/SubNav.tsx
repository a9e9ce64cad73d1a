import { NavLink } from 'react-router';
import { hasPermission } from '@dkbm/contract';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';

/** Second-level navigation of the monitoring module (indicators, areas, Kennzahlenkatalog, imports, computations, dimensions). */
export function MonitoringSubNav() {
  const { lang } = useI18n();
  const tenant = useTenant();
  const base = `/t/${tenant.slug}/monitoring`;
  const canWrite = hasPermission(tenant.role, 'data.write');
  const canContribute = hasPermission(tenant.role, 'data.contribute');
  const items: Array<{ to: string; de: string; en: string; end?: boolean; show: boolean }> = [
    { to: base, de: 'Indikatoren', en: 'Indicators', end: true, show: true },
    { to: `${base}/gebiete`, de: 'Gebiete', en: 'Areas', show: true },
    { to: `${base}/katalog`, de: 'Katalog übernehmen', en: 'Apply catalogue', show: true },
    { to: `${base}/import`, de: 'Import', en: 'Import', show: canContribute },
    { to: `${base}/berechnungen`, de: 'Berechnete Indikatoren', en: 'Computed indicators', show: canWrite },
    { to: `${base}/merkmale`, de: 'Merkmale', en: 'Dimensions', show: canWrite },
  ];
  return (
    <nav aria-label={lang === 'de' ? 'Bildungsmonitoring' : 'Education monitoring'} className="subnav">
      <ul>
        {items
          .filter((i) => i.show)
          .map((i) => (
            <li key={i.to}>
              <NavLink to={i.to} end={i.end ?? false}>
                {lang === 'de' ? i.de : i.en}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
