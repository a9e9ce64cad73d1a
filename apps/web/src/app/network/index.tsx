/** Pages of „Netzwerk & Gremien“: bodies and meetings, actors, enquiries. */
import type { WebModule } from '../module';
import { OverviewPage } from './OverviewPage';
import { BodyPage } from './BodyPage';
import { MeetingPage } from './MeetingPage';
import { ActorsPage } from './ActorsPage';
import { EnquiriesPage } from './EnquiriesPage';
import { EnquiryPage } from './EnquiryPage';
import { PersonsPage } from './PersonsPage';
import { CooperationPage } from './CooperationPage';
import { ProjectsPage } from './ProjectsPage';
import { ConferencesPage } from './ConferencesPage';
import { ConferencePage } from './ConferencePage';
import { AnswerTemplatesPage } from './AnswerTemplatesPage';
import { NetworkStartPanel } from './StartPanel';
import './network.css';

export const networkModule = {
  name: 'network',
  nav: { path: 'netzwerk', title: 'moduleNetwork', text: 'moduleNetworkText' },
  routes: [
    { path: 'netzwerk', element: <OverviewPage /> },
    { path: 'netzwerk/gremien/:bodyId', element: <BodyPage /> },
    { path: 'netzwerk/sitzungen/:meetingId', element: <MeetingPage /> },
    { path: 'netzwerk/akteure', element: <ActorsPage /> },
    { path: 'netzwerk/anfragen', element: <EnquiriesPage /> },
    { path: 'netzwerk/anfragen/vorlagen', element: <AnswerTemplatesPage /> },
    { path: 'netzwerk/anfragen/:enquiryId', element: <EnquiryPage /> },
    { path: 'netzwerk/kontakte', element: <PersonsPage /> },
    { path: 'netzwerk/kooperationen', element: <CooperationPage /> },
    { path: 'netzwerk/projekte', element: <ProjectsPage /> },
    { path: 'netzwerk/konferenzen', element: <ConferencesPage /> },
    { path: 'netzwerk/konferenzen/:conferenceId', element: <ConferencePage /> },
  ],
  startPanel: NetworkStartPanel,
} satisfies WebModule;
