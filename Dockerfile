# One image for every service of the civic graph; docker-compose.yml picks the
# service with `command`. TypeScript runs through tsx's loader, as in development,
# so the image runs exactly the code the tests ran: `node --import tsx`, Node itself
# as the process, not the tsx CLI, whose parent SIGKILLs a child that does not exit
# on SIGTERM at once (so `docker stop` lets requests in flight finish).
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

# The gateway draws hours certificates' PDFs in Noto Sans CJK (CIVIC_CERTIFICATE_FONT).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*

# Manifests first, so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY subgraphs/directory/package.json subgraphs/directory/
COPY subgraphs/elder-care/package.json subgraphs/elder-care/
COPY subgraphs/veteran-volunteers/package.json subgraphs/veteran-volunteers/
COPY subgraphs/neighbour-stations/package.json subgraphs/neighbour-stations/
COPY subgraphs/assessments/package.json subgraphs/assessments/
COPY subgraphs/elder-canteens/package.json subgraphs/elder-canteens/
COPY gateway/package.json gateway/
COPY schema/package.json schema/
COPY tests/package.json tests/
RUN npm ci --omit=dev --no-audit --no-fund

COPY packages packages
COPY subgraphs subgraphs
COPY gateway gateway
COPY schema schema
COPY graph graph
COPY scripts scripts
COPY tsconfig.base.json tsconfig.json ./

USER node
ENV HOST=0.0.0.0
CMD ["node", "--import", "tsx", "gateway/src/index.ts"]
