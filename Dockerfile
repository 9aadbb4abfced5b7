# neuromorpho-gateway container image.
#
#   docker build -t neuromorpho-gateway .
#   docker run --rm -p 127.0.0.1:4000:4000 -e ADMIN_TOKEN=<16+ characters> neuromorpho-gateway
#
# The gateway is configured by environment variables only (see README.md "Configuration").
# In a container it listens on 0.0.0.0, and it refuses to start on a non-loopback address unless
# ADMIN_TOKEN (>= 16 characters) or ALLOW_ANONYMOUS_WRITES=true is set: pass one at run time.
# Nothing secret is baked into the image.

# One base for every stage, pinned by tag: the Node LTS that CI tests (26, beside 20; package.json
# "engines") on Debian slim (glibc, so prebuilt native binaries work, and apt for tini).
# Renovate/Dependabot update this single FROM line.
FROM node:26-bookworm-slim AS base

# --- deps: production dependencies only --------------------------------------------------------
# A stage of its own so that this layer is cached on package*.json alone and the runtime image gets
# no dev dependencies (typescript, vitest, biome, codegen...).
FROM base AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci: exactly the versions in the lock file (which holds every platform's optional builds).
# --ignore-scripts: no production dependency has an install script, so none may run at build time.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- build: compile TypeScript to dist/ ----------------------------------------------------------
FROM base AS build
WORKDIR /app
# Manifests first: the (slow) install layer is rebuilt only when dependencies change, not sources.
COPY package.json package-lock.json ./
# tsc needs no install script (the only one in the tree is esbuild's, used by tsx/vite in tests).
RUN npm ci --ignore-scripts --no-audit --no-fund
# Only what `npm run build` (tsc -p tsconfig.build.json) reads: tests, fixtures, bench stay out.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime -------------------------------------------------------------------------------------
FROM base AS runtime

# tini as PID 1: it forwards SIGTERM/SIGINT to node (which then shuts down gracefully: it stops
# accepting, waits for running downloads, closes Redis and upstream connections) and reaps zombies.
# --no-install-recommends and the removed apt lists keep the layer small.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*

# HOST=0.0.0.0: reachable through the container's published port (the app's default is loopback).
# CACHE_DIR: the on-disk neuron cache, a volume below. NODE_ENV=production for the dependencies.
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=4000 \
  CACHE_DIR=/var/cache/neuromorpho-gateway

# The cache folder must exist and belong to the unprivileged user before VOLUME is declared:
# changes after VOLUME are discarded, and a fresh named volume copies this owner and mode.
RUN mkdir -p /var/cache/neuromorpho-gateway \
  && chown node:node /var/cache/neuromorpho-gateway

WORKDIR /app
# Only what runs: production node_modules, the compiled gateway (and the offline replica, with the
# recorded NeuroMorpho answers it serves from fixtures/), and package.json (its "type": "module"
# makes node load dist/**/*.js as ES modules). Owned by root, read-only for the app: the process
# can write only to its cache volume.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY fixtures ./fixtures
COPY package.json ./

# The image's own unprivileged user (uid 1000) from the node base image.
USER node

VOLUME ["/var/cache/neuromorpho-gateway"]
EXPOSE 4000

# Liveness through node itself (slim has no curl): GET /healthz answers 200 while the process is up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["tini", "--"]
# The same command as `npm start` minus its prestart build (dev dependencies are not in the image),
# and without npm in between, which would not forward signals reliably.
CMD ["node", "dist/src/main.js"]
