// Draws benchmarks/results/scaling.svg from the committed Scaling results (BenchmarkDotNet's GitHub markdown tables in
// benchmarks/results/Scaling{Rules,Fields,Batch,Parallel}.md). A .NET 10 file-based app with no packages:
//
//   dotnet run benchmarks/scaling-chart.cs                  (from the repository root)
//   dotnet run benchmarks/scaling-chart.cs -- <results-dir>  (another folder of the same four files)
//
// Four panels, cost per fact (Mean; OperationsPerInvoke makes it per fact) on a log scale: against rules per policy,
// fields per fact and facts per DecideMany batch, and one thread against every core. Each point is labelled with its
// mean and its allocated bytes per fact. It fails, naming the file and the column, when a table lacks what it needs.
using System.Globalization;
using System.Text;

var results = args.Length > 0 ? args[0] : Path.Combine("benchmarks", "results");
if (!Directory.Exists(results))
{
    Console.Error.WriteLine($"error: no folder '{results}' (run from the repository root, or pass the results folder)");
    return 1;
}

try
{
    var rules = Table.Read(Path.Combine(results, "ScalingRules.md"));
    var fields = Table.Read(Path.Combine(results, "ScalingFields.md"));
    var batch = Table.Read(Path.Combine(results, "ScalingBatch.md"));
    var parallel = Table.Read(Path.Combine(results, "ScalingParallel.md"));

    var svg = new Svg(1000, 760);
    svg.Text(500, 28, "Tiering.Rules: cost per fact as the work grows (Mean, log scale; label: mean, allocated per fact)", 15, "middle", bold: true);
    svg.Text(500, 48, $"{batch.Machine}", 11, "middle");

    Panel.Lines(svg, 60, 80, 400, 260, "rules per policy (50 fields, Decide per fact)", "rules",
        [new Series("Decide", "#1f77b4", rules.Points("Rules", "Decide"))], marker: 64, markerLabel: "64: fired set > one ulong");
    Panel.Lines(svg, 560, 80, 400, 260, "fields per fact (30 rules, Decide per fact)", "fields",
        [new Series("Decide", "#1f77b4", fields.Points("Fields", "Decide"))]);
    Panel.Lines(svg, 60, 430, 400, 260, "facts per DecideMany batch (loan policy, span form)", "facts per batch",
        [new Series("DecideMany", "#2ca02c", batch.Points("batchSize", "DecideMany"))],
        references: [("Decide per fact", "#1f77b4", batch.Single("Decide")), ("hand-written", "#7f7f7f", batch.Single("HandWritten"))]);
    Panel.Bars(svg, 560, 430, 400, 260, "DecideMany on all cores (loan policy, 100,000 facts)",
        [("one thread", parallel.Single("OneThread")), ($"{parallel.Cores} threads", parallel.Single("AllCores"))]);

    var output = Path.Combine(results, "scaling.svg");
    File.WriteAllText(output, svg.ToString());
    Console.WriteLine($"wrote {output}");
    return 0;
}
catch (InvalidDataException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

/// <summary>One measured row: its parameter value (if any), mean in nanoseconds and allocated bytes per operation.</summary>
internal sealed record Point(double X, double MeanNs, string Allocated);

internal sealed record Series(string Name, string Color, IReadOnlyList<Point> Points);

/// <summary>A BenchmarkDotNet GitHub markdown table: its environment header and its rows by column name.</summary>
internal sealed class Table
{
    private readonly string _path;
    private readonly List<Dictionary<string, string>> _rows = [];

    private Table(string path) => _path = path;

    /// <summary>The processor line of the environment header, with the cores.</summary>
    public string Machine { get; private set; } = string.Empty;

    /// <summary>The logical core count from the header.</summary>
    public int Cores { get; private set; }

    public static Table Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing (run the Scaling benchmarks and copy their *-report-github.md here)");
        }

        var table = new Table(path);
        string[]? header = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Contains("logical", StringComparison.Ordinal) && line.Contains("cores", StringComparison.Ordinal))
            {
                table.Machine = line;
                var words = line.Split(' ');
                var at = Array.IndexOf(words, "logical");
                table.Cores = at > 0 && int.TryParse(words[at - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var cores) ? cores : 0;
            }

            if (!line.StartsWith('|'))
            {
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim().Trim('*').Trim()).ToArray();
            if (header is null)
            {
                header = cells;
            }
            else if (!cells.All(c => c.Length == 0 || c.Trim('-', ':').Length == 0))
            {
                table._rows.Add(header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
            }
        }

        return table._rows.Count > 0 ? table : throw new InvalidDataException($"{path}: no table rows");
    }

    /// <summary>The rows of <paramref name="method"/>, by the value of column <paramref name="parameter"/>, in order.</summary>
    public IReadOnlyList<Point> Points(string parameter, string method)
    {
        var points = Rows(method).Select(r => new Point(Number(Cell(r, parameter), parameter), Nanoseconds(Cell(r, "Mean")), Allocated(r))).OrderBy(p => p.X).ToList();
        return points.Count > 0 ? points : throw new InvalidDataException($"{_path}: no rows of {method}");
    }

    /// <summary>The one row of <paramref name="method"/>.</summary>
    public Point Single(string method)
    {
        var rows = Rows(method).ToList();
        return rows.Count == 1
            ? new Point(0, Nanoseconds(Cell(rows[0], "Mean")), Allocated(rows[0]))
            : throw new InvalidDataException($"{_path}: {rows.Count} rows of {method}, expected one");
    }

    private IEnumerable<Dictionary<string, string>> Rows(string method) =>
        _rows.Where(r => Cell(r, "Method").Trim('\'') == method);

    private string Cell(Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var value) ? value : throw new InvalidDataException($"{_path}: no column '{column}'");

    private string Allocated(Dictionary<string, string> row)
    {
        var value = Cell(row, "Allocated");
        return value == "-" ? "0 B" : value;
    }

    private double Number(string text, string column) =>
        double.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{_path}: '{text}' in column '{column}' is not a number");

    /// <summary>A Mean cell such as <c>1,234.5 ns</c> or <c>12.07 μs</c>, in nanoseconds.</summary>
    private double Nanoseconds(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var scale = parts.Length == 2 ? parts[1] switch
        {
            "ns" => 1.0,
            "μs" or "us" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            _ => double.NaN,
        } : double.NaN;
        return double.IsNaN(scale) ? throw new InvalidDataException($"{_path}: '{text}' is not a mean with a unit") : Number(parts[0], "Mean") * scale;
    }
}

/// <summary>The chart's panels.</summary>
internal static class Panel
{
    /// <summary>Lines over a log-scaled x (the parameter) and y (ns per fact).</summary>
    public static void Lines(Svg svg, double left, double top, double width, double height, string title, string xLabel, IReadOnlyList<Series> series,
        IReadOnlyList<(string Name, string Color, Point Value)>? references = null, double? marker = null, string? markerLabel = null)
    {
        references ??= [];
        var xs = series.SelectMany(s => s.Points).Select(p => p.X).ToList();
        var ys = series.SelectMany(s => s.Points).Select(p => p.MeanNs).Concat(references.Select(r => r.Value.MeanNs)).ToList();
        var (x0, x1) = (Math.Log10(xs.Min()), Math.Log10(xs.Max()));
        var (y0, y1) = (Math.Floor(Math.Log10(ys.Min())), Math.Ceiling(Math.Log10(ys.Max())));
        if (x1 - x0 < 1e-9)
        {
            x1 = x0 + 1;
        }

        if (y1 - y0 < 1)
        {
            y1 = y0 + 1;
        }

        double X(double v) => left + (Math.Log10(v) - x0) / (x1 - x0) * width;
        double Y(double v) => top + height - (Math.Log10(v) - y0) / (y1 - y0) * height;

        Frame(svg, left, top, width, height, title);
        for (var e = y0; e <= y1; e++)
        {
            var y = Y(Math.Pow(10, e));
            svg.Line(left, y, left + width, y, "#e0e0e0");
            svg.Text(left - 6, y + 4, Units(Math.Pow(10, e)), 10, "end");
        }

        foreach (var x in xs.Distinct())
        {
            svg.Line(X(x), top + height, X(x), top + height + 4, "#000");
            svg.Text(X(x), top + height + 16, x.ToString("#,0", CultureInfo.InvariantCulture), 10, "middle");
        }

        svg.Text(left + width / 2, top + height + 32, xLabel, 11, "middle");
        svg.Text(left - 44, top + height / 2, "per fact", 11, "middle", rotate: true);

        if (marker is { } m && m > Math.Pow(10, x0) && m < Math.Pow(10, x1))
        {
            svg.Line(X(m), top, X(m), top + height, "#d62728", dashed: true);
            svg.Text(X(m) + 4, top + 14, markerLabel ?? string.Empty, 10, "start", color: "#d62728");
        }

        var legend = 0;
        foreach (var (name, color, value) in references)
        {
            var y = Y(value.MeanNs);
            svg.Line(left, y, left + width, y, color, dashed: true);
            svg.Text(left + 4 + (150 * legend), y - 4, $"{name}: {Units(value.MeanNs)}, {value.Allocated}", 10, "start", color: color);
            legend++;
        }

        foreach (var s in series)
        {
            svg.Polyline(s.Points.Select(p => (X(p.X), Y(p.MeanNs))), s.Color);
            foreach (var p in s.Points)
            {
                svg.Circle(X(p.X), Y(p.MeanNs), 3.5, s.Color);
                svg.Text(X(p.X), Y(p.MeanNs) - 9, $"{Units(p.MeanNs)}, {p.Allocated}", 9, "middle");
            }
        }
    }

    /// <summary>Two bars (ns per fact, linear), with the speedup.</summary>
    public static void Bars(Svg svg, double left, double top, double width, double height, string title, IReadOnlyList<(string Name, Point Value)> bars)
    {
        Frame(svg, left, top, width, height, title);
        var max = bars.Max(b => b.Value.MeanNs) * 1.4;
        var slot = width / bars.Count;
        for (var i = 0; i < bars.Count; i++)
        {
            var (name, value) = bars[i];
            var h = value.MeanNs / max * height;
            var x = left + slot * i + slot * 0.25;
            svg.Rect(x, top + height - h, slot * 0.5, h, i == 0 ? "#1f77b4" : "#ff7f0e");
            svg.Text(x + slot * 0.25, top + height - h - 6, $"{Units(value.MeanNs)}, {value.Allocated}", 10, "middle");
            svg.Text(x + slot * 0.25, top + height + 16, name, 11, "middle");
        }

        var speedup = bars[0].Value.MeanNs / bars[^1].Value.MeanNs;
        svg.Text(left + width / 2, top + 18, string.Create(CultureInfo.InvariantCulture, $"speedup {speedup:0.00}x (mark: 1.8x on 2 cores)"), 12, "middle", bold: true);
    }

    private static void Frame(Svg svg, double left, double top, double width, double height, string title)
    {
        svg.Rect(left, top, width, height, "none", stroke: "#000");
        svg.Text(left + width / 2, top - 8, title, 12, "middle", bold: true);
    }

    private static string Units(double ns) => ns switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.#} ms"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.#} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns:0.#} ns"),
    };
}

/// <summary>A minimal SVG writer (invariant numbers, escaped text).</summary>
internal sealed class Svg(int width, int height)
{
    private readonly StringBuilder _body = new();

    public void Line(double x1, double y1, double x2, double y2, string color, bool dashed = false) =>
        _body.Append(Invariant($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{color}\"{(dashed ? " stroke-dasharray=\"4 3\"" : string.Empty)}/>\n"));

    public void Polyline(IEnumerable<(double X, double Y)> points, string color) =>
        _body.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}")))}\"/>\n"));

    public void Circle(double x, double y, double r, string color) =>
        _body.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{r:0.#}\" fill=\"{color}\"/>\n"));

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null) =>
        _body.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"{fill}\"{(stroke is null ? string.Empty : $" stroke=\"{stroke}\"")}/>\n"));

    public void Text(double x, double y, string text, int size, string anchor, bool bold = false, bool rotate = false, string color = "#000") =>
        _body.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{color}\"{(bold ? " font-weight=\"bold\"" : string.Empty)}{(rotate ? Invariant($" transform=\"rotate(-90 {x:0.#} {y:0.#})\"") : string.Empty)}>{System.Security.SecurityElement.Escape(text)}</text>\n"));

    public override string ToString() =>
        Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n") + _body + "</svg>\n";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
