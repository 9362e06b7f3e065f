import { startBridge } from '@bridge/testkit';
import { minimalOrder } from './minimal-order';

// INGRESS_V8_PRETENURING reaches V8: with V8's pretenuring statistics traced, an ingress that allows pretenuring
// reports allocation-site decisions while it takes calls; one started with the default reports none once it
// listens (module loading, before the setting applies, may). What it saves is measured by the benchmarks
// (bench/RESULTS.md, fourth round of 2026-12-03: half the promotion and half the full GCs).
async function pretenuringLinesWhileServing(setting: 'on' | undefined): Promise<number> {
  const bridge = await startBridge({
    workers: 0,
    ingressNodeArgs: ['--trace-pretenuring-statistics'],
    bridgeEnv: { SYNC_WAIT_MS: '0', ...(setting ? { INGRESS_V8_PRETENURING: setting } : {}) },
  });
  try {
    const before = bridge.ingress.output().length;
    for (let n = 0; n < 400; n++) {
      const answer = await bridge.call('createOrder', minimalOrder(`PRETENURE-${setting ?? 'default'}-${n}`));
      expect(answer.body).toMatchObject({ success: true });
    }
    return bridge.ingress
      .output()
      .slice(before)
      .split('\n')
      .filter((line) => line.includes('pretenuring:')).length;
  } finally {
    await bridge.stop();
  }
}

test('by default the ingress stops V8 pretenuring once it starts; INGRESS_V8_PRETENURING=on leaves it on', async () => {
  expect(await pretenuringLinesWhileServing('on')).toBeGreaterThan(0);
  expect(await pretenuringLinesWhileServing(undefined)).toBe(0);
}, 60000);
