/**
 * A small YAML writer for definitions of computed indicators (block style; every string quoted, so
 * that '%', '01' or 'ja' stay text). Reading YAML is left to the server.
 */
type Json = string | number | boolean | null | Json[] | { [k: string]: Json | undefined };

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : quote(k));

function scalar(v: Json): string | null {
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (!Array.isArray(v) && Object.values(v).every((x) => x === undefined)) return '{}';
  return null;
}

function lines(v: Json, indent: string): string[] {
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = scalar(item);
      if (s !== null) out.push(`${indent}- ${s}`);
      else {
        const inner = lines(item, `${indent}  `);
        out.push(`${indent}- ${inner[0]!.trimStart()}`, ...inner.slice(1));
      }
    }
    return out;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined) continue;
      const s = scalar(val);
      if (s !== null) out.push(`${indent}${key(k)}: ${s}`);
      else out.push(`${indent}${key(k)}:`, ...lines(val, `${indent}  `));
    }
  }
  return out;
}

export function toYaml(value: Json): string {
  const s = scalar(value);
  return s !== null ? `${s}\n` : `${lines(value, '').join('\n')}\n`;
}

export type { Json };
