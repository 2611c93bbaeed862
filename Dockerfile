# One image for all four apps; TAILOR_APP picks which one runs.
#   docker build --build-arg NODE_IMAGE=<a local Node 20 image> -t tailor/app .
ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, the Prisma client generated (npm ci's postinstall) and every project compiled to dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN npm ci --no-audit --no-fund && npm run build
# /release: what the production stage copies, in the repository's layout: the compiled projects (dist/), the migrations
# the migrate command applies and the apps' Node flags. /manifests: what `npm ci` needs (the workspaces' too).
RUN mkdir /release /manifests && cp -R dist/. /release/ \
  && tar -cf - prisma/schema.prisma prisma/migrations apps/*/node-options | tar -xf - -C /release \
  && tar -cf - package.json package-lock.json libs/*/package.json | tar -xf - -C /manifests
# lets whoever builds find and remove the build stage's image too (e.g. CI: --build-arg TAILOR_IMAGE_NAMESPACE=<run>)
ARG TAILOR_IMAGE_NAMESPACE=build
LABEL dev.tailor.managed=true dev.tailor.namespace=${TAILOR_IMAGE_NAMESPACE}

# Production dependencies only: --omit=optional too, or npm keeps what is both a devDependency and an optional peer of
# a dependency (the prisma CLI, typescript). No install script is needed: the Prisma client is compiled into dist/.
# onnxruntime-node ships its native library for every platform; only this one's stays.
FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 ONNXRUNTIME_NODE_INSTALL=skip
COPY --from=build /manifests/ ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force \
  && platform=$(node -p 'process.platform + "/" + process.arch') \
  && for dir in node_modules/onnxruntime-node/bin/napi-v*/*/*; do case $dir in */$platform) ;; *) rm -rf "$dir" ;; esac; done
COPY --from=build /release/ ./
USER 1000:1000
# apps/<app>/node-options: the Node flags an app runs with (e.g. profiler-ingest's young generation), if it has any
CMD ["sh", "-c", "exec node $(cat apps/${TAILOR_APP}/node-options 2>/dev/null) apps/${TAILOR_APP}/src/main.js"]
