# The service only: in containers Neo4j runs as its own service (see docker-compose.yml), so
# NEO4J_URI is always set and the Java launcher is not needed.
#
# Stage 1 compiles TypeScript (`npm run build`: src into dist/src, the browser bundle into
# dist/web); stage 2 holds production dependencies only; the final image runs the compiled
# JavaScript as the unprivileged `node` user. The compiled files are laid out as the sources are
# (src/**/*.js, dist/web, seed/data, seed/sources, seed/translations, schema), because the
# code finds its data relative to its own file (import.meta.url).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
RUN npm run build

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist/src ./src
COPY --from=build /app/dist/web ./dist/web
COPY seed/data ./seed/data
COPY seed/sources ./seed/sources
COPY seed/translations ./seed/translations
COPY schema ./schema
COPY persisted ./persisted
USER node
EXPOSE 4000
# /health turns 503 when this process should be replaced (see README); uses Node's own fetch, since
# the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "src/main.js"]
