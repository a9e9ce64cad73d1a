import type { NavEntry } from '../module';
import { useI18n } from '../i18n';
import { Page } from '../components/Page';

/** A module that is still being built: what it will do. */
export function PlaceholderPage({ module }: { module: NavEntry }) {
  const { t } = useI18n();
  return (
    <Page title={t[module.title]}>
      <p className="badge">{t.inPreparation}</p>
      <p className="lead">{t[module.text]}</p>
      {module.more ? <p>{t[module.more]}</p> : null}
    </Page>
  );
}
