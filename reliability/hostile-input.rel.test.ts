import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { jobCounts, type BridgeHarness } from '../packages/testkit/src/index';
import { count, zero } from './lib/figures';
import { startFullBridge } from './lib/fixtures';
import {
  badIdentifiers,
  deepNesting,
  formPlus,
  hugeBodies,
  hugeFields,
  invalidUtf8,
  issue22Values,
  outOfBoundsNumbers,
  protoKeys,
  randomBytes,
  signedGarbage,
  wrongTypes,
  type HostileCall,
} from './lib/hostile';
import { pool } from './lib/pool';
import { SCALE, SCALE_NAME } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// Property-based fuzzing of POST /api/qianyi with no worker running: every answer must be JSON with success:false
// and a status the contract allows, nothing may be enqueued, the ingress must not crash, and its memory must
// not grow without bound over the run. Values out of their bounds (issue 22: quantities past 999,999,999 or a
// double's precision, 1e307 amounts, 1e30 dates and box sizes, 10,000-character or bidi-laden order numbers,
// "not-a-country-💥") must also be refused naming their field: an answer that does not name it counts as wrong.
const SCENARIO = 'Hostile input (fuzzing the ingress)';
const FILE = 'reliability/hostile-input.rel.test.ts';
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startFullBridge({ workers: 0 });
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge).finally(() => bridge.stop());
});

const rssMb = () => {
  const status = readFileSync(`/proc/${bridge.ingress.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

interface Verdict {
  ok: boolean;
  why?: string;
}
async function send(call: HostileCall): Promise<Verdict> {
  let res: Response;
  try {
    res = await fetch(`${bridge.ingressUrl}/api/qianyi`, {
      method: 'POST',
      headers: call.contentType ? { 'content-type': call.contentType } : {},
      body: call.body,
    });
  } catch (err) {
    return { ok: false, why: `no answer: ${(err as Error).message}` };
  }
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, why: `HTTP ${res.status}, not JSON: ${text.slice(0, 100)}` };
  }
  if (body?.success !== false)
    return { ok: false, why: `HTTP ${res.status}, success is ${JSON.stringify(body?.success)}` };
  if (!call.allowed.includes(res.status))
    return {
      ok: false,
      why: `HTTP ${res.status} (allowed ${call.allowed.join('/')}): ${String(body.message).slice(0, 120)}`,
    };
  if (call.field !== undefined && !String(body.message).includes(`${call.field} `))
    return { ok: false, why: `refused without naming ${call.field}: ${String(body.message).slice(0, 120)}` };
  return { ok: true };
}

test(`fast-check properties over the ingress, ${SCALE.fuzzRuns} runs each (${SCALE_NAME})`, async () => {
  // Warm up before the first memory sample, so one-time allocations (and the heap the 25 MB bodies make V8
  // reserve) do not count as growth: what is measured is growth over thousands of cases.
  const failures: string[] = [];
  let cases = 0;
  await pool(fc.sample(signedGarbage, 200), 20, send);
  for (const call of hugeBodies(SCALE.hugeBodies)) {
    cases += 1;
    const verdict = await send(call);
    if (!verdict.ok) failures.push(`${call.name}: ${verdict.why}`);
  }
  const rssBefore = rssMb();
  const issue22 = issue22Values();
  const boundFailures: string[] = [];
  for (const call of issue22) {
    cases += 1;
    const verdict = await send(call);
    if (!verdict.ok) boundFailures.push(`${call.name}: ${verdict.why}`);
  }
  const bounds = { outOfBoundsNumbers, badIdentifiers };
  let boundCases = 0;
  for (const [name, arbitrary] of Object.entries(bounds)) {
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (call) => {
        cases += 1;
        boundCases += 1;
        const verdict = await send(call);
        if (!verdict.ok) boundFailures.push(`${call.name} ${call.field}: ${verdict.why}`);
        return verdict.ok;
      }),
      { numRuns: SCALE.fuzzRuns, endOnFailure: false, verbose: 0 },
    );
    if (details.failed)
      boundFailures.push(`${name} counterexample: ${fc.stringify(details.counterexample).slice(0, 300)}`);
  }
  const properties = {
    randomBytes,
    wrongTypes,
    deepNesting,
    hugeFields,
    invalidUtf8,
    protoKeys,
    formPlus,
    signedGarbage,
  };
  for (const [name, arbitrary] of Object.entries(properties)) {
    const runs = name === 'deepNesting' || name === 'hugeFields' ? Math.ceil(SCALE.fuzzRuns / 5) : SCALE.fuzzRuns;
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (call) => {
        cases += 1;
        const verdict = await send(call);
        if (!verdict.ok) failures.push(`${call.name}: ${verdict.why}`);
        return verdict.ok;
      }),
      { numRuns: runs, endOnFailure: false, verbose: 0 },
    );
    if (details.failed) failures.push(`${name} counterexample: ${fc.stringify(details.counterexample).slice(0, 300)}`);
  }
  const rssAfter = rssMb();
  const crashed = bridge.ingress.child.exitCode !== null || bridge.ingress.child.signalCode !== null ? 1 : 0;
  const enqueued = Object.values(await jobCounts(bridge.redisUrl)).reduce((a, b) => a + b, 0);
  if (failures.length)
    process.stderr.write(`hostile input: first failures\n${[...new Set(failures)].slice(0, 20).join('\n')}\n`);
  if (boundFailures.length)
    process.stderr.write(
      `hostile input: values out of bounds not refused by name\n${[...new Set(boundFailures)].slice(0, 20).join('\n')}\n`,
    );
  report(SCENARIO, FILE, [
    count('fuzz cases', cases),
    zero(
      'answers not JSON success:false with the contract status',
      failures.filter((f) => !f.includes('counterexample')).length,
    ),
    count(
      "values out of bounds sent (issue 22's list, then random numbers and identifiers)",
      issue22.length + boundCases,
    ),
    zero(
      'values out of bounds not refused naming the field',
      boundFailures.filter((f) => !f.includes('counterexample')).length,
    ),
    zero('processes crashed', crashed),
    zero('jobs enqueued by bad input', enqueued),
    count('ingress RSS before (MB)', Math.round(rssBefore)),
    count('ingress RSS after (MB)', Math.round(rssAfter)),
    // Generous: 25 MB bodies pass through; unbounded growth over thousands of cases would be far above this.
    zero('ingress RSS growth over 200 MB during the fuzz run', rssAfter - rssBefore > 200 ? 1 : 0),
  ]);
});
