using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>
/// Authorization is declared on each endpoint. Every route the service maps — read from its own endpoint data
/// source, not from the OpenAPI document — must name a policy or be explicitly anonymous (health, the OpenAPI
/// document); a new route that declares nothing fails here instead of quietly falling back.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class EndpointPolicyTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("access-endpoint-policy");

    [Fact]
    public void Every_route_declares_a_policy_or_is_explicitly_anonymous()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count >= 24, $"only {endpoints.Count} endpoints found");
        var undeclared = new List<string>();
        var anonymous = new List<string>();
        foreach (var e in endpoints)
        {
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            if (e.Metadata.GetMetadata<IAllowAnonymous>() is not null) anonymous.Add(route);
            else if (!e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy))) undeclared.Add(route);
        }
        Assert.True(undeclared.Count == 0, "routes without an authorization policy: " + string.Join(", ", undeclared));
        // The dashboard's sign-in, sign-out (its anti-forgery token is the check), language switch, error page and stylesheet.
        Assert.Equal(["/dashboard.css", "/favicon.ico", "/forbidden", "/health/live", "/health/ready", "/language", "/openapi/{documentName}.json",
            "/sign-in", "/sign-in", "/sign-out", "/xapi/about"], anonymous.Order(StringComparer.Ordinal));
    }
}
