# The service only: in containers Neo4j runs as its own service (see docker-compose.yml), so
# NEO4J_URI is always set and the Java launcher is not needed.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY seed ./seed
COPY schema ./schema
COPY web ./web
RUN node --import tsx web/build.ts
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]
