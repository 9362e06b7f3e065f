import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, envSchema, loadConfig, tenantSchema, tenantsFileSchema } from '../src';

// docs/configuration.md, .env.example and tenants.example.json held to the configuration schema, so that a variable
// or tenant field added to the code without a line in the docs (or a documented default that is not the code's)
// fails here.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const doc = read('docs/configuration.md');

/** The run contract's Environment table (shared/design/contract.md, outside this repository; compared below when
 *  it is at hand). Each must be documented, read or not. */
const CONTRACT_VARIABLES = [
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_SENTINEL_NAME',
  'REDIS_CLUSTER_NODES',
  'REDIS_MIN_REPLICAS_ACK',
  'LOG_LEVEL',
  'QIANYI_ACCESS_ID',
  'QIANYI_SECRET_KEY',
  'QIANYI_CALLBACK_BASE_URL',
  'QIANYI_WAREHOUSE_EXTRA_TYPE',
  'ETOWER_BASE_URL',
  'ETOWER_TOKEN',
  'ETOWER_KEY',
  'BRIDGE_TENANTS_FILE',
  'SYNC_WAIT_MS',
  'ORDER_POLL_INTERVAL_MS',
  'ASN_POLL_INTERVAL_MS',
  'INVENTORY_SYNC_INTERVAL_MS',
  'CATALOG_REFRESH_INTERVAL_MS',
  'WEBHOOK_RETRY_SCHEDULE_MS',
  'WORKER_LOCK_DURATION_MS',
  'WORKER_STALLED_INTERVAL_MS',
  'MAX_BODY_BYTES',
  'METRICS_PORT',
  'MAX_INFLIGHT_BODY_BYTES',
  'BODY_TIMEOUT_MS',
  'DOCUMENT_RETENTION_MS',
];
const CONTRACT_FILE = resolve(root, '../shared/design/contract.md');

interface Row {
  name: string;
  cells: string[];
}

/** The rows of every table under `## <heading>` (up to the next `## `) whose first cell is one `code` span. */
function rowsUnder(heading: string): Row[] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/configuration.md has no "## ${heading}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return section.split('\n').flatMap((line) => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    return name ? [{ name, cells }] : [];
  });
}

const schemaNames = Object.keys(envSchema.shape).sort();
const bridgeRows = rowsUnder('Bridge variables');
const pendingRows = rowsUnder('In the contract, not read yet');
const composeRows = rowsUnder('Compose variables');
const devRows = rowsUnder('`pnpm start`, the sandbox and tests (not for production)');
const tenantRows = rowsUnder('Tenants file');
const names = (rows: Row[]) => rows.map((r) => r.name).sort();

/** The documented default: `unset`, `required`, or the first code span of the cell. */
function documentedDefault(cell: string): string {
  if (/^(unset|required)\b/.test(cell)) return cell.split(/\s/)[0]!;
  const value = /`([^`]*)`/.exec(cell)?.[1];
  if (value === undefined) throw new Error(`default cell without a value: ${cell}`);
  return value;
}

const unsetEnv = envSchema.parse({}) as Record<string, unknown>;
/** What the schema makes of NAME=value alone (the other variables unset). */
const parsedAs = (name: string, value: string) => (envSchema.parse({ [name]: value }) as Record<string, unknown>)[name];

describe('docs/configuration.md against the environment schema', () => {
  test('every variable the schema reads has exactly one row, and every row is a variable the schema reads', () => {
    expect(names(bridgeRows)).toEqual(schemaNames);
    expect(new Set(names(bridgeRows)).size).toBe(bridgeRows.length);
  });

  test.each(bridgeRows.map((r) => [r.name, r.cells[1]!] as const))(
    '%s: the documented default is the default',
    (name, cell) => {
      const value = documentedDefault(cell);
      if (value === 'unset') expect(unsetEnv[name]).toBeUndefined();
      else expect({ name, value: parsedAs(name, value) }).toEqual({ name, value: unsetEnv[name] });
    },
  );

  test('every row says what the variable means', () => {
    for (const row of [...bridgeRows, ...pendingRows, ...composeRows, ...devRows, ...tenantRows]) {
      expect({
        name: row.name,
        meaning: (row.cells.at(-1) ?? '').length > 10 || (row.cells[2] ?? '').length > 10,
      }).toEqual({ name: row.name, meaning: true });
    }
  });

  test('every variable of the run contract is documented; the ones not read yet are marked so, and only those', () => {
    const documented = new Set([...names(bridgeRows), ...names(pendingRows)]);
    expect(CONTRACT_VARIABLES.filter((v) => !documented.has(v))).toEqual([]);
    // A pending variable the schema now reads must move into the tables of what it does.
    expect(names(pendingRows).filter((v) => schemaNames.includes(v))).toEqual([]);
    expect(names(pendingRows).filter((v) => !CONTRACT_VARIABLES.includes(v))).toEqual([]);
  });

  (existsSync(CONTRACT_FILE) ? test : test.skip)("the list of contract variables above is the contract's", () => {
    const contract = readFileSync(CONTRACT_FILE, 'utf8');
    const table = contract.slice(
      contract.indexOf('## Environment'),
      contract.indexOf('\n## ', contract.indexOf('## Environment') + 1),
    );
    const listed = table.split('\n').flatMap((line) => {
      const first = line.split('|')[1] ?? '';
      return [...first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!);
    });
    expect(listed.sort()).toEqual([...CONTRACT_VARIABLES].sort());
  });

  test("every variable read straight from process.env by an app, a package or the image's health check is documented", () => {
    const everyRow = new Set([...names(bridgeRows), ...names(pendingRows), ...names(composeRows), ...names(devRows)]);
    const read = new Set<string>();
    const sources = [
      ...sourceFiles('apps'),
      ...sourceFiles('packages').filter((f) => !f.includes('/testkit/')),
      ...sourceFiles('deploy'),
    ];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g))
        read.add(m[1] ?? m[2]!);
      // The sandbox reads its SANDBOX_* variables through a schema of its own: the keys of that object.
      if (file.endsWith('/apps/sandbox/src/main.ts'))
        for (const m of text.matchAll(/^\s+(SANDBOX_[A-Z0-9_]+):/gm)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((v) => !everyRow.has(v)).sort()).toEqual([]);
  });

  test('every variable docker-compose.yml interpolates is a bridge variable or a documented Compose variable, and the other way round', () => {
    const compose = read('docker-compose.yml');
    const interpolated = new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
    expect([...interpolated].filter((v) => !schemaNames.includes(v) && !names(composeRows).includes(v)).sort()).toEqual(
      [],
    );
    expect(names(composeRows).filter((v) => !interpolated.has(v))).toEqual([]);
  });

  test.each(composeRows.map((r) => [r.name, r.cells[1]!] as const))(
    "Compose variable %s: the documented default is docker-compose.yml's",
    (name, cell) => {
      const compose = read('docker-compose.yml');
      const uses = [...compose.matchAll(new RegExp(`\\$\\{${name}(:[-?])?([^}]*)\\}`, 'g'))].map((m) =>
        m[1] === ':?' ? 'required' : m[1] === ':-' ? m[2]! : 'unset',
      );
      expect(new Set(uses)).toEqual(new Set([documentedDefault(cell)]));
    },
  );
});

describe('.env.example', () => {
  const lines = read('.env.example').split('\n');
  const active = new Map<string, string>();
  const commented = new Map<string, string>();
  for (const line of lines) {
    const m = /^(#\s?)?([A-Z][A-Z0-9_]*)=(\S*)$/.exec(line);
    if (m) (m[1] ? commented : active).set(m[2]!, m[3]!);
  }
  const all = [...active.keys(), ...commented.keys()];

  test('names every variable of the schema, and nothing that is neither a bridge nor a Compose variable', () => {
    expect(schemaNames.filter((v) => !all.includes(v))).toEqual([]);
    expect(all.filter((v) => !schemaNames.includes(v) && !names(composeRows).includes(v))).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
  });

  test('a commented line shows the documented default (or, where there is none, a value that validates)', () => {
    for (const [name, value] of commented) {
      if (!schemaNames.includes(name)) continue;
      const row = bridgeRows.find((r) => r.name === name)!;
      const documented = documentedDefault(row.cells[1]!);
      if (documented === 'unset') expect(() => parsedAs(name, value)).not.toThrow();
      else expect({ name, value }).toEqual({ name, value: documented });
    }
  });

  test('as copied, the apps refuse to start naming the secrets left empty; filled in, it loads', () => {
    const env = Object.fromEntries([...active].filter(([name]) => schemaNames.includes(name)));
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow('missing configuration: QIANYI_SECRET_KEY, ETOWER_TOKEN, ETOWER_KEY');
    const filled = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? 'filled-in' : v]));
    const { env: loaded, tenants } = loadConfig(filled);
    expect(tenants.map((t) => t.accessId)).toEqual([active.get('QIANYI_ACCESS_ID')]);
    expect(loaded.DASHBOARD_PASSWORD).toBe('filled-in');
  });

  test('the secrets are empty, not example values someone could leave in place', () => {
    for (const name of ['QIANYI_SECRET_KEY', 'ETOWER_TOKEN', 'ETOWER_KEY', 'DASHBOARD_PASSWORD', 'REDIS_PASSWORD'])
      expect({ name, value: active.get(name) }).toEqual({ name, value: '' });
  });
});

describe('tenants.example.json', () => {
  const file = join(root, 'tenants.example.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { tenants: Array<Record<string, unknown>> };

  test('loads as a tenants file', () => {
    expect(tenantsFileSchema.safeParse(json).error?.issues ?? []).toEqual([]);
    expect(loadConfig({ BRIDGE_TENANTS_FILE: file }).tenants).toHaveLength(json.tenants.length);
  });

  test('shows every field of the tenant schema, and no field the schema does not know', () => {
    const known = schemaFieldPaths(tenantSchema);
    const shown = new Set(json.tenants.flatMap((t) => fieldPaths(t)));
    expect(known.filter((f) => !shown.has(f))).toEqual([]);
    // A group required as a whole (qianyi, etower) is known by its fields.
    expect([...shown].filter((f) => !known.includes(f) && !known.some((k) => k.startsWith(`${f}.`)))).toEqual([]);
  });
});

describe('docs/configuration.md against the tenant schema', () => {
  const minimal = {
    accessId: 'a',
    secretKey: 's',
    qianyi: { callbackBaseUrl: 'https://q.example', warehouseExtraType: 'W' },
    etower: { baseUrl: 'https://e.example', token: 't', key: 'k' },
  };

  test('every field of the schema has exactly one row, and every row is a field', () => {
    expect(names(tenantRows)).toEqual([...schemaFieldPaths(tenantSchema)].sort());
  });

  test.each(tenantRows.map((r) => [r.name, r.cells[1]!] as const))(
    '%s: the documented default is the default',
    (path, cell) => {
      const value = documentedDefault(cell);
      const parsed = tenantSchema.parse(minimal);
      if (value === 'required') {
        const without = structuredClone(minimal) as Record<string, any>;
        const parts = path.split('.');
        delete parts.slice(0, -1).reduce((o, p) => o[p], without)[parts.at(-1)!];
        const issues = tenantSchema.safeParse(without).error?.issues.map((i) => i.path.join('.')) ?? [];
        expect(issues).toContain(path);
      } else {
        const actual = path.split('.').reduce<any>((o, p) => o?.[p], parsed);
        if (value === 'unset') expect(actual).toBeUndefined();
        else
          expect({ path, value: actual }).toEqual({
            path,
            value: /^(\d+|true|false)$/.test(value) ? JSON.parse(value) : value,
          });
      }
    },
  );
});

/** Dotted paths of every field of a zod object schema, nested objects included (with their own path). */
function schemaFieldPaths(schema: unknown, prefix = ''): string[] {
  const object = unwrap(schema) as { shape?: Record<string, unknown> };
  if (!object.shape) return [];
  return Object.entries(object.shape).flatMap(([key, field]) => {
    const path = `${prefix}${key}`;
    const nested = schemaFieldPaths(field, `${path}.`);
    // A group that is required as a whole (qianyi, etower) is its fields; an optional group is a field too.
    return isOptional(field) || nested.length === 0 ? [path, ...nested] : nested;
  });
}

type Def = { type: string; innerType?: unknown; in?: unknown };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch']);

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
}

function isOptional(schema: unknown): boolean {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'default') return true;
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return false;
  }
}

/** Dotted paths of a JSON value's fields, nested objects and their fields alike. */
function fieldPaths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) => {
    const path = `${prefix}${key}`;
    const nested =
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? fieldPaths(v as Record<string, unknown>, `${path}.`)
        : [];
    return [path, ...nested];
  });
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name === 'dist' || name === 'test') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mjs|js)$/.test(name)) out.push(p);
    }
  };
  walk(join(root, dir));
  return out;
}
