// Issue 23's probes, each meant to run in a fresh process so that its time and memory are its own:
//   dotnet run -c Release --project docs/probes -- <mode> [arguments]   (from the repository root)
// modes: overflow <n> | nearmiss <kb> | gradename | firstrules <n> | bands <n> | doubles | small | shippedsteps |
//        churn <rules-dir> <seconds>
// Set STEPS=<n> to give firstrules/bands another analysis budget, WARM=1 to time gradename after a warm-up load.
// The figures they gave are in docs/FUZZING.md.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tiering.Rules;

var mode = args[0];
var sw = Stopwatch.StartNew();
long alloc0 = GC.GetTotalAllocatedBytes(true);
string result = mode switch
{
    "overflow" => Overflow(int.Parse(args[1])),
    "nearmiss" => NearMiss(int.Parse(args[1])),
    "gradename" => GradeName(),
    "firstrules" => FirstRules(int.Parse(args[1])),
    "doubles" => Doubles(),
    "small" => Small(),
    "shippedsteps" => ShippedSteps(),
    "bands" => Bands(int.Parse(args[1])),
    "churn" => Churn.Run(args[1], int.Parse(args[2])),
    _ => throw new ArgumentException(mode),
};
sw.Stop();
var alloc = GC.GetTotalAllocatedBytes(true) - alloc0;
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine($"{mode}: {result}; total {sw.Elapsed.TotalMilliseconds:F1} ms, allocated {alloc / 1048576.0:F1} MB, peak working set {peak / 1048576.0:F1} MB");

static string Overflow(int n)
{
    var edges = new[] { "79228162514264337593543950335", "-79228162514264337593543950335", "79228162514264337593543950334", "-79228162514264337593543950334",
        "79228162514264337593543950334.5", "7922816251426433759354395033.5", "0", "1", "-1", "0.5", "1000000000000000000000000000", "0.0000000000000000000000000001", "-0.0000000000000000000000000001" };
    var ops = new[] { ">", ">=", "<", "<=", "=", "!=" };
    var hits = new[] { "first", "unique", "worst", "best", "collect" };
    var random = new Random(42);
    int thrown = 0, ok = 0, failed = 0;
    var firstThrown = new List<string>();
    for (var i = 0; i < n; i++)
    {
        string E() => edges[random.Next(edges.Length)];
        var sb = new StringBuilder();
        var type = random.Next(2) == 0 ? "integer" : "decimal";
        var hit = hits[random.Next(hits.Length)];
        sb.Append("policy: p\nversion: \"1\"\nfields:\n");
        sb.Append($"  n: {{ type: {type}");
        if (random.Next(3) == 0) sb.Append($", min: {E()}");
        if (random.Next(3) == 0) sb.Append($", max: {E()}");
        sb.Append(" }\n  m: { type: decimal }\ngrades: [a, b, c]\n");
        sb.Append($"hitPolicy: {(random.Next(4) == 0 ? "scorecard" : hit)}\n");
        if (random.Next(3) == 0 && hit != "collect") sb.Append("default: a\n");
        if (sb.ToString().Contains("scorecard"))
        {
            sb.Append("score:\n");
            for (var r = 0; r < 2; r++) sb.Append($"  - {{ id: S{r}, when: \"n {ops[random.Next(ops.Length)]} {E()}\", points: {E()} }}\n");
            sb.Append($"grading:\n  rows:\n    - {{ from: {E()}, to: {E()}, grade: b }}\n    - {{ from: {E()}, grade: c }}\n");
        }
        else if (random.Next(3) == 0)
        {
            sb.Append($"bands:\n  on: n\n");
            if (random.Next(2) == 0) sb.Append("  below: a\n");
            sb.Append($"  rows:\n    - {{ id: B1, from: {E()}, to: {E()}, grade: b }}\n    - {{ id: B2, from: {E()}, grade: c }}\n");
        }
        else
        {
            sb.Append("rules:\n");
            var rules = random.Next(1, 4);
            for (var r = 0; r < rules; r++)
            {
                var cond = random.Next(3) switch
                {
                    0 => $"n {ops[random.Next(ops.Length)]} {E()}",
                    1 => $"n between {E()} and {E()}",
                    _ => $"n {ops[random.Next(ops.Length)]} {E()} and m {ops[random.Next(ops.Length)]} {E()}",
                };
                sb.Append($"  - {{ id: R{r}, when: \"{cond}\", then: {(r % 2 == 0 ? "b" : "c")} }}\n");
            }
        }
        try
        {
            var res = PolicyLoader.LoadSources([new PolicySource("p.yaml", sb.ToString())]);
            if (res.Succeeded) ok++; else failed++;
        }
        catch (Exception e)
        {
            thrown++;
            if (firstThrown.Count < 3) firstThrown.Add(e.GetType().Name + ": " + sb.ToString().Replace("\n", " | "));
        }
    }
    foreach (var f in firstThrown) Console.WriteLine("  threw " + f);
    return $"{n} policies: {ok} loaded, {failed} rejected with diagnostics, {thrown} threw";
}

static string NearMiss(int kb)
{
    var set = PolicySet.LoadDirectory(Environment.GetEnvironmentVariable("RULES") ?? "rules");
    // 512 long keys, each a near miss of a field ('overdueDay...' variants), padding each to reach kb KB.
    var keyLength = kb * 1024 / 512;
    var dict = new Dictionary<string, object?>();
    var json = new StringBuilder("{");
    for (var i = 0; i < 512; i++)
    {
        var key = "amount" + new string((char)('a' + i % 26), keyLength - 12) + i.ToString("D6", CultureInfo.InvariantCulture);
        dict[key] = 1m;
        json.Append(i == 0 ? "" : ",").Append('"').Append(key).Append("\":1");
    }
    json.Append('}');
    var element = JsonDocument.Parse(json.ToString()).RootElement;
    var d0 = set.Decide("loan-five-category", element);
    var times = new List<double>();
    long a0 = GC.GetTotalAllocatedBytes(true);
    for (var i = 0; i < 5; i++)
    {
        var t = Stopwatch.StartNew();
        var d = set.Decide("loan-five-category", element);
        times.Add(t.Elapsed.TotalMilliseconds);
        if (d.Status != DecisionStatus.Invalid) throw new Exception("expected invalid");
    }
    var per = (GC.GetTotalAllocatedBytes(true) - a0) / 5;
    return $"{json.Length / 1024} KB JSON fact, 512 keys: {times.Min():F2} ms min / {times.Average():F2} ms mean per decision, {per / 1048576.0:F2} MB allocated per decision; first errors: {d0.Errors[0].Message[..Math.Min(120, d0.Errors[0].Message.Length)]}";
}

static string GradeName()
{
    var name = new string('g', 50_000);
    var near = new string('g', 49_999) + "h";
    var text = $"policy: p\nversion: \"1\"\nfields:\n  n: {{ type: integer }}\ngrades: [a, {name}]\nhitPolicy: first\ndefault: a\nrules:\n  - {{ id: R1, when: \"n > 1\", then: {near} }}\n";
    if (Environment.GetEnvironmentVariable("WARM") == "1")
    {
        PolicyLoader.LoadSources([new PolicySource("w.yaml", text.Replace(name, "g").Replace(near, "h"))]);
    }
    var t = Stopwatch.StartNew();
    var res = PolicyLoader.LoadSources([new PolicySource("p.yaml", text)]);
    return $"{text.Length / 1024} KB policy: succeeded={res.Succeeded} in {t.Elapsed.TotalMilliseconds:F1} ms; {string.Join(" / ", res.Errors.Take(2).Select(e => e.Code + " " + e.Message[..Math.Min(80, e.Message.Length)]))}";
}

static string FirstRules(int n)
{
    var sb = new StringBuilder("policy: p\nversion: \"1\"\nfields:\n  n: { type: integer }\n  m: { type: integer }\ngrades: [a, b]\nhitPolicy: first\ndefault: a\nrules:\n");
    for (var i = 0; i < n; i++) sb.Append($"  - {{ id: R{i}, when: \"n between {i} and {i + n / 2} and m between {(i * 7919) % n} and {(i * 7919) % n + n / 2}\", then: b }}\n");
    var limits = Environment.GetEnvironmentVariable("STEPS") is { } st ? LoadLimits.Default with { MaxAnalysisSteps = long.Parse(st) } : null;
    var t = Stopwatch.StartNew();
    var res = PolicyLoader.LoadSources([new PolicySource("p.yaml", sb.ToString())], limits);
    return $"{n} overlapping first rules: succeeded={res.Succeeded} in {t.Elapsed.TotalMilliseconds:F1} ms; findings {string.Join(",", res.Diagnostics.GroupBy(d => d.Code).Select(g => g.Key + "x" + g.Count()))}";
}

static string Doubles()
{
    var set = PolicySet.LoadDirectory(Environment.GetEnvironmentVariable("RULES") ?? "rules");
    var a = set.Decide("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = 49999.999999999993 });
    var b = set.Decide("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = 7.92e28 });
    var c = set.Decide("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = 1e30 });
    return $"aum=49999.999999999993 → {a.Status}/{a.Grade?.Id}; 7.92e28 → {b.Status}/{b.Grade?.Id} {string.Join(";", b.Errors.Select(e => e.Message))}; 1e30 → {c.Status} {string.Join(";", c.Errors.Select(e => e.Message))}";
}

static string Small()
{
    var r = new List<string>();
    var basic = "policy: p\nversion: \"1\"\nfields:\n  n: { type: integer, min: 0 }\ngrades: [a, b]\nhitPolicy: first\ndefault: a\nrules:\n  - { id: R1, when: \"n > 1\", then: b }\n";
    void Try(string label, string text)
    {
        try
        {
            var res = PolicyLoader.LoadSources([new PolicySource("p.yaml", text)]);
            r.Add($"{label}: {(res.Succeeded ? "loaded" : "rejected")} {string.Join(" / ", res.Errors.Take(1).Select(e => e.ToString()))}");
        }
        catch (Exception e) { r.Add($"{label}: threw {e.GetType().Name}"); }
    }
    Try("BOM", "\uFEFF" + basic);
    Try("U+0085", basic.Replace("grades: [a, b]", "grades: [a, b] # x\u0085y"));
    Try("tag !", basic.Replace("min: 0", "min: ! 0"));
    Try("NFD key", basic.Replace("grades: [a, b]", "grades: [{ id: a, outputs: { caf\u00e9: 1, cafe\u0301: 2 } }, b]"));
    Try("RLO literal", basic.Replace("n > 1", "n > 1 and 'a\u202Eb' = 'x'"));
    Try("NBSP", basic.Replace("n > 1", "n\u00A0> 1"));
    Try("escaped RLO", basic.Replace("{ id: R1, when: \"n > 1\", then: b }", "{ id: R1, when: \"n > 1 and 'a\\u202Eb' = 'x'\", then: b }"));
    Try("NUL escape", basic.Replace("grades: [a, b]", "grades: [a, \"b\\0\"]"));
    Try("LSEP", basic.Replace("grades: [a, b]", "grades: [a, b] # x\u2028y"));
    return string.Join("\n  ", r);
}

static string ShippedSteps()
{
    var sources = PolicyLoader.PolicyFiles("rules").Select(p => PolicyLoader.ReadFile(p)!).ToList();
    long lo = 1, hi = 2_000_000;
    while (lo < hi)
    {
        var mid = (lo + hi) / 2;
        var res = PolicyLoader.LoadSources(sources, LoadLimits.Default with { MaxAnalysisSteps = mid });
        if (res.Diagnostics.Any(d => d.Code == "TR4012")) lo = mid + 1; else hi = mid;
    }
    return $"shipped policies need {lo} analysis steps (the most any one policy uses)";
}

static string Bands(int n)
{
    var sb = new StringBuilder("policy: p\nversion: \"1\"\nfields:\n  n: { type: decimal, min: 0 }\ngrades: [a, b]\nhitPolicy: first\nbands:\n  on: n\n  rows:\n");
    for (var i = 0; i < n; i++) sb.Append($"    - {{ id: B{i}, from: {i * 10}, to: {i * 10 + 10}, grade: b }}\n");
    sb.Append($"    - {{ id: BLast, from: {n * 10}, grade: a }}\n");
    var limits = Environment.GetEnvironmentVariable("STEPS") is { } st ? LoadLimits.Default with { MaxAnalysisSteps = long.Parse(st) } : null;
    var t = Stopwatch.StartNew();
    var res = PolicyLoader.LoadSources([new PolicySource("p.yaml", sb.ToString())], limits);
    return $"{n} band rows: succeeded={res.Succeeded} in {t.Elapsed.TotalMilliseconds:F1} ms; findings {string.Join(",", res.Diagnostics.GroupBy(d => d.Code).Select(g => g.Key + "x" + g.Count()))}";
}
