// Writes the sample data in samples/data/ from a fixed seed: every run produces the same bytes.
//
//   dotnet run --project samples/DataGenerator [-- <output directory>]
//
// loans.csv / loans.jsonl follow rules/loan-five-category.yaml, customers-aum.csv rules/retail-aum-tier.yaml and
// customers-star.csv rules/star-rating.yaml, prospects-pipeline.csv rules/sales-pipeline-grade.yaml and
// members-vip.csv rules/vip-membership.yaml, and loan-book-regulatory.csv both versions of
// rules/loan-risk-regulatory-*.yaml (LoanBook, its own seed; `-- --loan-book <count> <file>` writes only that book, of
// any size). The generator does not use the engine: it decides each record's intended
// grade itself (Loan.IntendedGrade) and prints the distribution, so the engine's answers can be checked against it.

using System.Globalization;
using System.Text;
using System.Text.Json;
using Tiering.Rules.Samples.DataGenerator;

const int Seed = 20261123;
const int JsonLinesCount = 200;
const int LoanBookSize = 5000;

if (args.Length == 3 && args[0] == "--loan-book" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var bookSize) && bookSize > 0)
{
    using var book = new StreamWriter(args[2], append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    LoanBook.WriteCsv(book, bookSize);
    return 0;
}

var repoRoot = Paths.FindRepoRoot();
string output;
if (args.Length > 0)
{
    output = Path.GetFullPath(args[0]);
}
else if (repoRoot is not null)
{
    output = Path.Combine(repoRoot, "samples", "data");
}
else
{
    Console.Error.WriteLine("error: Tiering.Rules.sln not found above the current or program directory; pass the output directory as the first argument");
    return 2;
}

if (repoRoot is not null && !Paths.FlagsMatchPolicy(repoRoot, out var problem))
{
    Console.Error.WriteLine($"error: {problem}");
    return 1;
}

Directory.CreateDirectory(output);
var rng = new Random(Seed);   // one generator, always consumed in the same order: loans, AUM customers, star customers

// Loans: CSV with every record, JSON lines with the first valid ones.
var loans = LoanGenerator.Generate(rng);
var csv = new StringBuilder();
csv.Append("id,amount,overdueDays,expectedLossRate,").AppendJoin(',', Loan.FlagNames).Append('\n');
foreach (var loan in loans)
{
    csv.Append(loan.Id).Append(',').AppendJoin(',', loan.Cells()).Append('\n');
}

Paths.Write(output, "loans.csv", csv.ToString());

var bad = loans.Where(l => l.Bad is not null).ToList();
var outOfScope = loans.Count(l => l.Bad is null && !l.InScope);
var byGrade = loans.Where(l => l.Bad is null && l.InScope).GroupBy(l => l.IntendedGrade()).ToDictionary(g => g.Key, g => g.Count());
var inScope = byGrade.Values.Sum();
Console.WriteLine($"  {loans.Count} loans: {bad.Count} invalid, {outOfScope} not_applicable (amount <= 5000000), {inScope} in scope:");
Console.WriteLine("    " + string.Join(", ", Loan.Grades.Select((g, i) =>
    $"{g} {byGrade.GetValueOrDefault(i)} ({(100.0 * byGrade.GetValueOrDefault(i) / inScope).ToString("0.0", CultureInfo.InvariantCulture)}%)")));
Console.WriteLine("    invalid on purpose: " + string.Join("; ", bad.Select(l => $"{l.Id} {l.Bad!.Why}")));

var jsonl = new StringBuilder();
var jsonLoans = loans.Where(l => l.Bad is null).Take(JsonLinesCount).ToList();
foreach (var loan in jsonLoans)
{
    jsonl.Append(Text.JsonLine(loan)).Append('\n');
}

Paths.Write(output, "loans.jsonl", jsonl.ToString());
Console.WriteLine($"  {jsonLoans.Count} loans: the first valid ones of loans.csv, {jsonLoans.Last().Id} the last");

// Customers for the two band tables.
WriteCustomers("customers-aum.csv", "aum", CustomerGenerator.AumBands, CustomerGenerator.Generate(rng, CustomerGenerator.AumBands, "C", wholePercent: 0));
WriteCustomers("customers-star.csv", "starPoints", CustomerGenerator.StarBands, CustomerGenerator.Generate(rng, CustomerGenerator.StarBands, "S", wholePercent: 60));

// Sales prospects and shop members, from a second seeded generator so the files above stay byte-identical.
var prospectsRng = new Random(Seed + 1);
Paths.Write(output, "prospects-pipeline.csv", Prospects.PipelineCsv(prospectsRng, 500));
Paths.Write(output, "members-vip.csv", Prospects.MembersCsv(prospectsRng, 500));
Console.WriteLine("  500 prospects (prospects-pipeline.csv, one invalid on purpose), 500 members (members-vip.csv)");

// The regulatory loan book (both versions of loan-risk-regulatory), from its own seed.
var bookText = new StringWriter();
LoanBook.WriteCsv(bookText, LoanBookSize);
Paths.Write(output, "loan-book-regulatory.csv", bookText.ToString());
Console.WriteLine($"  {LoanBookSize} loans (loan-book-regulatory.csv, 5 invalid on purpose; distributions in LoanBook.cs)");
return 0;

void WriteCustomers(string file, string field, Band[] bands, List<Customer> customers)
{
    var text = new StringBuilder().Append("id,").Append(field).Append('\n');
    foreach (var customer in customers)
    {
        text.Append(customer.Id).Append(',').Append(Text.Money(customer.Cents)).Append('\n');
    }

    Paths.Write(output, file, text.ToString());
    Console.WriteLine($"  {customers.Count} customers: " + string.Join(", ", bands.Select(b => $"{b.Grade} {customers.Count(c => c.Grade == b.Grade)}")));
}

/// <summary>Invariant-culture text for the generated values; numbers never use exponents or group separators.</summary>
internal static class Text
{
    /// <summary>Cents as a decimal amount: whole amounts without decimals (5000000), others with two (999.99).</summary>
    public static string Money(long cents) =>
        cents % 100 == 0
            ? (cents / 100).ToString(CultureInfo.InvariantCulture)
            : (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Basis points as a rate with two to four decimals: 0.00, 0.0001, 0.30, 1.00.</summary>
    public static string Rate(int basisPoints) => (basisPoints / 10_000m).ToString("0.00##", CultureInfo.InvariantCulture);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>One loan as a JSON object: id a string, numbers JSON numbers (same digits as the CSV), flags JSON booleans.</summary>
    public static string JsonLine(Loan loan)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", loan.Id);
            json.WriteNumber("amount", decimal.Parse(Money(loan.AmountCents), CultureInfo.InvariantCulture));
            json.WriteNumber("overdueDays", loan.OverdueDays);
            json.WriteNumber("expectedLossRate", decimal.Parse(Rate(loan.LossRateBp), CultureInfo.InvariantCulture));
            for (var i = 0; i < Loan.FlagNames.Length; i++)
            {
                json.WriteBoolean(Loan.FlagNames[i], loan.Flags[i]);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>A Fisher–Yates shuffle written out, so the order depends only on the seeded <see cref="Random"/> sequence.</summary>
internal static class Shuffle
{
    public static void InPlace<T>(Random rng, List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

internal static class Paths
{
    /// <summary>The directory holding Tiering.Rules.sln, searched upwards from the current directory, then from the program's.</summary>
    public static string? FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>Checks that every flag column is a field of the shipped loan policy (when the policy file is there).</summary>
    public static bool FlagsMatchPolicy(string repoRoot, out string problem)
    {
        var policy = Path.Combine(repoRoot, "rules", "loan-five-category.yaml");
        problem = string.Empty;
        if (!File.Exists(policy))
        {
            return true;
        }

        var text = File.ReadAllText(policy);
        var unknown = Loan.FlagNames.Where(f => !text.Contains($"\n  {f}:", StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            problem = $"{policy} declares no field {string.Join(", ", unknown)}; update Loan.FlagNames";
        }

        return unknown.Count == 0;
    }

    /// <summary>Writes UTF-8 without a byte-order mark, with \n line ends on every platform.</summary>
    public static void Write(string directory, string file, string text)
    {
        var path = Path.Combine(directory, file);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }
}
