using System.Text.Json;

namespace Tiering.Rules.Cli.Tests.Commands;

/// <summary>`tiering impact` reads its book as classify does (Input/RecordReader): strictly, with the weight column kept.</summary>
public sealed class ImpactInputTests
{
    private static readonly string Header = File.ReadLines(Path.Combine(CliRun.Root, "samples", "data", "loan-book-regulatory.csv")).First();

    private static CliRun.Result Impact(string input, string extension, params string[] more)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tiering-impact-").FullName, "book" + extension);
        File.WriteAllText(path, input);
        return CliRun.Run(string.Empty, [
            "impact", "--policy", "loan-risk-regulatory", "--input", path, "--before", CliRun.Rules, "--before-as-of", "2023-06-30",
            "--after", CliRun.Rules, "--after-as-of", "2023-07-01", .. more]);
    }

    [Fact]
    public void Impact_DuplicateHeader_IsAUsageErrorNamingTheColumns()
    {
        var run = Impact(Header + ",balance\n", ".csv");

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should().Contain("column 'balance' appears twice in the header");
    }

    [Fact]
    public void Impact_JsonLinesWeight_IsKeptExactly_AndAnUnterminatedQuoteInCsvIsOneInvalidRecord()
    {
        var lines = File.ReadLines(Path.Combine(CliRun.Root, "samples", "data", "loan-book-regulatory.csv")).Skip(1).Take(3).ToList();
        var columns = Header.Split(',');
        var json = Path.Combine(Directory.CreateTempSubdirectory("tiering-impact-").FullName, "impact.json");
        var csvJson = Path.Combine(Path.GetDirectoryName(json)!, "impact-csv.json");
        var jsonl = string.Concat(lines.Select(l => "{" + string.Join(",", columns.Zip(l.Split(',')).Select(p => $"\"{p.First}\":{Json(p.Second)}")) + "}\n"));

        var fromJson = Impact(jsonl, ".jsonl", "--weight", "balance", "--id-field", "id", "--json", json);
        var fromCsv = Impact(Header + "\n" + lines[0] + "\n\"" + lines[1] + "\n" + lines[2] + "\n", ".csv", "--weight", "balance", "--id-field", "id", "--json", csvJson);

        fromJson.Exit.Should().Be(0, fromJson.Err);
        using var result = JsonDocument.Parse(File.ReadAllText(json));
        result.RootElement.GetProperty("total").GetInt32().Should().Be(3);
        result.RootElement.GetProperty("totalWeight").GetDecimal().Should().Be(lines.Sum(l => decimal.Parse(l.Split(',')[Array.IndexOf(columns, "balance")], System.Globalization.CultureInfo.InvariantCulture)));
        fromCsv.Exit.Should().Be(0, fromCsv.Err);
        using var csvResult = JsonDocument.Parse(File.ReadAllText(csvJson));
        csvResult.RootElement.GetProperty("total").GetInt32().Should().Be(3, "the unterminated quote is one record, and the line after it is read");
    }

    private static string Json(string cell) =>
        cell.Length == 0 ? "null"
        : cell is "true" or "false" || decimal.TryParse(cell, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _) ? cell
        : JsonSerializer.Serialize(cell);
}
