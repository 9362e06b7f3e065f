// How big the scenarios are. `full` is what the README's figures come from; `small` is the bounded form CI runs
// within a few minutes (RELIABILITY_SCALE=small).
export const SCALE_NAME = process.env.RELIABILITY_SCALE === 'small' ? 'small' : 'full';
const small = SCALE_NAME === 'small';

export const SCALE = {
  /** Worker crash: orders, ASNs and SKUs in the burst, and how many times a worker is SIGKILLed. */
  crashOrders: small ? 200 : 1000,
  crashAsns: small ? 20 : 100,
  crashSkus: small ? 40 : 200,
  crashKills: small ? 4 : 10,
  /** Redis restart: how long the load runs before, during and after the outage. */
  redisLoadMs: small ? 4000 : 10000,
  /** eTower misbehaving: orders created through the faults, and how many of them eTower refuses. */
  faultOrders: small ? 40 : 150,
  faultRefused: small ? 5 : 15,
  /** Qianyi's endpoint misbehaving: orders per fault mode. */
  webhookOrders: small ? 5 : 20,
  /** Duplicate storms: concurrent copies of one call. */
  storm: 100,
  /** Hostile input: fast-check runs per property (there are several properties). */
  fuzzRuns: small ? 150 : 1500,
  /** A year in fast-forward (retention of seconds): orders through create -> ship -> push -> expiry, the warm-up
   *  that fills the fixed parts first (event streams, the capped lists of finished jobs), and orders kept open. */
  yearOrders: small ? 3000 : 100000,
  yearWarmup: small ? 3000 : 5000,
  yearOpen: small ? 10 : 50,
  /** 25 MB bodies sent. */
  hugeBodies: small ? 2 : 5,
};
