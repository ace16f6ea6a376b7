# Build: restore is cached until a project or props file changes. For linux-x64 only, ReadyToRun: the app's and its
# packages' code is compiled ahead of time, so a fresh start does not wait for the JIT, and other platforms' native
# libraries stay out of the image. The restore needs the same runtime and ReadyToRun as the publish (the compiler and
# the runtime pack it compiles against come from NuGet).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/MlePrep.Discord/MlePrep.Discord.csproj src/MlePrep.Discord/
COPY src/MlePrep.Bot/MlePrep.Bot.csproj src/MlePrep.Bot/
RUN dotnet restore src/MlePrep.Bot/MlePrep.Bot.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY src/MlePrep.Discord/ src/MlePrep.Discord/
COPY src/MlePrep.Bot/ src/MlePrep.Bot/
# Warnings are errors, and .editorconfig is what turns the analyzers' off-by-design ones (CS1591) off.
COPY .editorconfig ./
# The question schema is embedded in the binary at build time.
COPY questions/ questions/
RUN dotnet publish src/MlePrep.Bot/MlePrep.Bot.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true --no-restore -o /app \
    && mkdir /data

# Run: "-extra" images keep tzdata and ICU, which per-channel time zones need; chiseled = no shell, non-root. The aspnet
# flavour: the telemetry endpoint (Telemetry:Url) runs on Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
COPY questions/ ./questions/
# An empty /data owned by the image's non-root user (APP_UID 1654), so a fresh volume is writable.
COPY --from=build --chown=1654:1654 /data /data
ENV Storage__DatabasePath=/data/mleprep.db \
    Questions__Path=/app/questions
USER $APP_UID
VOLUME ["/data"]
# No shell or curl in the image: the bot's own subcommand reads the status file the running bot keeps fresh.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "MlePrep.Bot.dll", "health"]
ENTRYPOINT ["dotnet", "MlePrep.Bot.dll"]
