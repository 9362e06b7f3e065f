import { readFileSync, statSync } from 'node:fs';
import { redactUrl } from '@bridge/config';
import { signedCallBody } from '@bridge/qianyi';
import { request } from 'undici';
import type { OpsContext } from '../context';
import { CliError, EXIT, type Printer } from '../output';
import { pickTenant } from '../pick-tenant';

const ANSWER_TIMEOUT_MS = 60_000;

export interface CallOptions {
  tenant?: string;
  url?: string;
}

/**
 * `ops call <method> [content | @file]`: one call signed as a configured tenant, exactly as Qianyi would send it,
 * and the bridge's answer printed. Exit 0 when the bridge answered HTTP 200 with success true, 1 otherwise.
 */
export async function callCommand(
  ctx: OpsContext,
  out: Printer,
  method: string,
  contentArg: string | undefined,
  opts: CallOptions,
): Promise<number> {
  const maxBytes = ctx.loadConfig().env.MAX_BODY_BYTES;
  const content = readContent(contentArg, maxBytes);
  const tenant = pickTenant(ctx.configuredTenants(), opts.tenant);
  const { url, from } = callUrl(ctx, opts.url);
  ctx.note(`ops: POST ${redactUrl(url) ?? url}, from ${from}`);

  const body = signedCallBody(tenant.accessId, tenant.secretKey, method, content);
  let status: number;
  let text: string;
  try {
    const res = await request(url, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      headers: { 'content-type': 'application/json;charset=UTF-8', 'user-agent': 'qianyi-etower-bridge ops call' },
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
    const why =
      e.name === 'TimeoutError'
        ? `no answer within ${ANSWER_TIMEOUT_MS / 1000} s`
        : `${e.cause?.code ?? e.code ?? ''} ${e.message ?? String(err)}`.trim();
    throw new CliError(
      `no answer from ${redactUrl(url) ?? url}: ${why} (is the ingress running? pass --url to call another)`,
      EXIT.failure,
    );
  }
  let answer: unknown = text;
  try {
    answer = JSON.parse(text);
  } catch {
    /* not JSON: printed as the text it is */
  }
  const success =
    status === 200 &&
    typeof answer === 'object' &&
    answer !== null &&
    [true, 'true'].includes((answer as { success?: unknown }).success as never);
  out.result(
    { url, tenant: tenant.accessId, method, status, answer },
    () =>
      `HTTP ${status}${success ? '' : '  (not a success)'}\n${typeof answer === 'string' ? answer : JSON.stringify(answer, null, 2)}`,
  );
  return success ? EXIT.ok : EXIT.failure;
}

/** The content as given, `@path` for a file's text, nothing for the methods that take none. Must be JSON. */
export function readContent(arg: string | undefined, maxBytes: number): string {
  if (arg === undefined || arg === '') return '';
  let text = arg;
  if (arg.startsWith('@')) {
    const path = arg.slice(1);
    let size: number;
    try {
      size = statSync(path).size;
    } catch (err) {
      throw new CliError(`cannot read ${path}: ${(err as Error).message}`, EXIT.usage);
    }
    // The ingress would refuse it anyway (MAX_BODY_BYTES); reading it whole first would only cost memory.
    if (size > maxBytes)
      throw new CliError(
        `${path} is ${size} bytes; the ingress accepts at most ${maxBytes} (MAX_BODY_BYTES)`,
        EXIT.usage,
      );
    text = readFileSync(path, 'utf8');
  }
  try {
    JSON.parse(text);
  } catch (err) {
    throw new CliError(`the content is not JSON: ${(err as Error).message}`, EXIT.usage);
  }
  return text;
}

/** --url, else the running pnpm start's ingress, else the ingress on this host at PORT. */
function callUrl(ctx: OpsContext, option: string | undefined): { url: string; from: string } {
  if (option) return { url: option, from: '--url' };
  const run = ctx.sources().run;
  if (run) return { url: run.callUrl, from: `the running pnpm start (pid ${run.pid})` };
  return {
    url: `http://127.0.0.1:${ctx.loadConfig().env.PORT}/api/qianyi`,
    from: 'PORT on this host (pass --url for another)',
  };
}
