using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tiering.Rules.Cli.Input;
using Tiering.Rules.Cli.Output;
using Tiering.Rules.Text;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering classify --rules &lt;dir&gt; --policy &lt;id&gt; [--as-of &lt;date&gt;] --input &lt;file.csv|file.jsonl|-&gt;</c>:
/// one JSON object per record, in input order; records read = records written. A record that is invalid or cannot
/// be read is data: the run goes on and exits 0. A whole-run mistake (a header that does not match the policy, a
/// versioned policy without <c>--as-of</c>, input that does not decode) exits 2 with one line; Ctrl-C or SIGTERM stop at
/// a record boundary with the summary (exit 130 or 143). <c>--output</c> appears only when the run completes.
/// </summary>
internal static class ClassifyCommand
{
    /// <summary>Inputs smaller than this finish before a progress bar would be useful.</summary>
    private const long ProgressThresholdBytes = 1 << 20;

    public static Command Create(TextWriter stdout, TextWriter stderr, Stream stdin, Interrupt interrupt)
    {
        var rules = new Option<string>("--rules") { Description = "The rules directory.", Required = true };
        var policy = new Option<string>("--policy") { Description = "The policy id, e.g. loan-five-category.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The date the decisions are for (yyyy-mm-dd); picks the effective policy version (required when the policy has several)." };
        var input = new Option<string>("--input") { Description = "Facts as CSV with a header row, JSON lines, or '-' for standard input.", Required = true };
        var format = new Option<string>("--format") { Description = "Input format: auto (by file extension or first character), csv or jsonl.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "csv", "jsonl");
        var encoding = new Option<string?>("--encoding") { Description = "Input encoding: utf-8 (the default unless a byte order mark says otherwise), gb18030, gbk or utf-16." };
        encoding.AcceptOnlyFromAmong(InputEncoding.Names);
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON lines to this file (it appears only when the run completes) instead of standard output." };
        var idField = new Option<string?>("--id-field") { Description = "Copy this input column/property into each result as \"id\"." };
        var ignoreColumns = new Option<string[]>("--ignore-columns")
        {
            Description = "Input columns that are not fields of the policy and are expected (no warning); comma-separated or repeated.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var summaryJson = new Option<string?>("--summary-json") { Description = "Also write the run's summary (records in and out, by status and grade, elapsed) as JSON to this file." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show a progress bar on stderr (it is shown only when stderr is a terminal)." };
        var engine = Engine.Option();
        var sorted = new Option<bool>("--sorted") { Description = "For a group policy: the input is sorted by the group key (ascending, ordinal), so each group is decided as soon as the next starts, with memory bounded by the largest group; a key out of order is an error." };
        var command = new Command("classify", "Decide every fact in the input and write one JSON object per fact (for a group policy: per fact in input order, or per group in order of first appearance).")
        {
            rules, policy, asOf, input, format, encoding, output, idField, ignoreColumns, summaryJson, noProgress, engine, sorted,
        };
        command.SetAction(parse => Run(
            new Settings(
                parse.GetValue(rules)!,
                parse.GetValue(policy)!,
                parse.GetValue(asOf),
                parse.GetValue(input)!,
                parse.GetValue(format)!,
                parse.GetValue(encoding),
                parse.GetValue(output),
                parse.GetValue(idField),
                [.. (parse.GetValue(ignoreColumns) ?? []).SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                parse.GetValue(summaryJson),
                parse.GetValue(noProgress),
                parse.GetValue(engine)!) { Sorted = parse.GetValue(sorted) },
            stdout,
            stderr,
            stdin,
            interrupt));
        return command;
    }

    private sealed record Settings(
        string Rules, string Policy, string? AsOf, string Input, string Format, string? Encoding, string? Output, string? IdField,
        string[] IgnoreColumns, string? SummaryJson, bool NoProgress, string Engine)
    {
        /// <summary>For a group policy: the input is sorted by the group key (<c>--sorted</c>).</summary>
        public bool Sorted { get; init; }
    }

    private static int Run(Settings settings, TextWriter stdout, TextWriter stderr, Stream stdin, Interrupt interrupt)
    {
        DateOnly? asOf = null;
        if (settings.AsOf is not null)
        {
            if (!DateOnly.TryParseExact(settings.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                stderr.WriteLine($"error: --as-of '{settings.AsOf}' is not a date (yyyy-mm-dd)");
                return CliApp.Usage;
            }

            asOf = date;
        }

        var load = PolicyLoader.LoadDirectory(settings.Rules);
        if (load.PolicySet is not { } set)
        {
            foreach (var diagnostic in load.Diagnostics)
            {
                stderr.WriteLine(diagnostic);
            }

            stderr.WriteLine($"error: the policies in '{settings.Rules}' did not load");
            return CliApp.PoliciesFailed;
        }

        if (!set.Contains(settings.Policy))
        {
            stderr.WriteLine($"error: {Suggestions.UnknownPolicy(settings.Policy, set.Policies.Select(p => p.Id), settings.Rules)}");
            return CliApp.Usage;
        }

        if (PolicyVersions.Choose(set, settings.Policy, asOf, out var versionError) is not { } chosen)
        {
            stderr.WriteLine($"error: {versionError}");
            return CliApp.Usage;
        }

        if (Engine.Create(settings.Engine, set, stderr) is not { } engine)
        {
            return CliApp.Usage;
        }

        var isGroup = set.IsGroupPolicy(settings.Policy);
        if (settings.Sorted && !isGroup)
        {
            stderr.WriteLine($"error: --sorted is for group policies (a 'group:' section); '{settings.Policy}' decides each fact alone");
            return CliApp.Usage;
        }

        // A group policy's members are decided by the policies it reads too (a loan book's regulatory fields), so its
        // records are read by its fields and then by those policies' (as of the same date), each name once.
        var fields = isGroup ? ChainFields(set, chosen, asOf) : chosen.Fields;

        var inputName = settings.Input == "-" ? "standard input" : settings.Input;
        Stream inputStream;
        try
        {
            inputStream = settings.Input == "-" ? stdin : File.OpenRead(settings.Input);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read --input '{settings.Input}': {ex.Message}");
            return CliApp.Usage;
        }

        RecordReader reader;
        try
        {
            reader = RecordReader.Open(
                inputStream,
                settings.Format switch { "csv" => RecordFormat.Csv, "jsonl" => RecordFormat.JsonLines, _ => null },
                settings.Input == "-" ? null : settings.Input,
                new RecordReaderOptions
                {
                    Fields = fields,
                    FieldsOwner = $"policy '{chosen.Id}'",
                    IdField = settings.IdField,
                    IgnoredColumns = settings.IgnoreColumns,
                    Encoding = settings.Encoding,
                    Warn = stderr.WriteLine,
                },
                leaveOpen: ReferenceEquals(inputStream, stdin));
        }
        catch (InputException ex)
        {
            if (!ReferenceEquals(inputStream, stdin))
            {
                inputStream.Dispose();
            }

            stderr.WriteLine($"error: {inputName}: {ex.Message}");
            return CliApp.Usage;
        }

        using (reader)
        {
            OutputTarget target;
            try
            {
                target = OutputTarget.Open(settings.Output, stdout);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write --output '{settings.Output}': {ex.Message}");
                return CliApp.Usage;
            }

            var summary = new RunSummary(chosen);
            using (target)
            {
                string? failure = null;
                using (var json = new DecisionJson(target.Stream, target.Writer, set.Policies))
                {
                    try
                    {
                        Classify(engine, chosen, asOf, settings, reader, json, summary, interrupt, stderr);
                    }
                    catch (InputException ex)
                    {
                        failure = ex.Message;
                    }
                    catch (InvalidDataException ex)
                    {
                        // --sorted input out of order: a whole-run mistake, said loudly (the decisions written before it stand).
                        stderr.WriteLine($"error: {ex.Message}");
                        (summary.Outcome, summary.Reason, summary.ExitCode) = ("failed", ex.Message, CliApp.PoliciesFailed);
                    }

                    summary.Read = reader.RecordsRead;
                    summary.Written = json.Written;
                }

                if (summary.Outcome == "failed")
                {
                    // already said
                }
                else if (failure is not null)
                {
                    stderr.WriteLine($"error: {inputName}: {failure}");
                    (summary.Outcome, summary.Reason, summary.ExitCode) = ("failed", failure, CliApp.Usage);
                }
                else if (interrupt.Requested)
                {
                    (summary.Outcome, summary.Reason, summary.ExitCode) = ("interrupted", interrupt.Signal, interrupt.ExitCode);
                }
                else
                {
                    try
                    {
                        target.Commit();
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        stderr.WriteLine($"error: cannot write --output '{settings.Output}': {ex.Message}");
                        (summary.Outcome, summary.Reason, summary.ExitCode) = ("failed", ex.Message, CliApp.Usage);
                    }
                }

                if (summary.Outcome != "completed" && settings.Output is not null)
                {
                    stderr.WriteLine($"note: --output '{settings.Output}' was not written: the run did not complete");
                }
            }

            summary.WriteTable(stderr);
            if (settings.SummaryJson is not null)
            {
                try
                {
                    summary.WriteJson(settings.SummaryJson);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"error: cannot write --summary-json '{settings.SummaryJson}': {ex.Message}");
                    return summary.ExitCode == CliApp.Ok ? CliApp.Usage : summary.ExitCode;
                }
            }

            return summary.ExitCode;
        }
    }

    private static void Classify(
        IPolicyEngine engine, PolicyInfo chosen, DateOnly? asOf, Settings settings, RecordReader reader, DecisionJson json, RunSummary summary, Interrupt interrupt, TextWriter stderr)
    {
        var includeId = settings.IdField is not null;
        var stream = reader.BaseStream;
        var showProgress = !settings.NoProgress && !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error)
            && stream is { CanSeek: true } && stream.Length >= ProgressThresholdBytes;

        void Loop(Action? tick)
        {
            if (settings.Sorted || engine.PolicySet.IsGroupPolicy(chosen.Id))
            {
                ClassifyGroups(engine, chosen, asOf, settings, reader, json, summary, interrupt, tick, stderr);
                return;
            }

            while (!interrupt.Requested && reader.Read() is { } record)
            {
                if (record.IsReadable)
                {
                    var decision = engine.Decide(chosen.Id, record.Fact, asOf);
                    summary.Count(decision);
                    json.Write(decision, record.Id, includeId);
                }
                else
                {
                    summary.CountUnreadable();
                    json.WriteUnreadable(chosen.Id, chosen.Version, record.Id, includeId, record.Errors.Select(e => (e.Field, e.Message)));
                }

                tick?.Invoke();
            }
        }

        if (!showProgress)
        {
            Loop(null);
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var length = stream.Length;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RecordRateColumn(() => reader.RecordsRead), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("classifying", maxValue: length);
                Loop(() => task.Value = stream.Position);
                task.Value = interrupt.Requested ? task.Value : length;
                task.StopTask();
            });
    }

    /// <summary>The fields of a policy and of every policy it reads, transitively, the policy's own first, each name once.</summary>
    private static IReadOnlyList<PolicyFieldInfo> ChainFields(PolicySet set, PolicyInfo chosen, DateOnly? asOf)
    {
        var fields = new List<PolicyFieldInfo>(chosen.Fields);
        var seen = new HashSet<string>(StringComparer.Ordinal) { chosen.Id };
        var pending = new Queue<string>(chosen.Reads);
        while (pending.TryDequeue(out var id))
        {
            if (!seen.Add(id) || PolicyVersions.Choose(set, id, asOf, out _) is not { } other)
            {
                continue;
            }

            fields.AddRange(other.Fields.Where(f => fields.All(known => known.Name != f.Name)));
            foreach (var next in other.Reads)
            {
                pending.Enqueue(next);
            }
        }

        return fields;
    }

    /// <summary>
    /// A group policy: the records go to the engine as one portfolio (or, with --sorted, group by group). A policy that
    /// decides each member gives one decision per record in input order (an unreadable record's line at its place); one
    /// that decides each group gives one per group in order of first appearance (an unreadable record's line as it is read).
    /// </summary>
    private static void ClassifyGroups(
        IPolicyEngine engine, PolicyInfo chosen, DateOnly? asOf, Settings settings, RecordReader reader, DecisionJson json, RunSummary summary, Interrupt interrupt, Action? tick, TextWriter stderr)
    {
        var includeId = settings.IdField is not null;
        var decidesMembers = !chosen.DecidesEachGroup;
        var ids = new Queue<string?>();
        var unreadable = new Queue<(int Before, InputRecord Record)>();
        var read = 0;
        var written = 0;

        IEnumerable<object> Facts()
        {
            while (!interrupt.Requested && reader.Read() is { } record)
            {
                tick?.Invoke();
                if (!record.IsReadable)
                {
                    if (decidesMembers)
                    {
                        unreadable.Enqueue((read, record));
                    }
                    else
                    {
                        WriteUnreadable(record);
                    }

                    continue;
                }

                read++;
                if (decidesMembers)
                {
                    ids.Enqueue(record.Id);
                }

                yield return record.Fact;
            }
        }

        void WriteUnreadable(InputRecord record)
        {
            summary.CountUnreadable();
            json.WriteUnreadable(chosen.Id, chosen.Version, record.Id, includeId, record.Errors.Select(e => (e.Field, e.Message)));
        }

        // Every key gets exactly one group decision; the other lines are invalid or unreadable records.
        var keys = decidesMembers ? null : new HashSet<string>(StringComparer.Ordinal);

        void Write(Decision decision)
        {
            if (decision.Group is { } group)
            {
                keys?.Add(group.Key);
            }

            while (decidesMembers && unreadable.Count > 0 && unreadable.Peek().Before <= written)
            {
                WriteUnreadable(unreadable.Dequeue().Record);
            }

            written++;
            summary.Count(decision);
            json.Write(decision, decidesMembers ? ids.Dequeue() : null, includeId && decidesMembers);
        }

        engine.DecidePortfolio(chosen.Id, Facts(), Write, asOf, settings.Sorted);
        while (unreadable.Count > 0)
        {
            WriteUnreadable(unreadable.Dequeue().Record);
        }

        if (!decidesMembers)
        {
            // Records read and lines written differ by design here: say how they add up.
            stderr.WriteLine($"note: policy '{chosen.Id}' decides each group ({string.Join(", ", chosen.GroupBy)}): {keys!.Count} group decision(s) and {json.Written - keys.Count} line(s) for invalid or unreadable records, from {reader.RecordsRead} record(s) read");
        }
    }
}
