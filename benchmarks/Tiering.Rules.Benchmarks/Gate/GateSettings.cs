using System.Globalization;
using System.Text.Json;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// The CI gate's committed settings, <c>benchmarks/ci-gate.json</c>: the job (launches, warm-up and measured iterations)
/// and the gated rows with their thresholds. Every key is required; a missing or ill-typed one is an error naming it.
/// </summary>
internal sealed record GateSettings(int LaunchCount, int WarmupCount, int IterationCount, IReadOnlyList<GateThreshold> Rows)
{
    /// <summary>The file's path relative to the repository root.</summary>
    public const string RelativePath = "benchmarks/ci-gate.json";

    /// <summary>Reads and checks the settings file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON, or a key is missing, ill-typed or out of range.</exception>
    public static GateSettings Load(string path)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var job = Member(path, root, "job", JsonValueKind.Object);
            var rows = new List<GateThreshold>();
            var index = 0;
            foreach (var row in Member(path, root, "rows", JsonValueKind.Array).EnumerateArray())
            {
                var where = $"rows[{index.ToString(CultureInfo.InvariantCulture)}]";
                rows.Add(new GateThreshold(
                    Member(path, row, "class", JsonValueKind.String, where).GetString()!,
                    Member(path, row, "method", JsonValueKind.String, where).GetString()!,
                    Positive(path, Member(path, row, "maxRatio", JsonValueKind.Number, where).GetDouble(), where + ".maxRatio"),
                    Member(path, row, "maxAllocatedBytesPerOp", JsonValueKind.Number, where).GetInt64()));
                index++;
            }

            if (rows.Count == 0)
            {
                throw new InvalidDataException($"{path}: 'rows' is empty: the gate would time nothing");
            }

            var duplicate = rows.GroupBy(r => (r.Class, r.Method)).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidDataException($"{path}: {duplicate.Key.Class}.{duplicate.Key.Method} is listed twice");
            }

            return new GateSettings(
                (int)Positive(path, Member(path, job, "launchCount", JsonValueKind.Number, "job").GetInt32(), "job.launchCount"),
                Member(path, job, "warmupCount", JsonValueKind.Number, "job").GetInt32(),
                (int)Positive(path, Member(path, job, "iterationCount", JsonValueKind.Number, "job").GetInt32(), "job.iterationCount"),
                rows);
        }
    }

    private static JsonElement Member(string path, JsonElement parent, string name, JsonValueKind kind, string? where = null)
    {
        var at = where is null ? $"'{name}'" : $"'{where}.{name}'";
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new InvalidDataException($"{path}: {at} is missing");
        }

        return value.ValueKind == kind ? value : throw new InvalidDataException($"{path}: {at} must be a JSON {kind.ToString().ToLowerInvariant()}, not {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    private static double Positive(string path, double value, string name) =>
        value > 0 ? value : throw new InvalidDataException($"{path}: '{name}' must be greater than 0");
}
