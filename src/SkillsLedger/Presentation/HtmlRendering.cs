using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace SkillsLedger.Presentation;

/// <summary>
/// Renders a Razor component (the report's page, a dashboard piece) to an HTML string with ASP.NET Core's
/// <see cref="HtmlRenderer"/>: no HTTP request, no Blazor circuit, nothing interactive. Razor HTML-encodes every value
/// written with <c>@</c>; markup that is ours (ScottPlot's SVG, a PNG data: URI) goes in only as a deliberate
/// <see cref="MarkupString"/> beside a comment saying why.
/// </summary>
public static class HtmlRendering
{
    /// <summary>Escapes markup characters but leaves non-ASCII text (−, –, ×, χ², accents) as UTF-8: the pages are UTF-8, and
    /// "χ² = 3.21" stays searchable in the source as it reads.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // The renderer takes its encoder from the services (HtmlEncoder.Default otherwise, which writes every non-ASCII
    // character as &#x…;). Nothing else is resolved: the components take all they show as parameters.
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSingleton(Encoder)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .BuildServiceProvider();

    /// <summary>The component's HTML. A renderer per call: it keeps every root component it rendered until disposed, and one
    /// shared renderer would also run all requests' renders one at a time on its dispatcher.</summary>
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
