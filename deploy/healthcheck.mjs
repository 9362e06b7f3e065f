// The image's HEALTHCHECK. One image runs every app, so this finds which app the container runs (the node
// process whose command is apps/<app>/dist/main.js) and asks that app's own endpoint on its configured port:
//   ingress   /readyz on PORT (Redis reachable)        worker   /readyz on METRICS_PORT (Redis and consuming)
//   dashboard /healthz on DASHBOARD_PORT                sandbox  /healthz on SANDBOX_PORT
// `node deploy/healthcheck.mjs <app>` names the app instead (tests, or a container with several processes).
// Exit 0 healthy, 1 not; the one line printed is what `docker inspect` shows.
import { readFileSync, readdirSync } from 'node:fs';

const APP_IN_COMMAND = /apps\/([a-z]+)\/dist\/main\.js/;

function runningApp() {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)) {
    let command;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // the process ended while we looked
    }
    const match = APP_IN_COMMAND.exec(command);
    if (match) return match[1];
  }
  return undefined;
}

/** The address to ask: the app's listen address unless it listens on every interface. */
function host() {
  const configured = (process.env.HOST ?? '').trim();
  return configured === '' || configured === '0.0.0.0' || configured === '::' ? '127.0.0.1' : configured;
}

const port = (name, fallback) => {
  const value = (process.env[name] ?? '').trim();
  return value === '' ? fallback : value;
};

function endpointOf(app) {
  switch (app) {
    case 'ingress':
      return `http://${host()}:${port('PORT', '8080')}/readyz`;
    case 'dashboard':
      return `http://${host()}:${port('DASHBOARD_PORT', '3000')}/healthz`;
    case 'sandbox':
      return `http://127.0.0.1:${port('SANDBOX_PORT', '8090')}/healthz`;
    // The worker's health server listens on every interface, on METRICS_PORT only.
    case 'worker':
      return port('METRICS_PORT', '') === '' ? undefined : `http://127.0.0.1:${process.env.METRICS_PORT.trim()}/readyz`;
    default:
      return undefined;
  }
}

const app = process.argv[2] ?? runningApp();
if (app === undefined) {
  console.log('unhealthy: no bridge app (apps/<app>/dist/main.js) is running in this container');
  process.exit(1);
}
const url = endpointOf(app);
if (url === undefined) {
  // The ops CLI runs and ends; a worker without METRICS_PORT has no endpoint. Nothing to ask is not a failure.
  console.log(
    app === 'worker'
      ? 'not checked: the worker has no METRICS_PORT, so no /readyz to ask'
      : `not checked: ${app} has no health endpoint`,
  );
  process.exit(0);
}
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  const body = (await res.text()).slice(0, 200);
  console.log(`${res.ok ? 'healthy' : 'unhealthy'}: ${app} ${url} answered ${res.status} ${body}`);
  process.exit(res.ok ? 0 : 1);
} catch (err) {
  console.log(`unhealthy: ${app} ${url} did not answer (${err instanceof Error ? err.message : String(err)})`);
  process.exit(1);
}
