/** Reminders on the start page: open enquiries overdue or due within the next days. */
import { Link } from 'react-router';
import type { Enquiry } from '@dkbm/contract';
import { api, seg } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { useBases, useCanEdit } from './common';
import { useEnquiryTexts } from './enquiryTexts';

/** Days ahead the start page reminds of. */
export const REMINDER_DAYS = 7;

export function NetworkStartPanel() {
  const canEdit = useCanEdit();
  return canEdit ? <EnquiryReminders /> : null;
}

function EnquiryReminders() {
  const y = useEnquiryTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const url = `${base}/enquiries/reminders?days=${REMINDER_DAYS}`;
  const due = useLoad(url, () => api.get<Enquiry[]>(url));
  if (!due.data?.length) return null;
  return (
    <Section id="start-enquiries" title={y.remindersHeading}>
      <p>{y.remindersLead(REMINDER_DAYS)}</p>
      <ul>
        {due.data.map((e) => (
          <li key={e.id}>
            <Link to={`${app}/anfragen/${seg(e.id)}`}>{e.title}</Link> ({e.requester}) –{' '}
            {e.overdue ? (
              <strong className="nw-overdue">{y.overdueSince(formatDate(e.dueOn!, lang))}</strong>
            ) : (
              y.dueOn(formatDate(e.dueOn!, lang))
            )}
          </li>
        ))}
      </ul>
      <p>
        <Link to={`${app}/anfragen`}>{y.toEnquiries}</Link>
      </p>
    </Section>
  );
}
