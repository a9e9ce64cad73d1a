import { useEffect, useState } from 'react';
import { ROLE_LABELS, ROLES, type Invitation, type Role, type TenantUser } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { useSession } from '../session';
import { isTenantAdmin, useTenant } from '../tenant';
import { Page, Section } from '../components/Page';
import { DataTable, Email } from '../components/Table';
import { ErrorAlert, Loading, NoPermission, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { OneTimeLink } from '../components/OneTimeLink';
import { AddPersonForm } from './AddPersonForm';

/** What a row action reports back to the page. */
interface Outcome {
  message?: string;
  error?: ApiFailure;
  reset?: { name: string; link: string; expiresAt: string };
  reload?: boolean;
}

function PersonRow({ user, onOutcome }: { user: TenantUser; onOutcome: (o: Outcome) => void }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const { session, refresh } = useSession();
  const [role, setRole] = useState<Role>(user.role);
  useEffect(() => setRole(user.role), [user.role]);
  const [busy, setBusy] = useState(false);
  const base = `/api/tenants/${seg(tenant.tenantId)}/users/${seg(user.id)}`;
  const isSelf = session.user?.id === user.id;

  async function run(action: () => Promise<Outcome>) {
    setBusy(true);
    try {
      onOutcome(await action());
      if (isSelf) await refresh();
    } catch (e) {
      setRole(user.role);
      onOutcome({ error: toFailure(e) });
    } finally {
      setBusy(false);
    }
  }

  const saveRole = () =>
    run(async () => {
      const u = await api.patch<TenantUser>(base, { role });
      return { message: t.roleChanged(u.displayName, ROLE_LABELS[u.role][lang]), reload: true };
    });
  const setActive = (active: boolean) =>
    run(async () => {
      await api.patch<TenantUser>(base, { active });
      return {
        message: active ? t.reactivated(user.displayName) : t.deactivated(user.displayName),
        reload: true,
      };
    });
  const resetPassword = () =>
    run(async () => {
      const r = await api.post<{ link: string; expiresAt: string }>(`${base}/password-reset`);
      return { reset: { name: user.displayName, ...r } };
    });

  const status = !user.accountActive ? t.statusLocked : user.active ? t.statusActive : t.statusInactive;
  const selectId = `role-${user.id}`;
  return (
    <tr>
      <th scope="row">{user.displayName}</th>
      <td className="break">
        <Email value={user.email} />
      </td>
      <td>
        <div className="inline-form">
          <label htmlFor={selectId} className="sr-only">
            {t.roleSelectFor(user.displayName)}
          </label>
          <select id={selectId} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r][lang]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => void saveRole()}
          >
            {t.save}
            <span className="sr-only"> {t.saveRoleFor(user.displayName)}</span>
          </button>
        </div>
      </td>
      <td>{status}</td>
      <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, lang) : t.never}</td>
      <td>
        <div className="row-actions">
          {user.active ? (
            <ConfirmAction
              label={t.deactivate}
              srSuffix={user.displayName}
              question={t.deactivateQuestion(user.displayName)}
              confirmLabel={t.deactivateConfirm}
              busy={busy}
              onConfirm={() => void setActive(false)}
            />
          ) : (
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => void setActive(true)}
            >
              {t.reactivate}
              <span className="sr-only"> {user.displayName}</span>
            </button>
          )}
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => void resetPassword()}
          >
            {t.resetPassword}
            <span className="sr-only"> {t.forPerson(user.displayName)}</span>
          </button>
        </div>
      </td>
    </tr>
  );
}

function Invitations({
  invitations,
  onOutcome,
}: {
  invitations: Invitation[];
  onOutcome: (o: Outcome) => void;
}) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  async function revoke(inv: Invitation) {
    try {
      await api.del(`/api/tenants/${seg(tenant.tenantId)}/invitations/${seg(inv.id)}`);
      onOutcome({ message: t.revoked(inv.email), reload: true });
    } catch (e) {
      onOutcome({ error: toFailure(e) });
    }
  }
  if (invitations.length === 0) return <p>{t.noInvitations}</p>;
  return (
    <DataTable
      caption={t.invitationsCaption}
      head={
        <tr>
          <th scope="col">{t.colEmail}</th>
          <th scope="col">{t.colRole}</th>
          <th scope="col">{t.colInvitedAt}</th>
          <th scope="col">{t.colExpires}</th>
          <th scope="col">{t.colActions}</th>
        </tr>
      }
    >
      {invitations.map((inv) => (
        <tr key={inv.id}>
          <th scope="row" className="break">
            <Email value={inv.email} />
          </th>
          <td>{ROLE_LABELS[inv.role][lang]}</td>
          <td>{formatDate(inv.createdAt, lang)}</td>
          <td>{formatDateTime(inv.expiresAt, lang)}</td>
          <td>
            <button type="button" className="button button-secondary" onClick={() => void revoke(inv)}>
              {t.revoke}
              <span className="sr-only"> {inv.email}</span>
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function PeopleAdmin() {
  const { t } = useI18n();
  const tenant = useTenant();
  const base = `/api/tenants/${seg(tenant.tenantId)}`;
  const users = useLoad(`users/${tenant.tenantId}`, () => api.get<TenantUser[]>(`${base}/users`));
  const invitations = useLoad(`inv/${tenant.tenantId}`, () => api.get<Invitation[]>(`${base}/invitations`));
  const [outcome, setOutcome] = useState<Outcome>({});

  const handle = (o: Outcome) => {
    setOutcome(o);
    if (o.reload) {
      users.reload();
      invitations.reload();
    }
  };

  return (
    <>
      <Section id="people-list" title={t.peopleListHeading}>
        <ErrorAlert error={outcome.error} />
        <StatusMessage>{outcome.message}</StatusMessage>
        {outcome.reset ? (
          <OneTimeLink
            label={t.resetLinkLabel(outcome.reset.name)}
            link={outcome.reset.link}
            expiresAt={outcome.reset.expiresAt}
            note={t.resetLinkNote}
          />
        ) : null}
        {users.loading && !users.data ? <Loading /> : null}
        <ErrorAlert error={users.error} />
        {users.data ? (
          <DataTable
            caption={t.peopleCaption}
            head={
              <tr>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colEmail}</th>
                <th scope="col">{t.colRole}</th>
                <th scope="col">{t.colStatus}</th>
                <th scope="col">{t.colLastLogin}</th>
                <th scope="col">{t.colActions}</th>
              </tr>
            }
          >
            {users.data.map((u) => (
              <PersonRow key={u.id} user={u} onOutcome={handle} />
            ))}
          </DataTable>
        ) : null}
      </Section>
      <Section id="people-add" title={t.addPersonHeading}>
        <AddPersonForm
          onAdded={() => {
            setOutcome({});
            users.reload();
            invitations.reload();
          }}
        />
      </Section>
      <Section id="people-invitations" title={t.invitationsHeading}>
        {invitations.loading && !invitations.data ? <Loading /> : null}
        <ErrorAlert error={invitations.error} />
        {invitations.data ? <Invitations invitations={invitations.data} onOutcome={handle} /> : null}
      </Section>
    </>
  );
}

/** /t/:slug/verwaltung/personen – administrators only. */
export function PeoplePage() {
  const { t } = useI18n();
  const tenant = useTenant();
  return (
    <Page title={t.people}>
      {isTenantAdmin(tenant) ? <PeopleAdmin /> : <NoPermission text={t.noPermissionTenantAdmin} />}
    </Page>
  );
}
