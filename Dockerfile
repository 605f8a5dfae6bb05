# syntax=docker/dockerfile:1
# SkillsLedger service image. Build context: the repository root.
#   docker build -t skillsledger .
#   docker run -p 8080:8080 -e SKILLSLEDGER_DB=postgresql://user:pass@host:5432/skillsledger skillsledger
# The image contains no PostgreSQL: always point it at one with SKILLSLEDGER_DB (or --db).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the files restore needs, so the layer is reused while only code changes.
COPY nuget.config Directory.Build.props Directory.Packages.props ./
COPY src/SkillsLedger.Domain/SkillsLedger.Domain.csproj src/SkillsLedger.Domain/
COPY projections/SkillsLedger.Projections/SkillsLedger.Projections.csproj projections/SkillsLedger.Projections/
COPY src/SkillsLedger/SkillsLedger.csproj src/SkillsLedger/
RUN dotnet restore src/SkillsLedger/SkillsLedger.csproj

COPY src/ src/
COPY projections/ projections/
RUN dotnet publish src/SkillsLedger -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The .NET images ship a non-root user; APP_UID is its numeric id.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "skillsledger.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080"]
