import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modules } from '../../modules';
import type { IsolationCases, ModuleIsolation } from './isolation';

/**
 * The isolation files of the registered modules (`modules/<name>/<name>.isolation.ts`), in registry
 * order. Only tests load them; a module without tenant routes needs none.
 */
export async function loadModuleIsolation(): Promise<Array<ModuleIsolation & { module: string }>> {
  const found = [];
  for (const m of modules) {
    const file = new URL(`../../modules/${m.name}/${m.name}.isolation.ts`, import.meta.url);
    if (!fs.existsSync(fileURLToPath(file))) continue;
    const loaded = (await import(file.href)) as { isolation: ModuleIsolation };
    found.push({ module: m.name, ...loaded.isolation });
  }
  return found;
}

/** All cases of all modules. */
export const allCases = (list: ReadonlyArray<ModuleIsolation>): IsolationCases =>
  Object.assign({}, ...list.map((m) => m.cases));
