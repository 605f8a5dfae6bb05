using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>Shared look: font, sizes, palette, and the render-to-PNG-and-SVG step every chart ends with.</summary>
internal static class ChartStyle
{
    // Okabe–Ito: distinguishable under the common colour-vision deficiencies and in greyscale print-outs.
    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");
    public static readonly Color BluishGreen = Color.FromHex("#009E73");
    public static readonly Color Yellow = Color.FromHex("#F0E442");
    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color ReddishPurple = Color.FromHex("#CC79A7");
    public static readonly Color Grey = Color.FromHex("#595959");

    /// <summary>Series colours in the order they are handed out (strongest contrast on white first; yellow last).</summary>
    public static readonly Color[] Series = [Blue, Vermillion, BluishGreen, ReddishPurple, SkyBlue, Orange, Black, Yellow];

    public static Color SeriesColor(int index) => Series[index % Series.Length];

    // Pixel sizes at 1600 × 900; larger outputs scale them up (never down, so slides stay readable).
    public const float TitleSize = 34;
    public const float AxisLabelSize = 26;
    public const float TickSize = 22;
    public const float LegendSize = 22;
    public const float CaptionSize = 20;
    public const float AnnotationSize = 20;

    /// <summary>A new plot with the font chosen and slide-sized text everywhere.</summary>
    public static Plot NewPlot(string title, ChartSize size)
    {
        var plot = new Plot();
        // Must come first: FontStyler.Set changes the default used by plottables added afterwards,
        // but leaves those already added on the old (serif) fallback.
        plot.Font.Set(ChartFonts.Family);
        float scale = Scale(size);
        plot.Title(title, TitleSize * scale);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.FontSize = AxisLabelSize * scale;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickSize * scale;
            axis.MinorTickStyle.Length = 0; // minor ticks add clutter and no readable value at slide distance
        }
        plot.Legend.FontSize = LegendSize * scale;
        return plot;
    }

    /// <summary>
    /// A value axis with about five ticks labelled in the reader's number format ("2,5" in Dutch). ScottPlot's default
    /// packs ticks as densely as the labels fit (a level axis from 1 to 5 got one every 0.2) and always writes "2.5".
    /// </summary>
    public static void ValueTicks(IAxis axis, ChartWords? words, int target = 5) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            TargetTickCount = target,
            LabelFormatter = v => v.ToString("#,0.##", (words ?? ChartWords.English).Numbers),
        };

    /// <summary>Text grows with the image only when the image is bigger than a slide.</summary>
    public static float Scale(ChartSize size) => (float)Math.Max(1.0, Math.Min(size.Width / 1600.0, size.Height / 900.0));

    /// <summary>Caption line under the x axis (sample sizes, method): an extra bottom axis with no ticks, only a label.</summary>
    public static void AddCaption(Plot plot, string caption, ChartSize size)
    {
        if (string.IsNullOrWhiteSpace(caption)) return;
        var axis = plot.Axes.AddBottomAxis();
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        axis.MajorTickStyle.Length = 0;
        axis.MinorTickStyle.Length = 0;
        axis.FrameLineStyle.Width = 0;
        axis.LabelText = caption;
        axis.LabelFontSize = CaptionSize * Scale(size);
        // Measured by its text alone, the caption's panel is shorter than the line: the caption would reach up into the
        // label of the axis above it (the last at-risk row's group name under a survival chart). Two lines' height.
        axis.MinimumSize = 2 * CaptionSize * Scale(size);
        axis.LabelBold = false;
        axis.LabelFontColor = Grey;
    }

    /// <summary>A chart that says "No data" instead of failing, so a report with an empty slice still renders.</summary>
    public static RenderedChart NoData(string title, ChartSize size, ChartWords? words = null)
    {
        var plot = NewPlot(string.IsNullOrWhiteSpace(title) ? "Chart" : title, size);
        plot.HideGrid();
        // An empty frame would look like a chart that failed to draw; keep only the title and the message.
        foreach (var axis in plot.Axes.GetAxes()) axis.IsVisible = false;
        var note = plot.Add.Annotation((words ?? ChartWords.English).NoData, Alignment.MiddleCenter);
        note.LabelStyle.FontSize = TitleSize * Scale(size);
        note.LabelStyle.FontName = ChartFonts.Family;
        note.LabelStyle.ForeColor = Grey;
        note.LabelStyle.BackgroundColor = Colors.Transparent;
        note.LabelStyle.BorderWidth = 0;
        note.LabelStyle.ShadowColor = Colors.Transparent;
        return Export(plot, size);
    }

    /// <summary>Data-coordinate text in the chart font (set explicitly: text plottables keep the font current when added).</summary>
    public static ScottPlot.Plottables.Text AddText(Plot plot, string text, double x, double y, float fontSize, Color color, Alignment alignment)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelStyle.FontName = ChartFonts.Family;
        label.LabelStyle.FontSize = fontSize;
        label.LabelStyle.ForeColor = color;
        label.LabelStyle.Alignment = alignment;
        label.LabelStyle.BackgroundColor = Colors.Transparent;
        label.LabelStyle.BorderWidth = 0;
        return label;
    }

    public static RenderedChart Export(Plot plot, ChartSize size)
    {
        var svg = WithFontFallbacks(plot.GetSvgXml(size.Width, size.Height));
        // The bitmap only when someone asks for it (report files, decks); the dashboard inlines the SVG.
        return new RenderedChart(new Lazy<byte[]>(() => plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png)), svg, size.Width, size.Height);
    }

    // The SVG names only the family we rendered with; a deck opened on Windows or macOS may not have it,
    // so list common sans fallbacks instead of letting the viewer pick a serif default.
    private static string WithFontFallbacks(string svg) =>
        svg.Replace($"font-family=\"{ChartFonts.Family}\"", $"font-family=\"{ChartFonts.Family}, Arial, Helvetica, sans-serif\"");
}
