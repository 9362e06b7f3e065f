import { startBridge, type BridgeHarness } from '@bridge/testkit';
import { cancelCases } from './orders/cancel.cases';
import { failureCases } from './orders/failures.cases';
import { labelStorageCases } from './orders/label-storage.cases';
import { lifecycleCases } from './orders/lifecycle.cases';
import { webhookCases } from './orders/webhooks.cases';

// The order tests that need nothing but the harness's defaults share one stack. A stack is three node processes
// loading their modules, about 3 s of CPU before a test runs, and `pnpm test` is bound by CPU: five files of their
// own cost four more of those. Each group of cases keeps a file of its own (orders/*.cases.ts), resets the faults
// it sets, and works on order numbers of its own, so the groups do not see each other's orders.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge();
});
afterAll(async () => {
  await bridge?.stop();
});
const stack = () => bridge;

describe('lifecycle', () => lifecycleCases(stack));
describe('eTower failing', () => failureCases(stack));
describe('cancel', () => cancelCases(stack));
describe('self-shipped labels', () => labelStorageCases(stack));
describe("Qianyi's webhook endpoint failing", () => webhookCases(stack));
