import { startEtowerSimulator, type RunningEtowerSimulator } from '../../../apps/sandbox/src/etower/serve';
import {
  createEtowerClient,
  ETOWER_PATHS,
  EtowerHttpError,
  EtowerMalformedResponseError,
  flavourMatters,
  signEtowerRequest,
  type EtowerSignatureFallback,
} from '../src';
import { control, order } from './fixtures';

// A 401 to a standard signature is tried once more in URL-safe Base64, and the flavour is learned from that
// second answer. A 500, a 429 or a proxy's HTML page can come from in front of eTower's signature check (the
// sandbox's faults do, like a gateway), so such an answer proves nothing: learning URL-safe from it left a worker
// signing every call in a flavour eTower refuses (401s without a fallback, orders FAILED after three of them: the
// eTower-faults reliability scenario's stuck orders). Only an answer eTower's API gave (2xx, JSON) teaches one.

const token = 'ff-token';
const key = 'ff-key';
let sim: RunningEtowerSimulator;
const open: Array<{ close(): void }> = [];

beforeAll(async () => {
  sim = await startEtowerSimulator({ token, key });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.url, 'POST', '/reset');
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** A request time at which createOrders' standard signature has `+` or `/`, so that a 401 to it falls back. */
function differingSecond(): Date {
  const url = `${sim.url}${ETOWER_PATHS.createOrders}`;
  for (let back = 0; back < 120; back += 1) {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - back * 1000);
    if (flavourMatters(signEtowerRequest({ method: 'POST', url, token, key, now: at }).standardSignature)) return at;
  }
  throw new Error('no such second in the last two minutes');
}

function freshClient() {
  const at = differingSecond();
  const events: EtowerSignatureFallback[] = [];
  const client = createEtowerClient({
    baseUrl: sim.url,
    token,
    key,
    timeoutMs: 2000,
    now: () => at,
    onSignatureFallback: (e) => events.push(e),
  });
  open.push(client);
  return { client, events };
}

const fault = (body: Record<string, unknown>) => control(sim.url, 'POST', '/faults', body);

describe.each([
  { mode: 'http500', error: EtowerHttpError },
  { mode: 'malformed', error: EtowerMalformedResponseError },
])('a 401, then a $mode fault on the URL-safe try', ({ mode, error }) => {
  it('fails as that fault, learns no flavour, and the next call is signed in standard Base64 and accepted', async () => {
    await fault({ endpoint: 'createOrders', mode: 'http401', count: 1 });
    await fault({ endpoint: 'createOrders', mode, count: 1 });
    const { client, events } = freshClient();

    await expect(client.createOrders([order('FF-1')])).rejects.toBeInstanceOf(error);
    expect(client.signatureFlavour()).toBeUndefined();
    expect(events).toEqual([]);

    // The sandbox takes standard Base64 only: a client that learned URL-safe from the fault would be refused here.
    const [created] = await client.createOrders([order('FF-2')]);
    expect(created).toMatchObject({ referenceNo: 'FF-2', ok: true });
    expect(client.signatureFlavour()).toBe('standard');
  });
});
