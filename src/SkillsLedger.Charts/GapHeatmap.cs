using System.Globalization;
using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>Mean gap of one team on one skill, in levels below target (0 = at target, larger = worse).</summary>
/// <param name="Team">Team, a row.</param>
/// <param name="Skill">Skill, a column.</param>
/// <param name="MeanGap">Mean of target − level over the team's members with the skill in their role profile.</param>
/// <param name="Suppressed">The team has the skill in its role profiles but too few people for a figure: drawn as its own
/// state ("&lt; n"), never as a value; <see cref="MeanGap"/> is then ignored.</param>
public sealed record GapCell(string Team, string Skill, double MeanGap, bool Suppressed = false);

/// <summary>
/// Input of <see cref="GapHeatmap"/>. Rows are teams, columns skills, in the order given by
/// <paramref name="Teams"/> / <paramref name="Skills"/> or else by first appearance in <paramref name="Cells"/>.
/// Team × skill pairs without a cell are "not in the role profile" (light grey, "—"); suppressed cells are their own
/// state (mid grey, "&lt; <paramref name="MinGroupSize"/>"); both are in the legend, and told apart by their labels too.
/// </summary>
public sealed record GapHeatmapData(
    string Title,
    IReadOnlyList<GapCell> Cells,
    IReadOnlyList<string>? Teams = null,
    IReadOnlyList<string>? Skills = null,
    int MinGroupSize = 5,
    string? Caption = null,
    ChartWords? Words = null);

/// <summary>Team × skill matrix of mean gaps with a colour bar; values are written in the cells when they fit.</summary>
public static class GapHeatmap
{
    /// <summary>Above this many cells the numbers no longer fit legibly in a slide even at the smallest size; the colours alone carry the message.</summary>
    public const int MaxAnnotatedCells = 400;

    /// <summary>A skill the team's role profiles do not ask for: no figure exists.</summary>
    public static readonly Color NotRequiredColor = Color.FromHex("#EFEFEF");

    /// <summary>Too few people for a figure: shown as a state of its own, darker than "not required".</summary>
    public static readonly Color SuppressedColor = Color.FromHex("#8C8C8C");

    public const string NotRequiredLabel = "—";

    // cmocean "Amp": white at zero through to dark red; lightness alone encodes the value, so it survives
    // colour-vision deficiencies and greyscale printing, and "white = at target" reads naturally.
    private static readonly IColormap Colormap = new ScottPlot.Colormaps.Amp();

    public static RenderedChart Render(GapHeatmapData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        var teams = Order(data.Teams, data.Cells.Select(c => c.Team));
        var skills = Order(data.Skills, data.Cells.Select(c => c.Skill));
        if (data.Cells.Count == 0 || teams.Count == 0 || skills.Count == 0) return ChartStyle.NoData(data.Title, size, data.Words);

        var plot = ChartStyle.NewPlot(data.Title, size);
        double[,] gaps = Matrix(data.Cells.Where(c => !c.Suppressed).ToList(), teams, skills);
        var suppressed = Suppressed(data.Cells, teams, skills);
        var range = new ScottPlot.Range(0, Math.Max(0.5, Max(gaps)));
        AddHeatmap(plot, gaps, range, size, data.Words ?? ChartWords.English);
        AddSuppressed(plot, suppressed, teams.Count);
        if (teams.Count * skills.Count <= MaxAnnotatedCells) AnnotateCells(plot, gaps, suppressed, range, data.MinGroupSize, size, (data.Words ?? ChartWords.English).Numbers);
        SetTicks(plot, teams, skills, size);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, skills.Count - 0.5, -0.5, teams.Count - 0.5);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{NotRequiredLabel}  {(data.Words ?? ChartWords.English).NotInRoleProfile}", FillColor = NotRequiredColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"< {data.MinGroupSize}  {string.Format((data.Words ?? ChartWords.English).FewerThanPeople, data.MinGroupSize)}", FillColor = SuppressedColor });
        plot.Legend.FontSize = ChartStyle.TickSize * ChartStyle.Scale(size);
        plot.ShowLegend(Edge.Top);
        if (!string.IsNullOrWhiteSpace(data.Caption)) ChartStyle.AddCaption(plot, data.Caption, size);
        return ChartStyle.Export(plot, size);
    }

    private static List<string> Order(IReadOnlyList<string>? given, IEnumerable<string> seen) =>
        given is { Count: > 0 } ? [.. given.Distinct()] : [.. seen.Distinct()];

    // Row r of the matrix is drawn at y = rows - 1 - r, so the first team is at the top, as in a table.
    private static double[,] Matrix(IReadOnlyList<GapCell> cells, IReadOnlyList<string> teams, IReadOnlyList<string> skills)
    {
        var gaps = new double[teams.Count, skills.Count];
        for (int r = 0; r < teams.Count; r++)
            for (int c = 0; c < skills.Count; c++)
                gaps[r, c] = double.NaN;
        foreach (var (r, c, cell) in Positions(cells, teams, skills))
            gaps[r, c] = cell.MeanGap;
        return gaps;
    }

    private static bool[,] Suppressed(IReadOnlyList<GapCell> cells, IReadOnlyList<string> teams, IReadOnlyList<string> skills)
    {
        var suppressed = new bool[teams.Count, skills.Count];
        foreach (var (r, c, _) in Positions(cells.Where(c => c.Suppressed), teams, skills))
            suppressed[r, c] = true;
        return suppressed;
    }

    /// <summary>Each cell with its row (team) and column (skill); cells of teams or skills not shown are left out.</summary>
    private static IEnumerable<(int Row, int Column, GapCell Cell)> Positions(IEnumerable<GapCell> cells, IReadOnlyList<string> teams, IReadOnlyList<string> skills)
    {
        var teamIndex = teams.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var skillIndex = skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        foreach (var cell in cells)
            if (teamIndex.TryGetValue(cell.Team, out int r) && skillIndex.TryGetValue(cell.Skill, out int c))
                yield return (r, c, cell);
    }

    // Drawn over the heatmap's "no value" colour, one rectangle a cell.
    private static void AddSuppressed(Plot plot, bool[,] suppressed, int rows)
    {
        for (int r = 0; r < suppressed.GetLength(0); r++)
            for (int c = 0; c < suppressed.GetLength(1); c++)
                if (suppressed[r, c])
                {
                    var y = rows - 1 - r;
                    var box = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                    box.FillStyle.Color = SuppressedColor;
                    box.LineStyle.Width = 0;
                }
    }

    private static double Max(double[,] gaps) =>
        gaps.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).Max();

    private static void AddHeatmap(Plot plot, double[,] gaps, ScottPlot.Range range, ChartSize size, ChartWords words)
    {
        if (!gaps.Cast<double>().Any(double.IsFinite))
        {
            // Every cell suppressed or not required (a small organisation): ScottPlot's heatmap needs one value to
            // range over, so draw the "not required" background alone; suppressed cells go on top as usual.
            var background = plot.Add.Rectangle(-0.5, gaps.GetLength(1) - 0.5, -0.5, gaps.GetLength(0) - 0.5);
            background.FillStyle.Color = NotRequiredColor;
            background.LineStyle.Width = 0;
            return;
        }
        var heatmap = plot.Add.Heatmap(gaps);
        heatmap.Colormap = Colormap;
        // A fixed lower end at 0 keeps "at target" white whatever the data; negative gaps (above target) also show white.
        heatmap.ManualRange = range;
        heatmap.NaNCellColor = NotRequiredColor;
        heatmap.Rectangle = new CoordinateRect(-0.5, gaps.GetLength(1) - 0.5, -0.5, gaps.GetLength(0) - 0.5);

        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = words.MeanGapLevels;
        colorBar.LabelStyle.FontSize = ChartStyle.AxisLabelSize * ChartStyle.Scale(size);
        colorBar.LabelStyle.Bold = false;
        colorBar.Axis.TickLabelStyle.FontSize = ChartStyle.TickSize * ChartStyle.Scale(size);
        colorBar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 6 };
        colorBar.Axis.MinorTickStyle.Length = 0;
    }

    private static void AnnotateCells(Plot plot, double[,] gaps, bool[,] suppressed, ScottPlot.Range range, int minGroupSize, ChartSize size, NumberFormatInfo numbers)
    {
        int rows = gaps.GetLength(0), cols = gaps.GetLength(1);
        // Smaller numbers for bigger matrices, down to the slide minimum of 16 px (at 1600 px wide), so every cell keeps its value.
        float fontSize = ChartStyle.Scale(size) * (float)Math.Clamp(ChartStyle.AnnotationSize * Math.Sqrt(160.0 / (rows * cols)), 16, ChartStyle.AnnotationSize);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                double gap = gaps[r, c];
                var (text, color) = suppressed[r, c] ? ($"< {minGroupSize}", Colors.White)
                    : double.IsFinite(gap) ? (gap.ToString("0.0", numbers), TextColor(gap, range))
                    : (NotRequiredLabel, ChartStyle.Black);
                ChartStyle.AddText(plot, text, c, rows - 1 - r, fontSize, color, Alignment.MiddleCenter);
            }
    }

    // White on the dark end of the colormap, black on the light end, so every number has contrast.
    private static Color TextColor(double gap, ScottPlot.Range range)
    {
        if (!double.IsFinite(gap)) return ChartStyle.Black;
        double fraction = (Math.Clamp(gap, range.Min, range.Max) - range.Min) / (range.Max - range.Min);
        return fraction > 0.55 ? Colors.White : ChartStyle.Black;
    }

    private static void SetTicks(Plot plot, IReadOnlyList<string> teams, IReadOnlyList<string> skills, ChartSize size)
    {
        plot.Axes.Left.SetTicks(
            [.. Enumerable.Range(0, teams.Count).Select(r => (double)(teams.Count - 1 - r))], [.. teams]);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, skills.Count).Select(c => (double)c)], [.. skills]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        if (SkillLabelsCollide(skills, size)) RotateSkillLabels(plot, skills, size);
    }

    // Rough width check (average glyph ≈ 0.6 em): rotate only when the skill names would overlap side by side.
    private static bool SkillLabelsCollide(IReadOnlyList<string> skills, ChartSize size)
    {
        double columnWidth = size.Width * 0.75 / skills.Count;
        double longest = skills.Max(s => s.Length) * ChartStyle.TickSize * ChartStyle.Scale(size) * 0.6;
        return longest > columnWidth * 0.95;
    }

    private static void RotateSkillLabels(Plot plot, IReadOnlyList<string> skills, ChartSize size)
    {
        var style = plot.Axes.Bottom.TickLabelStyle;
        style.Rotation = -35;
        style.Alignment = Alignment.MiddleRight;
        // ScottPlot sizes the axis as if the labels were horizontal; reserve the rotated height so names are not clipped.
        float fontSize = style.FontSize;
        double longest = skills.Max(s => ChartFonts.MeasureWidth(s, fontSize));
        double angle = 35 * Math.PI / 180;
        plot.Axes.Bottom.MinimumSize = (float)(longest * Math.Sin(angle) + fontSize * Math.Cos(angle) + 24);
    }
}
