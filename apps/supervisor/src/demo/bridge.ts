import { readFileSync } from 'node:fs';
import { localDataDir, readLocalRun, tenantsFileSchema, type LocalRun } from '@bridge/config';
import { signedCallBody } from '@bridge/qianyi';
import { repoRoot } from '@bridge/runtime/local-processes';

/** A reason the demo cannot go on, said in plain words (no stack trace): the bridge is not there, or stopped answering. */
export class DemoStop extends Error {}

export interface Answer {
  status: number;
  body: Record<string, any>;
}

export interface DemoBridge {
  run: LocalRun;
  accessId: string;
  /** One call signed as the sandbox tenant, as Qianyi sends it. */
  call(method: string, content: object | ''): Promise<Answer>;
  /** GET or POST on the sandbox's control API (its back door: no signature). */
  control(path: string, body?: object): Promise<any>;
}

const START_HINT = 'Start it with `pnpm start`, then run `pnpm demo` in another terminal.';

/** The bridge `pnpm start` runs (its run file), or a DemoStop saying why there is none. */
export function connect(): DemoBridge {
  const lookup = readLocalRun(localDataDir(repoRoot));
  if (lookup.status === 'absent') throw new DemoStop(`The bridge is not running (no ${lookup.path}). ${START_HINT}`);
  if (lookup.status === 'stopped')
    throw new DemoStop(
      `The bridge is not running: ${lookup.path} is from pnpm start pid ${lookup.pid}, which has stopped. ${START_HINT}`,
    );
  if (lookup.status === 'unreadable')
    throw new DemoStop(`Cannot use ${lookup.path}: ${lookup.reason}. Restart the bridge with \`pnpm start\`.`);
  const { run } = lookup;
  const tenant = tenantsFileSchema.parse(JSON.parse(readFileSync(run.tenantsFile, 'utf8'))).tenants[0]!;

  const send = async (url: string, init: RequestInit, what: string): Promise<Response> => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(60000) });
    } catch (err) {
      const { cause } = err as { cause?: { code?: string; message?: string } };
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new DemoStop(
        `The bridge stopped answering: ${what} at ${url} failed (${why}). Is \`pnpm start\` still running?`,
      );
    }
  };
  return {
    run,
    accessId: tenant.accessId,
    async call(method, content) {
      const text = content === '' ? '' : JSON.stringify(content);
      const res = await send(
        run.callUrl,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json;charset=UTF-8' },
          body: signedCallBody(tenant.accessId, tenant.secretKey, method, text),
        },
        method,
      );
      const raw = await res.text();
      try {
        return { status: res.status, body: JSON.parse(raw) as Record<string, any> };
      } catch {
        return { status: res.status, body: { success: false, message: `not JSON: ${raw.slice(0, 200)}` } };
      }
    },
    async control(path, body) {
      const init: RequestInit =
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      const res = await send(`${run.sandboxUrl}${path}`, init, 'the sandbox');
      if (!res.ok) throw new DemoStop(`the sandbox answered HTTP ${res.status} to ${path}: ${await res.text()}`);
      return res.json();
    },
  };
}
