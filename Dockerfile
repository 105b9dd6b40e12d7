# Relay's hubble-relay image: a drop-in for cilium/hubble-relay (same entry point, command, ports and uid).
#
#   docker build -t hubble-relay:0.1.0 .
#   docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/hubble-relay:0.1.0 --push .
#
# No container engine at hand: docs/deploy.md, "Building the image without a container engine".
# tests/Relay.Image.Tests checks this file's invariants and replays its build stage (COPY and RUN) on the host.

ARG VERSION=0.1.0

# ---- build: runs on the build machine's platform and publishes for the target's ----
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
ARG VERSION
WORKDIR /src

# Restore from the project files alone, so a source change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/Relay.Protos.csproj protos/
COPY Relay.Streams/Relay.Streams.csproj Relay.Streams/
COPY Relay.Actors/Relay.Actors.csproj Relay.Actors/
COPY Relay.Fleet/Relay.Fleet.csproj Relay.Fleet/
COPY Relay.Api/Relay.Api.csproj Relay.Api/
RUN dotnet restore Relay.Api/Relay.Api.csproj -a $TARGETARCH

COPY protos/ protos/
COPY hocon/ hocon/
COPY Relay.Streams/ Relay.Streams/
COPY Relay.Actors/ Relay.Actors/
COPY Relay.Fleet/ Relay.Fleet/
COPY Relay.Api/ Relay.Api/
# Naming a runtime (-a) turns on Relay.Api.csproj's publish settings: self-contained single file, partially
# trimmed, ReadyToRun. The SDK maps Docker's amd64/arm64 to the linux-x64/linux-arm64 runtimes.
RUN dotnet publish Relay.Api/Relay.Api.csproj --no-restore -c Release -a $TARGETARCH -p:Version=$VERSION -o /out
# The chart mounts its ConfigMap on /etc/hubble-relay; the empty directory keeps the path without it.
RUN mkdir -p /rootfs/etc/hubble-relay

# ---- runtime: Ubuntu chiseled, no shell, no package manager; glibc, OpenSSL and CA certificates only ----
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
ARG VERSION
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="hubble-relay" \
      org.opencontainers.image.description="Relay: a drop-in Hubble Relay that merges every node's flows in exact time order" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$REVISION" \
      org.opencontainers.image.created="$CREATED" \
      org.opencontainers.image.documentation="docs/deploy.md" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled"

# The base image asks web servers to listen on 8080; the relay binds only its own flags' addresses.
ENV ASPNETCORE_HTTP_PORTS=

COPY --from=build /rootfs/ /
COPY --from=build /out/hubble-relay /usr/bin/hubble-relay

# The Cilium chart's uid/gid (securityContext runAsUser/runAsGroup 65532); the files above stay root's, read-only.
USER 65532:65532
EXPOSE 4245 4222
ENTRYPOINT ["/usr/bin/hubble-relay"]
CMD ["serve"]
