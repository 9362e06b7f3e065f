import { randomBytes } from 'node:crypto';
import type { Env } from '@bridge/config';
import type { Credentials } from './basic-auth';

export type CredentialsResult =
  | { ok: true; credentials: Credentials; generated: boolean }
  | { ok: false; message: string };

/**
 * The dashboard can retry, promote, pause and resume, so it never runs open. Outside the sandbox both variables
 * are required. Under the sandbox supervisor (BRIDGE_SANDBOX=1) they are normally passed in; if not, a random
 * password is made up and printed, which is still better than no auth on a developer's machine.
 */
export function resolveCredentials(env: Env, sandbox: boolean): CredentialsResult {
  const user = env.DASHBOARD_USER;
  const password = env.DASHBOARD_PASSWORD;
  if (user && password) return { ok: true, credentials: { user, password }, generated: false };
  if (sandbox) {
    return {
      ok: true,
      credentials: { user: user ?? 'admin', password: password ?? randomBytes(12).toString('base64url') },
      generated: true,
    };
  }
  const missing = [user ? undefined : 'DASHBOARD_USER', password ? undefined : 'DASHBOARD_PASSWORD']
    .filter(Boolean)
    .join(' and ');
  return {
    ok: false,
    message: `the dashboard refuses to start without HTTP basic auth: set ${missing} (both DASHBOARD_USER and DASHBOARD_PASSWORD are required; \`pnpm start\` generates them for the sandbox)`,
  };
}
