using System.Globalization;
using CsCheck;
using Tiering.Rules.Tests.Analysis;
using Tiering.Rules.Tests.Support;
using Xunit.Abstractions;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>
/// The loader fuzz of issue 23 (item 7): generated policies (every hit policy, bands, scorecards), damaged the way
/// authors and tools damage files and salted with the inputs issue 23 found (range-end and over-long numbers, long
/// names, a byte order mark, U+0085, bidirectional controls, no-break spaces, decomposed letters), plus the range-end
/// policies of <see cref="RangeEndTests"/>. Whatever the input, <c>PolicyLoader.LoadSources</c> never throws, an error
/// has a position inside the file, and a set that loads decides its facts without throwing. A few seconds per run;
/// <c>TIERING_FUZZ=100000</c> (and <c>TIERING_FUZZ_SEED</c>) for the long run, whose last figures are in
/// docs/FUZZING.md.
/// </summary>
public sealed class LoaderFuzzTests(ITestOutputHelper output)
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("TIERING_FUZZ"), out var n) ? n : 1_500;

    private static readonly string[] Salt =
    [
        "79228162514264337593543950335", "-79228162514264337593543950335", "79228162514264337593543950336",
        "0.00000000000000000000000000001", "1234567890.1234567890123456789", new string('g', 300), "\uFEFF", "\u0085",
        "\u202E", "\u00A0", "e\u0301", "\u2028", "! ", "\0", "\"\\u202E\"", "1e400",
    ];

    [Fact]
    public void LoadSources_FuzzedPolicies_NeverThrowAndFailOnlyWithPositionedErrors()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("TIERING_FUZZ_SEED"), out var s) ? s : 20_261_203UL;
        var pcg = new PCG(23, seed);
        var random = new Random((int)seed);
        int loaded = 0, rejected = 0, decided = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var text = (i % 4) switch
            {
                0 => RangeEndTests.RangeEndPolicy(random),
                1 => PolicyGenerator.Instance.Generate(pcg, null, out _).Yaml,
                2 => PolicyDamage.Apply(PolicyGenerator.Instance.Generate(pcg, null, out _).Yaml, random, PolicyDamage.AuthorTypos).Text,
                _ => Salted(PolicyGenerator.Instance.Generate(pcg, null, out _).Yaml, random),
            };
            var because = $"seed {seed}, iteration {i}:\n{text}";

            PolicyLoadResult result = null!;
            var load = () => result = PolicyLoader.LoadSources([new PolicySource("fuzz.yaml", text)]);
            load.Should().NotThrow(because);
            if (result.PolicySet is { } set)
            {
                loaded++;
                foreach (var policy in set.Policies)
                {
                    var fact = policy.Fields.ToDictionary(f => f.Name, f => (object?)(f.Type == FieldType.Boolean ? true : f.Type == FieldType.Integer || f.Type == FieldType.Decimal ? 1m : f.Values.FirstOrDefault() ?? "x"));
                    var decide = () => set.Decide(policy.Id, fact, new DateOnly(2024, 1, 1));
                    decide.Should().NotThrow(because);
                    decided++;
                }

                continue;
            }

            rejected++;
            var lines = text.Split('\n').Length;
            foreach (var error in result.Errors)
            {
                error.Span.Start.Line.Should().BeInRange(1, lines + 1, $"{because}\n{error}");
                error.Span.Start.Column.Should().BePositive($"{because}\n{error}");
            }
        }

        output.WriteLine($"{Iterations} fuzzed policies (seed {seed}): {loaded} loaded, {rejected} rejected with positioned errors, {decided} decisions, 0 exceptions");
        loaded.Should().BePositive();
        rejected.Should().BePositive();
    }

    /// <summary>The text with one of <see cref="Salt"/> put in at a random place (or at the start, or over a number).</summary>
    private static string Salted(string text, Random random)
    {
        var salt = Salt[random.Next(Salt.Length)];
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"\b\d+(\.\d+)?\b");
        return random.Next(3) switch
        {
            0 when numbers.Count > 0 && char.IsAsciiDigit(salt[^1]) => Replace(text, numbers[random.Next(numbers.Count)], salt),
            1 => salt + text,
            _ => text.Insert(random.Next(text.Length + 1), salt),
        };

        static string Replace(string text, System.Text.RegularExpressions.Match match, string with) =>
            string.Concat(text.AsSpan(0, match.Index), with, text.AsSpan(match.Index + match.Length));
    }
}
