// Case 1's paced generator in a process of its own. In the bench's main process its event loop and GC would be
// shared with the started apps' output pipes and everything the run has kept, and each of their pauses would count
// as the server's latency. Argument: the spec as JSON. Prints the PacedResult (an array of them for a spec with
// `urls`) as one JSON line.
import { paced, pacedAcross } from './paced';
import { createOrderBodies } from './payloads';
import type { PacedAcrossSpec, PacedSpec } from './paced-process';

const spec = JSON.parse(process.argv[2] ?? '{}') as PacedSpec | PacedAcrossSpec;
const common = {
  rate: spec.rate,
  durationS: spec.durationS,
  ...(spec.warmupS !== undefined ? { warmupS: spec.warmupS } : {}),
  body: createOrderBodies(spec.bodyPrefix),
};
const result =
  'urls' in spec
    ? await pacedAcross({ ...common, urls: spec.urls, slotMs: spec.slotMs })
    : await paced({ ...common, url: spec.url });
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
