import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '@dkbm/contract';
import type { Dict } from './i18n';

/** Keys of plain (non-function) texts. */
export type TextKey = { [K in keyof Dict]: Dict[K] extends string ? K : never }[keyof Dict];

/** A module's entry in the sidebar and on the tenant's start page. */
export interface NavEntry {
  /** Path below /t/:slug (German). */
  path: string;
  title: TextKey;
  text: TextKey;
  /** Second sentence on the placeholder page; absent for modules that already work. */
  more?: TextKey;
  /**
   * Only for these roles. A role named here (the provider, „Anbieter“) sees only the entries that name
   * it; the other roles see every entry without `roles`.
   */
  roles?: readonly Role[];
}

/** One module of the workbench: its pages below /t/:slug and its navigation entry (if any). */
export interface WebModule {
  name: string;
  nav?: NavEntry;
  routes: RouteObject[];
  /** A panel on the tenant's start page (e.g. reminders), rendered in registry order; renders nothing when empty. */
  startPanel?: ComponentType;
}
