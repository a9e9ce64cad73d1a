/** Pages of the steering module („Ziele & Steuerung“). */
import type { WebModule } from '../module';
import { SteeringPage } from './SteeringPage';
import { GoalPage } from './GoalPage';
import { SteeringStartPanel } from './StartPanel';

export const steeringModule = {
  name: 'steering',
  nav: { path: 'ziele', title: 'moduleGoals', text: 'moduleGoalsText' },
  routes: [
    { path: 'ziele', element: <SteeringPage /> },
    { path: 'ziele/:goalId', element: <GoalPage /> },
  ],
  startPanel: SteeringStartPanel,
} satisfies WebModule;
