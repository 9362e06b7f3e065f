import { fail, ok, type CheckResult } from './check';
import { probe } from './http-probe';

/** Whether the host pushes go to answers at all: a HEAD of the callback base URL, never a push. */
export async function qianyiCallbackHost(callbackBaseUrl: string, timeoutMs: number): Promise<CheckResult> {
  const url = `${callbackBaseUrl.replace(/\/+$/, '')}/`;
  try {
    const answer = await probe(url, 'HEAD', timeoutMs);
    return ok('qianyi callback host', `HTTP ${answer.status} from ${url} in ${answer.ms} ms (HEAD, no push sent)`);
  } catch (err) {
    return fail(
      'qianyi callback host',
      `no answer from ${url}: ${(err as Error).message}; pushes to Qianyi would fail`,
    );
  }
}
