using System.Text.Json.Nodes;
using SkillsLedger.Access;

namespace SkillsLedger.Xapi;

/// <summary>
/// The xAPI Learning Record Store at /xapi (docs/xapi.md). Plain ASP.NET Core routes rather than Wolverine HTTP
/// endpoints: xAPI needs exact, case-sensitive query parameters with unknown ones refused, one path answering several
/// request shapes (statementId / voidedStatementId / filters), HEAD and the `?method=` alternate syntax, which are
/// simpler to express on a raw HttpContext than through Wolverine's parameter binding. Every route is under the
/// xapi policy (lrs and admin keys) but /about, which xAPI requires to be open.
/// </summary>
public static class XapiRoutes
{
    public static IServiceCollection AddXapi(this IServiceCollection services) =>
        services.AddCors().AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>, XapiCors>()
            .AddSingleton<StatementStore>().AddSingleton<AttachmentStore>().AddSingleton<DocumentStore>().AddSingleton<XapiVersion.SpokenVersions>().AddSingleton<StatementEvidence>();

    /// <summary>xAPI answers HEAD wherever it answers GET (same status and headers; Kestrel sends no body).</summary>
    public static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapXapi(this IEndpointRouteBuilder app)
    {
        var xapi = app.MapGroup("/xapi").RequireAuthorization(LedgerPolicies.Xapi).RequireCors(XapiCors.Policy).AddEndpointFilter(XapiVersion.Filter).ExcludeFromDescription();
        xapi.MapMethods("/about", GetAndHead, () => Results.Json(new JsonObject { ["version"] = new JsonArray([.. XapiVersion.Supported.Select(v => (JsonNode)v)]) })).AllowAnonymous();
        xapi.MapPost("/statements", StatementWrites.PostAsync);
        xapi.MapPut("/statements", StatementWrites.PutAsync);
        xapi.MapMethods("/statements", GetAndHead, StatementReads.GetAsync);
        xapi.MapMethods("/agents", GetAndHead, PersonAndActivity.Agents);
        xapi.MapMethods("/activities", GetAndHead, PersonAndActivity.ActivitiesAsync);
        foreach (var (path, kind) in new[] { ("/activities/state", DocumentKind.State), ("/activities/profile", DocumentKind.ActivityProfile), ("/agents/profile", DocumentKind.AgentProfile) })
        {
            xapi.MapMethods(path, GetAndHead, kind.GetAsync);
            xapi.MapPut(path, kind.PutAsync);
            xapi.MapPost(path, kind.PostAsync);
            xapi.MapDelete(path, kind.DeleteAsync);
        }
        EvidenceRoutes.MapXapiEvidence(app);
    }
}
