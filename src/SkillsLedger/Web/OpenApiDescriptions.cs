using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace SkillsLedger.Web;

/// <summary>
/// What the OpenAPI document says beyond what the framework infers: each query parameter's type, format, default and
/// meaning, from the same <see cref="QuerySpec"/> its endpoint validates with; the API-key bearer scheme, declared once
/// and applied to every operation that is not anonymous.
/// </summary>
public static class OpenApiDescriptions
{
    public const string BearerScheme = "bearer";

    /// <summary>Attaches each endpoint class's <c>public static QuerySpec Query</c> to its endpoints' metadata.</summary>
    public static void AttachQuerySpecs(WolverineHttpOptions opts) => opts.ConfigureEndpoints(chain =>
    {
        if (chain.Method.HandlerType.GetField("Query", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is QuerySpec spec)
            chain.WithMetadata(spec);
    });

    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SkillsLedger API";
            document.Info.Description = "Event-sourced skills ledger. Every /api route needs an API key: Authorization: Bearer slk_<keyId>_<secret> " +
                                        "(skillsledger keys create). A date alone in asOf/knownAt/from/to means the end of that day, 23:59:59.999999 UTC; " +
                                        "left out, the moment of the request. Errors are RFC 7807 problem+json naming the field.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "slk_<keyId>_<secret>",
                Description = "An API key of the caller's organisation; its role decides which routes it may call (docs/security.md).",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<QuerySpec>().FirstOrDefault() is { } spec && operation.Parameters is { } parameters)
                foreach (var p in parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
                    if (spec.Parameters.FirstOrDefault(q => q.Name == p.Name) is { } declared)
                        Describe(p, declared);
            // Wolverine fills the description with the operation id when there is nothing better to say.
            if (operation.Description == operation.OperationId) operation.Description = null;
            operation.Responses ??= new OpenApiResponses();
            foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('4')).ToList())
                operation.Responses[status] = Problem(response.Description ?? status, context.Document);
            if (!metadata.OfType<IAllowAnonymous>().Any() && metadata.OfType<IAuthorizeData>().FirstOrDefault(a => a.Policy is not null) is { } policy)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                operation.Description = $"Needs an API key whose role meets the '{policy.Policy}' policy (docs/security.md).";
                operation.Responses["401"] = Problem("No valid API key (missing, unknown, revoked or malformed)", context.Document);
                operation.Responses["403"] = Problem("The key's role may not call this route", context.Document);
                operation.Responses["429"] = Problem("The key sent more requests than its rate limit; see Retry-After", context.Document);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>Every refusal is RFC 7807 problem+json naming the field at fault (Web/Problems.cs).</summary>
    private static OpenApiResponse Problem(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
        },
    };

    private static void Describe(OpenApiParameter p, QueryParameter declared)
    {
        p.Description = declared.Description;
        var schema = new OpenApiSchema
        {
            Type = declared.Type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String,
            Format = declared.Format,
        };
        if (declared.Default is { } d)
            schema.Default = declared.Type == "integer" ? JsonValue.Create(long.Parse(d, CultureInfo.InvariantCulture)) : JsonValue.Create(d);
        p.Schema = schema;
        p.Required = declared.Required;
    }
}
