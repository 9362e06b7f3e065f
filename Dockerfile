# syntax=docker/dockerfile:1
# One image for every app of the bridge; the command picks the app:
#   docker run IMAGE                                   -> the ingress (default)
#   docker run IMAGE node apps/worker/dist/main.js     -> a worker (WORKER_QUEUES picks its queues)
#   docker run IMAGE node apps/dashboard/dist/main.js  -> Bull Board
#   docker run IMAGE node apps/ops/dist/main.js counts -> the ops CLI
# The apps are esbuild bundles that inline the workspace packages (@bridge/*) and import third-party packages
# from node_modules, resolved through each app's own pnpm links (apps/<app>/node_modules -> node_modules/.pnpm).
# So the runtime needs the workspace's production node_modules tree, with its symlinks, plus each app's dist/
# and package.json ("type": "module"). No sources, no dev dependencies.

ARG NODE_IMAGE=node:20-bookworm-slim
# The version in package.json's packageManager (apps/ops/test/compose.int.test.ts holds the two equal).
ARG PNPM_VERSION=10.34.9

FROM ${NODE_IMAGE} AS pnpm
ARG PNPM_VERSION
# pnpm from npm, not corepack (its signature check fails against registries that serve no signatures).
ENV CI=true
RUN npm install -g "pnpm@${PNPM_VERSION}" && test "$(pnpm --version)" = "${PNPM_VERSION}"
WORKDIR /app
# Only the lockfile: the package store is downloaded once and cached until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN pnpm fetch

FROM pnpm AS build
COPY . .
RUN pnpm install --offline --frozen-lockfile && pnpm build

# A second, production-only install of the same lockfile: same versions, same link layout, no dev tools.
# `pnpm fetch` also filled node_modules/.pnpm with every package; that is dropped and relinked from the store
# with production packages only (about 70 MB instead of 160 MB).
FROM pnpm AS prod
COPY . .
RUN rm -rf node_modules \
 && pnpm install --offline --frozen-lockfile --prod \
 && find apps packages -mindepth 2 -maxdepth 2 \( -name src -o -name test -o -name dist \) -prune -exec rm -rf {} + \
 && rm -rf scripts bench .ci
COPY --from=build /app/apps /tmp/built
RUN for dist in /tmp/built/*/dist; do app=$(basename "$(dirname "$dist")"); cp -r "$dist" "apps/$app/dist"; done \
 && rm -rf /tmp/built

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Owned by root and read-only for the app user: the process cannot rewrite its own code.
COPY --from=prod /app/package.json /app/pnpm-workspace.yaml ./
COPY --from=prod /app/node_modules ./node_modules
COPY --from=prod /app/apps ./apps
COPY --from=prod /app/packages ./packages
COPY deploy/healthcheck.mjs ./deploy/healthcheck.mjs
USER node
# 8080 the ingress (PORT), 3000 the dashboard (DASHBOARD_PORT), 9464 metrics and worker health (METRICS_PORT).
EXPOSE 8080 3000 9464
# Asks the app this container runs: the ingress's or a worker's /readyz, the dashboard's /healthz, each on its
# configured port (deploy/healthcheck.mjs). A worker without METRICS_PORT is not checked.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
CMD ["node", "apps/ingress/dist/main.js"]
