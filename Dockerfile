# One image for all four apps; TAILOR_APP picks which one runs.
#   docker build --build-arg NODE_IMAGE=<a local Node 20 image> -t tailor/app .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY . .
RUN npm ci --no-audit --no-fund
# lets whoever builds find and remove the build stage's image too (e.g. CI: --build-arg TAILOR_IMAGE_NAMESPACE=<run>)
ARG TAILOR_IMAGE_NAMESPACE=build
LABEL dev.tailor.managed=true dev.tailor.namespace=${TAILOR_IMAGE_NAMESPACE}

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /app /app
USER 1000:1000
# apps/<app>/node-options: the Node flags an app runs with (e.g. profiler-ingest's young generation), if it has any
CMD ["sh", "-c", "exec node $(cat apps/${TAILOR_APP}/node-options 2>/dev/null) -r @swc-node/register apps/${TAILOR_APP}/src/main.ts"]
