# otel-track (collector, CLI and demo) as a container image. Used by docker-compose.yml; docs/grafana.md.
#
# Build stage: the SDK pinned to the version global.json asks for. Restore runs on the project files alone, so
# that its layer (the NuGet packages) is reused until a csproj or props file changes; the sources come after.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Otel.Cli/Otel.Cli.csproj src/Otel.Cli/
COPY src/Otel.Tracking/Otel.Tracking.csproj src/Otel.Tracking/
COPY src/Otel.Tracking.Contracts/Otel.Tracking.Contracts.csproj src/Otel.Tracking.Contracts/
COPY src/Otel.Tracking.MLNet/Otel.Tracking.MLNet.csproj src/Otel.Tracking.MLNet/
COPY src/Otel.Tracking.Serving/Otel.Tracking.Serving.csproj src/Otel.Tracking.Serving/
COPY collector/Otel.Collector/Otel.Collector.csproj collector/Otel.Collector/
COPY collector/Otel.Collector.ClickHouse/Otel.Collector.ClickHouse.csproj collector/Otel.Collector.ClickHouse/
RUN dotnet restore src/Otel.Cli/Otel.Cli.csproj
COPY . .
RUN dotnet publish src/Otel.Cli/Otel.Cli.csproj --configuration Release --no-restore --output /app

# Runtime stage: ASP.NET Core runtime only (Kestrel serves OTLP and the API), as the image's non-root user `app`.
# No chDB library: the image is meant for a ClickHouse server (`serve --clickhouse`), with which the collector
# never locates or fetches the embedded engine.
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The data directory holds the spool, keys.json and artifacts: owned by `app`, so a named volume mounted there is too.
RUN mkdir -p /var/lib/otel-track && chown app:app /var/lib/otel-track
ENV PATH="/app:${PATH}" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER app
WORKDIR /var/lib/otel-track
EXPOSE 4317 4318
# The image has neither curl nor wget: bash's /dev/tcp asks /healthz, and a 200 status line is healthy.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/4318 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["otel-track"]
# Listening beyond loopback needs API keys or --insecure (docs/security.md): without either, serve refuses and says why.
CMD ["serve", "--host", "0.0.0.0", "--data", "/var/lib/otel-track"]
