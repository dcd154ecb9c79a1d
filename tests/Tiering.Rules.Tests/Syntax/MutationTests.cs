using Tiering.Rules.Diagnostics;
using Tiering.Rules.Tests.Support;
using Xunit.Abstractions;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>
/// The mistakes policy authors make, made at random: each shipped policy file is damaged the way a hurried edit
/// damages it (a character deleted or doubled, a line dropped or duplicated, indentation shifted, a bracket, quote,
/// colon or tab typed in, a number turned into text, the file cut short) and loaded together with the other shipped
/// files. Whatever the damage, the load must not throw; it either succeeds (the edit was still a valid policy) and the
/// set decides, or it fails with positioned errors, one of which points into the damaged file.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    /// <summary>Damaged loads per run; set <c>TIERING_MUTATIONS</c> for a longer search.</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("TIERING_MUTATIONS"), out var n) ? n : 400;

    [Fact]
    public void Load_DamagedShippedPolicies_NeverThrows_AndFailsOnlyWithPositionedErrors()
    {
        var sources = PolicyLoader.PolicyFiles(Repo.Rules).Select(p => new PolicySource(p, File.ReadAllText(p))).ToList();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TIERING_MUTATIONS_SEED"), out var s) ? s : 20_261_123;
        var random = new Random(seed);
        int failed = 0, succeeded = 0;
        var codes = new SortedDictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < Iterations; i++)
        {
            var target = random.Next(sources.Count);
            var original = sources[target];
            var (damaged, what) = PolicyDamage.Apply(original.Text, random, PolicyDamage.AuthorTypos);
            var set = sources.Select((source, index) => index == target ? source with { Text = damaged } : source).ToList();
            var because = $"seed {seed}, iteration {i}: {Path.GetFileName(original.Path)} {what}";

            PolicyLoadResult result = null!;
            var load = () => result = PolicyLoader.LoadSources(set);
            load.Should().NotThrow(because);

            if (result.Succeeded)
            {
                succeeded++;
                DecideEveryPolicy(result.PolicySet!, because);
                continue;
            }

            failed++;
            var lines = damaged.Split('\n').Length;
            var errors = result.Errors.ToList();
            errors.Should().NotBeEmpty(because);
            foreach (var error in errors)
            {
                codes[error.Code] = codes.GetValueOrDefault(error.Code) + 1;
                error.Message.Should().NotBeNullOrWhiteSpace(because);
                // Within the lines of the file the error is in (the damaged one, or one that refers to it, as decideWith does).
                var inFile = set.FirstOrDefault(f => f.Path == error.Span.Path) is { } file && file.Path != original.Path ? file.Text.Split('\n').Length : lines;
                error.Span.Start.Line.Should().BeInRange(1, inFile + 1, $"{because}: {error}");
                error.Span.Start.Column.Should().BePositive($"{because}: {error}");
            }

            // An error is in the damaged file, or (a conflict between two files) names it with its position.
            errors.Should().Contain(
                e => e.Span.Path == original.Path || e.Message.Contains(original.Path + ":", StringComparison.Ordinal),
                $"{because}: the damaged file is named; got {string.Join("; ", errors)}");
        }

        output.WriteLine($"{Iterations} damaged loads: {failed} failed with errors, {succeeded} still valid; codes: "
            + string.Join(", ", codes.Select(c => $"{c.Key} x{c.Value}")));
        failed.Should().BeGreaterThan(Iterations / 2, "most damage must be caught, or the mutations are too timid to test anything");
        codes.Keys.Should().Contain(code => code.StartsWith("TR1", StringComparison.Ordinal), "some damage breaks the YAML itself");
        codes.Keys.Should().Contain(code => code.StartsWith("TR3", StringComparison.Ordinal), "some damage leaves YAML that is not a policy");
    }

    /// <summary>A policy that still loads must still decide: an empty fact and a fact of zeros, without throwing.</summary>
    private static void DecideEveryPolicy(PolicySet set, string because)
    {
        foreach (var policy in set.Policies)
        {
            var decide = () =>
            {
                set.Decide(policy.Id, new Dictionary<string, object?>(), policy.EffectiveFrom);
                set.Decide(policy.Id, policy.Fields.ToDictionary(f => f.Name, f => (object?)0), policy.EffectiveFrom);
            };
            decide.Should().NotThrow(because);
        }
    }
}
