// vitest globalSetup of the database projects: one seeded template per run (see dbTemplate.ts).
import type { TestProject } from 'vitest/node';
import { buildTemplate } from './dbTemplate';

export default async function setup(project: TestProject) {
  const driver = project.config.env?.TEST_DB_DRIVER === 'postgres' ? 'postgres' : 'pglite';
  const { ref, remove } = await buildTemplate(driver);
  project.provide('dbTemplatePostgres', driver === 'postgres' ? ref : '');
  project.provide('dbTemplatePglite', driver === 'pglite' ? ref : '');
  return remove;
}
