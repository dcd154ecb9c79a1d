using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Tiering.Rules.Cli.Output;

/// <summary>
/// What a batch run did: records read and written, the count per status and per grade (in the policy's grade order),
/// how it ended and how long it took. Printed as a table on stderr, and written as JSON for schedulers with
/// <c>--summary-json</c>.
/// </summary>
internal sealed class RunSummary
{
    /// <summary>The statuses in the order they are reported; <c>invalid</c> includes unreadable records.</summary>
    private static readonly string[] Statuses = ["classified", "not_applicable", "unclassified", "invalid", "conflict"];

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly PolicyInfo _policy;
    private readonly Dictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly long[] _grades;
    private readonly Dictionary<string, int> _gradeIndex;

    public RunSummary(PolicyInfo policy)
    {
        _policy = policy;
        _grades = new long[policy.Grades.Count];
        _gradeIndex = policy.Grades.Select((g, i) => (g.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>Records the reader returned.</summary>
    public long Read { get; set; }

    /// <summary>Lines written.</summary>
    public long Written { get; set; }

    /// <summary>Records that could not be read (also counted as <c>invalid</c>).</summary>
    public long Unreadable { get; private set; }

    /// <summary><c>completed</c>, <c>interrupted</c> or <c>failed</c>.</summary>
    public string Outcome { get; set; } = "completed";

    /// <summary>Why the run did not complete (the signal, or the error), or null.</summary>
    public string? Reason { get; set; }

    /// <summary>The exit code the run ends with.</summary>
    public int ExitCode { get; set; }

    /// <summary>Counts one decision.</summary>
    public void Count(Decision decision)
    {
        var status = decision.Status.ToSnakeCase();
        _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        if (decision.Grade is { } grade && _gradeIndex.TryGetValue(grade.Id, out var i))
        {
            _grades[i]++;
        }
    }

    /// <summary>Counts one record that could not be read.</summary>
    public void CountUnreadable()
    {
        _statuses["invalid"] = _statuses.GetValueOrDefault("invalid") + 1;
        Unreadable++;
    }

    /// <summary>The closing table on stderr.</summary>
    public void WriteTable(TextWriter stderr)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        var table = new Table().Border(TableBorder.Rounded).AddColumn("status / grade").AddColumn(new TableColumn("records").RightAligned());
        foreach (var status in Statuses)
        {
            if (_statuses.TryGetValue(status, out var n))
            {
                table.AddRow(Markup.Escape(status + (status == "invalid" && Unreadable > 0 ? $" ({Unreadable:N0} unreadable)" : string.Empty)), Format(n));
            }
        }

        for (var i = 0; i < _grades.Length; i++)
        {
            if (_grades[i] > 0)
            {
                var grade = _policy.Grades[i];
                table.AddRow(Markup.Escape("  grade " + (grade.Label is null ? grade.Id : $"{grade.Id} ({grade.Label})")), Format(_grades[i]));
            }
        }

        table.AddRow("total", Format(Written));
        console.Write(table);
        var elapsed = _clock.Elapsed.TotalSeconds;
        var ending = Outcome switch
        {
            "interrupted" => $"interrupted by {Reason}",
            "failed" => "stopped by the error above",
            _ => "completed",
        };
        stderr.WriteLine($"records: {Read.ToString(CultureInfo.InvariantCulture)} read, {Written.ToString(CultureInfo.InvariantCulture)} written; {ending} in {elapsed.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }

    /// <summary>Writes the summary as one JSON object to <paramref name="path"/> (for schedulers).</summary>
    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("policy", _policy.Id);
        json.WriteString("version", _policy.Version);
        json.WriteString("outcome", Outcome);
        if (Reason is null)
        {
            json.WriteNull("reason");
        }
        else
        {
            json.WriteString("reason", Reason);
        }

        json.WriteNumber("exitCode", ExitCode);
        json.WriteNumber("recordsRead", Read);
        json.WriteNumber("recordsWritten", Written);
        json.WriteNumber("unreadable", Unreadable);
        json.WriteStartObject("byStatus");
        foreach (var status in Statuses)
        {
            json.WriteNumber(status, _statuses.GetValueOrDefault(status));
        }

        json.WriteEndObject();
        json.WriteStartArray("byGrade");
        for (var i = 0; i < _grades.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("grade", _policy.Grades[i].Id);
            if (_policy.Grades[i].Label is { } label)
            {
                json.WriteString("label", label);
            }

            json.WriteNumber("records", _grades[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("elapsedSeconds", Math.Round(_clock.Elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }

    private static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);
}
