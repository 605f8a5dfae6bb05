using SkillsLedger.Access;
using SkillsLedger.Ingestion;

// The xAPI slice's evidence part: one namespace with the slice (the statements routes store and derive in one step, and
// deriving reads the statement store), in its own folder.
namespace SkillsLedger.Xapi;

/// <summary>
/// The administration side of statements → ledger events, beside `skillsledger xapi replay|status`:
/// POST /api/xapi/replay derives the held-back statements under the current mapping; GET /api/xapi/status counts
/// statements by what became of them. Admin only (a replay appends events on the organisation's behalf).
/// </summary>
public static class EvidenceRoutes
{
    public static void MapXapiEvidence(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/xapi").RequireAuthorization(LedgerPolicies.Administer).ExcludeFromDescription();
        group.MapPost("/replay", async (HttpContext http, StatementEvidence evidence, CancellationToken ct) =>
            Results.Json(await evidence.ReplayAsync(AppendContext.Of(http), ct)));
        group.MapGet("/status", async (HttpContext http, StatementEvidence evidence, CancellationToken ct) =>
            Results.Json(await evidence.StatusAsync(Web.RequestContext.Organisation(http), ct)));
    }
}
