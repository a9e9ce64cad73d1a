/** Pages of the self-assessment module (DKBM development model). */
import type { WebModule } from '../module';
import { OverviewPage } from './OverviewPage';
import { InstrumentPage } from './InstrumentPage';
import { InstrumentEditorPage } from './InstrumentEditorPage';
import { RoundPage } from './RoundPage';
import { AnswerPage } from './AnswerPage';
import { WorkshopPage } from './WorkshopPage';
import { ResultsPage } from './ResultsPage';
import { SharingPage } from './SharingPage';
import { NetworkPage } from './NetworkPage';

export const assessmentModule = {
  name: 'assessment',
  nav: { path: 'selbsteinschaetzung', title: 'moduleSelfAssessment', text: 'moduleSelfAssessmentText' },
  routes: [
    { path: 'selbsteinschaetzung', element: <OverviewPage /> },
    { path: 'selbsteinschaetzung/modell', element: <InstrumentPage /> },
    { path: 'selbsteinschaetzung/modell/anpassen', element: <InstrumentEditorPage /> },
    { path: 'selbsteinschaetzung/runden/:roundId', element: <RoundPage /> },
    { path: 'selbsteinschaetzung/runden/:roundId/einschaetzen', element: <AnswerPage /> },
    { path: 'selbsteinschaetzung/runden/:roundId/workshop', element: <WorkshopPage /> },
    { path: 'selbsteinschaetzung/runden/:roundId/ergebnis', element: <ResultsPage /> },
    { path: 'selbsteinschaetzung/freigabe', element: <SharingPage /> },
    { path: 'selbsteinschaetzung/netzwerk', element: <NetworkPage /> },
  ],
} satisfies WebModule;
