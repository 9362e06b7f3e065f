import { Redis } from 'ioredis';
import { TEST_TENANT, type AppProcess } from '../../packages/testkit/src/index';
import { count, zero, type Figure } from './figures';
import { LABEL_BASE64 } from './fixtures';

// What must never be written down by the bridge: the tenant's Qianyi secretKey, eTower token and key, the
// dashboard password, and label data (a self-shipped label is a customer's document). A label is looked for by
// a few slices of its Base64 too, so a truncated or re-chunked copy is still found.
export const DASHBOARD_PASSWORD = 'dash-pw-5b8e0c1d-MUST-NOT-LEAK';
export const SECRETS: Record<string, string> = {
  'Qianyi secretKey': TEST_TENANT.secretKey,
  'eTower token': TEST_TENANT.token,
  'eTower key': TEST_TENANT.key,
  'dashboard password': DASHBOARD_PASSWORD,
};
const LABEL_SLICES = [LABEL_BASE64, LABEL_BASE64.slice(0, 32), LABEL_BASE64.slice(24, 56), LABEL_BASE64.slice(-32)];

const hits = (texts: readonly string[], needles: readonly string[]) =>
  texts.reduce((n, t) => n + (needles.some((needle) => t.includes(needle)) ? 1 : 0), 0);

/** Every value in the database, split into BullMQ job hashes and everything else. */
export async function redisTexts(redisUrl: string): Promise<{ jobs: string[]; other: string[] }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const jobs: string[] = [];
  const other: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'hash') {
          const h = await redis.hgetall(key);
          // A job's hash holds its name, data and options; its return value and failure reason live there too.
          ('data' in h && 'name' in h ? jobs : other).push(`${key} ${JSON.stringify(h)}`);
        } else if (type === 'string') other.push(`${key} ${await redis.get(key)}`);
        else if (type === 'list') other.push(`${key} ${(await redis.lrange(key, 0, -1)).join(' ')}`);
        else if (type === 'set') other.push(`${key} ${(await redis.smembers(key)).join(' ')}`);
        else if (type === 'zset') other.push(`${key} ${(await redis.zrange(key, 0, -1)).join(' ')}`);
        else if (type === 'stream') other.push(`${key} ${JSON.stringify(await redis.xrange(key, '-', '+'))}`);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return { jobs, other };
}

/** The secrets scan every scenario ends with: the bridge's processes' output, then every job and value in Redis. */
export async function secretFigures(processes: readonly AppProcess[], redisUrl: string): Promise<Figure[]> {
  const logs = processes.map((p) => p.output());
  const { jobs, other } = await redisTexts(redisUrl);
  const secrets = Object.values(SECRETS);
  return [
    count(
      'log bytes scanned',
      logs.reduce((n, l) => n + l.length, 0),
    ),
    count('jobs scanned', jobs.length),
    zero('secrets in logs', hits(logs, secrets)),
    zero('secrets in job data', hits(jobs, secrets)),
    zero('secrets elsewhere in Redis', hits(other, secrets)),
    zero('label data in logs', hits(logs, LABEL_SLICES)),
    zero('label data in job data', hits(jobs, LABEL_SLICES)),
  ];
}
