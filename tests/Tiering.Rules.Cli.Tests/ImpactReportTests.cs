using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tiering.Rules.Cli.Tests.Support;

namespace Tiering.Rules.Cli.Tests;

/// <summary>
/// The HTML report of `tiering impact --html` on the sample loan book, 2007 → 2023: self-contained, rendered by a real
/// headless Chromium (the DOM holds the matrix's counts; the screenshot is a picture, not a blank page), and the heat
/// map is the README's picture.
/// </summary>
public sealed partial class ImpactReportTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private static readonly string Rules = Path.Combine(Root, "rules");
    private readonly string _dir = Directory.CreateTempSubdirectory("tiering-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [BrowserFact]
    public void Report_InHeadlessChromium_TheMatrixCellsHoldTheComparisonsCounts()
    {
        var (html, matrix) = Report();

        var dom = HeadlessBrowser.Run(html, "--dump-dom");

        var cells = Cell().Matches(dom).Select(m => (From: m.Groups["from"].Value, To: m.Groups["to"].Value, Count: long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture), Text: m.Groups["text"].Value)).ToList();
        cells.Should().NotBeEmpty("the browser's DOM holds the heat map's cells");
        cells.Where(c => c.Count > 0).ToDictionary(c => (c.From, c.To), c => c.Count).Should().Equal(matrix);
        cells.Should().OnlyContain(c => c.Text == (c.Count == 0 ? "·" : c.Count.ToString("N0", CultureInfo.InvariantCulture)), "each cell shows its count");
        var tableCells = TableCell().Matches(dom).Where(m => m.Groups["count"].Value != "0").ToDictionary(m => (m.Groups["from"].Value, m.Groups["to"].Value), m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
        tableCells.Should().Equal(matrix, "the exact figures under the chart agree with it");
        dom.Should().Contain("id=\"rules-chart\"").And.Contain("R23-NPL-XBANK");
    }

    [BrowserFact]
    public void Report_InHeadlessChromium_TheScreenshotIsAPictureNotABlankPage()
    {
        var (html, _) = Report();
        var shot = Path.Combine(_dir, "report.png");

        HeadlessBrowser.Run(html, $"--screenshot={shot}", "--window-size=1200,1600");

        var png = Png.Read(File.ReadAllBytes(shot));
        png.Width.Should().Be(1200);
        var colors = new HashSet<int>();
        long inked = 0;
        var diagonalBlue = false;
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                var (r, g, b) = png[x, y];
                colors.Add((r << 16) | (g << 8) | b);
                inked += r + g + b < 720 ? 1 : 0;
                diagonalBlue |= (r, g, b) == (49, 130, 189);
            }
        }

        colors.Count.Should().BeGreaterThan(50, "a rendered report has text, a heat map and bars");
        ((double)inked / (png.Width * png.Height)).Should().BeGreaterThan(0.05, "the page is not blank");
        diagonalBlue.Should().BeTrue("the heat map's largest unchanged cell is drawn in full blue (#3182bd)");
    }

    [Fact]
    public void Report_IsOneSelfContainedFile()
    {
        var (html, _) = Report();

        var text = File.ReadAllText(html);

        text.Should().StartWith("<!DOCTYPE html>").And.Contain("<svg").And.Contain("id=\"matrix\"").And.Contain("id=\"examples\"").And.Contain("id=\"invalid\"");
        text.Should().NotContainAny(["<script", "<link", "<img", "@import", "url("]);
        Regex.Matches(text, "https?://[^\"' ]+").Select(m => m.Value).Distinct().Should().Equal(["http://www.w3.org/2000/svg"], "nothing is fetched from anywhere");
    }

    [Fact]
    public void ReadmePicture_IsTheHeatMapOfTheSampleBook()
    {
        var (html, _) = Report();
        var text = File.ReadAllText(html);
        var start = text.IndexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"matrix-map\"", StringComparison.Ordinal);
        var svg = text[start..(text.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length)] + "\n";
        var picture = Path.Combine(Root, "docs", "images", "impact-2007-2023.svg");

        if (Environment.GetEnvironmentVariable("TIERING_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(picture)!);
            File.WriteAllText(picture, svg);
        }

        File.ReadAllText(picture).ReplaceLineEndings("\n").Should().Be(svg, "regenerate with TIERING_UPDATE_GOLDEN=1 when the report changes on purpose");
        File.ReadAllText(Path.Combine(Root, "README.md")).Should().Contain("docs/images/impact-2007-2023.svg");
    }

    /// <summary>Writes the report of the README's command and returns it with the matrix of its --json.</summary>
    private (string Html, Dictionary<(string, string), long> Matrix) Report()
    {
        var html = Path.Combine(_dir, "report.html");
        var json = Path.Combine(_dir, "report.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(
            ["impact", "--policy", "loan-risk-regulatory", "--input", Path.Combine(Root, "samples", "data", "loan-book-regulatory.csv"), "--before", Rules, "--before-as-of", "2023-06-30",
                "--after", Rules, "--after-as-of", "2023-07-01", "--weight", "balance", "--id-field", "id", "--html", html, "--json", json],
            stdout,
            stderr,
            new StringReader(string.Empty));
        exit.Should().Be(0, stderr.ToString());
        var matrix = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("matrix").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("from").GetString()!, c.GetProperty("to").GetString()!), c => c.GetProperty("count").GetInt64());
        return (html, matrix);
    }

    [GeneratedRegex("""<g class="cell" data-from="(?<from>[^"]*)" data-to="(?<to>[^"]*)" data-count="(?<count>\d+)"><rect[^>]*>(?:</rect>)?<text[^>]*>(?<text>[^<]*)</text></g>""")]
    private static partial Regex Cell();

    [GeneratedRegex("""<td data-from="(?<from>[^"]*)" data-to="(?<to>[^"]*)" data-count="(?<count>\d+)["]""")]
    private static partial Regex TableCell();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
