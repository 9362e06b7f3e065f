import type { LocalRun } from '@bridge/config';

export interface BannerInput {
  run: LocalRun;
  accessId: string;
  secretKey: string;
  dashboard: { user: string; password: string };
  privateRedisDir: string | undefined;
}

/** What `pnpm start` prints once everything answers: every URL, the sandbox credentials, what to do next. */
export function banner({ run, accessId, secretKey, dashboard, privateRedisDir }: BannerInput): string {
  const { sandboxUrl, ingressUrl, metrics } = run;
  return (
    [
      '',
      'Qianyi ↔ eTower bridge is running on the sandbox',
      `  Qianyi calls     POST ${run.callUrl}`,
      `  accessId         ${accessId}`,
      `  secretKey        ${secretKey}`,
      `  eTower sandbox   ${sandboxUrl}/api/supplier-service   (faults and stats: ${sandboxUrl}/__control/etower/stats)`,
      `  Qianyi webhooks  ${sandboxUrl}/__control/qianyi   (what the bridge pushed)`,
      `  health           ${ingressUrl}/healthz   ${ingressUrl}/readyz`,
      `  metrics          ingress ${metrics.ingress}/metrics   worker ${metrics.worker}/metrics   (worker health: ${metrics.worker}/readyz)`,
      `  dashboard        ${run.dashboardUrl}/   user ${dashboard.user}  password ${dashboard.password}`,
      `  Redis            ${run.redisUrl}${privateRedisDir ? `   (private, data in ${privateRedisDir})` : '   (REDIS_URL)'}`,
      `  tenants file     ${run.tenantsFile}`,
      '  Try it:  pnpm demo   ·   pnpm ops counts   ·   pnpm ops call warehouses      (in a second terminal)',
      '  Stop:    Ctrl-C',
      '',
    ].join('\n') + '\n'
  );
}
