using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tiering.Rules;
using Tiering.Rules.DependencyInjection;

/// <summary>45 s of partial writes, deletes, renames and editor saves under 8 deciding threads, through the DI engine.</summary>
internal static class Churn
{
    public static string Run(string rulesSource, int seconds)
    {
        var dir = Path.Combine(Path.GetTempPath(), "churnprobe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string[] names = ["loan-five-category.yaml", "retail-aum-tier.yaml"];
        var texts = names.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(rulesSource, n)));
        foreach (var n in names) File.WriteAllText(Path.Combine(dir, n), texts[n]);

        var reference = PolicySet.LoadDirectory(dir);
        var random = new Random(23);
        var loanFields = reference.Policies.Single(p => p.Id == "loan-five-category").Fields;
        var facts = new List<(string Policy, Dictionary<string, object?> Fact, string Expected)>();
        for (var i = 0; i < 400; i++)
        {
            Dictionary<string, object?> f;
            string policy;
            if (i % 2 == 0)
            {
                policy = "loan-five-category";
                f = new();
                foreach (var field in loanFields)
                {
                    f[field.Name] = field.Type switch
                    {
                        FieldType.Boolean => random.Next(6) == 0,
                        FieldType.Integer => (decimal)random.Next(0, 400),
                        _ => field.Name.Contains("Rate") ? Math.Round((decimal)random.NextDouble(), 2) : (decimal)random.Next(0, 20_000_000),
                    };
                }
            }
            else
            {
                policy = "retail-aum-tier";
                f = new() { ["aum"] = (decimal)random.Next(0, 5_000_000) };
            }

            var d = reference.Decide(policy, f);
            facts.Add((policy, f, $"{d.Status}/{d.Grade?.Id}"));
        }

        var services = new ServiceCollection();
        services.AddTieringRules(o => { o.RulesDirectory = dir; o.ReloadOnChange = true; });
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ITieringEngine>();

        long decisions = 0, wrong = 0;
        var exceptions = new ConcurrentDictionary<string, long>();
        var wrongSamples = new ConcurrentQueue<string>();
        var stop = 0;
        var wrongSince = new long[1];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var i = t;
            while (Volatile.Read(ref stop) == 0)
            {
                var (policy, fact, expected) = facts[i % facts.Count];
                i += 8;
                try
                {
                    var d = engine.Decide(policy, fact).Decision;
                    if ($"{d.Status}/{d.Grade?.Id}" != expected)
                    {
                        Interlocked.Increment(ref wrong);
                        if (wrongSamples.Count < 5) wrongSamples.Enqueue($"{policy}: {d.Status}/{d.Grade?.Id} instead of {expected}");
                    }
                }
                catch (Exception ex)
                {
                    exceptions.AddOrUpdate(ex.GetType().Name, 1, (_, c) => c + 1);
                }

                Interlocked.Increment(ref decisions);
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());

        var ops = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var name = names[random.Next(names.Length)];
            var path = Path.Combine(dir, name);
            var text = texts[name];
            var pause = random.Next(300, 700);
            var op = random.Next(4) switch { 0 => "partial-write", 1 => "delete", 2 => "rename", _ => "editor-save" };
            ops[op] = ops.GetValueOrDefault(op) + 1;
            switch (op)
            {
                case "partial-write":
                    // Cut at a line start after the rules or rows begin: the prefix is a valid policy that has lost rules.
                    var start = Math.Max(text.IndexOf("rules:", StringComparison.Ordinal), text.IndexOf("rows:", StringComparison.Ordinal));
                    var lines = Enumerable.Range(start, text.Length - start).Where(k => text[k] == '\n').ToList();
                    var cut = lines[random.Next(lines.Count)] + 1;
                    using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
                    {
                        var bytes = System.Text.Encoding.UTF8.GetBytes(text[..cut]);
                        stream.Write(bytes);
                        stream.Flush(true);
                        Thread.Sleep(pause);
                        stream.Write(System.Text.Encoding.UTF8.GetBytes(text[cut..]));
                    }
                    break;
                case "delete":
                    File.Delete(path);
                    Thread.Sleep(pause);
                    File.WriteAllText(path, text);
                    break;
                case "rename":
                    File.Move(path, path + ".away");
                    Thread.Sleep(pause);
                    File.Move(path + ".away", path);
                    break;
                default:
                    File.Move(path, path + "~");
                    File.WriteAllText(path, text);
                    File.Delete(path + "~");
                    break;
            }

            Thread.Sleep(random.Next(100, 500));
        }

        Thread.Sleep(3000);
        Volatile.Write(ref stop, 1);
        threads.ForEach(t => t.Join());
        var summary = ($"churn {seconds} s: {string.Join(", ", ops.Select(kv => $"{kv.Value} {kv.Key}"))}; {decisions:N0} decisions on 8 threads; wrong {wrong:N0}; exceptions {(exceptions.IsEmpty ? "0" : string.Join(", ", exceptions.Select(kv => $"{kv.Key} x{kv.Value:N0}")))}; final set version {engine.Current.Version}");
        foreach (var s in wrongSamples) Console.WriteLine("  e.g. " + s);
        Directory.Delete(dir, true);
        return summary;
    }
}
