using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Diagnostics;

/// <summary>
/// The message table against the golden files: every entry of <see cref="DiagnosticDescriptors"/> is printed by some
/// golden case (<c>Golden/Diagnostics</c> or <c>Golden/Analysis</c>), or is explicitly listed below as printing text
/// that cannot be golden; and every line of every golden file comes from exactly one entry of the table.
/// </summary>
public sealed partial class DiagnosticTableTests
{
    /// <summary>
    /// Entries no golden case prints, each with why. Keep this short: a new entry needs a golden case, not a line here.
    /// </summary>
    private static readonly Dictionary<string, string> WithoutGoldenCase = new(StringComparer.Ordinal)
    {
        [nameof(DiagnosticDescriptors.FileUnreadable)] =
            "its argument is the operating system's reason (or a directory that is not there), which a golden file cannot hold; "
            + "PolicyFileReadingTests and LimitsTests cover it",
    };

    private static readonly string GoldenRoot = Repo.Path_("tests", "Tiering.Rules.Tests", "Golden");

    private static readonly Lazy<IReadOnlyList<GoldenLine>> Golden = new(ReadGoldenLines);

    public static TheoryData<string> DescriptorNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Table())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DescriptorNames))]
    public void Descriptor_InTheTable_IsPrintedByAGoldenCase(string name)
    {
        var descriptor = Table().Single(d => d.Name == name).Descriptor;
        var printed = Golden.Value.Where(line => Matches(descriptor, line)).ToList();

        if (WithoutGoldenCase.ContainsKey(name))
        {
            printed.Should().BeEmpty($"{name} is listed as having no golden case; remove it from {nameof(WithoutGoldenCase)}");
            return;
        }

        printed.Should().NotBeEmpty(
            $"{name} ({descriptor.Severity} {descriptor.Code}: \"{descriptor.Format}\") needs a golden case under Golden/Diagnostics "
            + "that prints it (add a case.yaml and regenerate with TIERING_UPDATE_GOLDEN=1)");
    }

    [Fact]
    public void GoldenLines_EachComeFromExactlyOneDescriptor()
    {
        var table = Table();
        Golden.Value.Should().NotBeEmpty();
        foreach (var line in Golden.Value)
        {
            var sources = table.Where(d => Matches(d.Descriptor, line)).Select(d => d.Name).ToList();
            sources.Should().ContainSingle($"{line.File} prints \"{line.Text}\", which must come from one entry of the message table");
        }
    }

    [Fact]
    public void Descriptors_HaveRealTemplates()
    {
        foreach (var (name, descriptor) in Table())
        {
            CodeShape().IsMatch(descriptor.Code).Should().BeTrue($"{name}'s code {descriptor.Code} reads TRnnnn");
            var words = Placeholder().Replace(descriptor.Format, string.Empty);
            Word().IsMatch(words).Should().BeTrue($"{name}'s template \"{descriptor.Format}\" must say what went wrong, not only hold a message made elsewhere");

            var used = Placeholder().Matches(descriptor.Format).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            used.Should().Equal(Enumerable.Range(0, used.Count), $"{name}'s placeholders are numbered from 0 without holes");
        }
    }

    [Fact]
    public void Descriptors_AreDistinct()
    {
        Table().GroupBy(d => (d.Descriptor.Code, d.Descriptor.Severity, d.Descriptor.Format))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(", ", g.Select(d => d.Name)))
            .Should().BeEmpty("two entries with the same code, severity and template are one entry");
    }

    [Fact]
    public void Codes_KeepOneBandPerStage()
    {
        // TR1xxx YAML, TR2xxx expressions, TR3xxx model, TR4xxx analysis, TR5xxx policy test files.
        Table().Select(d => d.Descriptor.Code[2]).Distinct().Order().Should().Equal('1', '2', '3', '4', '5');
    }

    [Fact]
    public void Create_FillsTheTemplate_AndKeepsTheArguments()
    {
        var span = new Rules.Text.SourceSpan("p.yaml", new Rules.Text.SourcePosition(3, 7), new Rules.Text.SourcePosition(3, 17));

        var diagnostic = DiagnosticDescriptors.UnknownField.Create(span, "overdueDay", "; did you mean 'overdueDays'?");

        diagnostic.ToString().Should().Be("p.yaml:3:7: error TR2003: unknown field 'overdueDay'; did you mean 'overdueDays'?");
        diagnostic.Arguments.Should().Equal("overdueDay", "; did you mean 'overdueDays'?");
        diagnostic.Witness.Should().BeNull();
        diagnostic.RuleIds.Should().BeEmpty();
    }

    [Fact]
    public void Load_ExpressionError_KeepsTheTemplateArguments()
    {
        var result = PolicyLoader.LoadSources([new PolicySource("p.yaml", """
            policy: p
            version: "1"
            fields:
              amount: { type: decimal }
              since: { type: date }
            grades: [a]
            hitPolicy: first
            rules:
              - { id: R1, when: since < amount, then: a }
            """)]);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("TR2004");
        error.Arguments.Should().Equal("a date", "a number");
        error.Message.Should().Be("cannot compare a date with a number");
    }

    private static bool Matches(DiagnosticDescriptor descriptor, GoldenLine line) =>
        descriptor.Code == line.Code && descriptor.Severity == line.Severity && Pattern(descriptor).IsMatch(line.Text);

    /// <summary>The template as a pattern: its text literally, each placeholder any text.</summary>
    private static Regex Pattern(DiagnosticDescriptor descriptor)
    {
        var pattern = new StringBuilder("^");
        var at = 0;
        foreach (Match placeholder in Placeholder().Matches(descriptor.Format))
        {
            pattern.Append(Regex.Escape(descriptor.Format[at..placeholder.Index])).Append("(.*)");
            at = placeholder.Index + placeholder.Length;
        }

        pattern.Append(Regex.Escape(descriptor.Format[at..])).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static List<(string Name, DiagnosticDescriptor Descriptor)> Table() =>
        [.. typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (f.Name, (DiagnosticDescriptor)f.GetValue(null)!))];

    private static List<GoldenLine> ReadGoldenLines()
    {
        var lines = new List<GoldenLine>();
        foreach (var kind in new[] { "Diagnostics", "Analysis" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(GoldenRoot, kind), "*.expected.txt").Order(StringComparer.Ordinal))
            {
                foreach (var text in File.ReadAllLines(file, Encoding.UTF8).Where(l => l.Length > 0))
                {
                    var match = GoldenLineShape().Match(text);
                    match.Success.Should().BeTrue($"{file} holds diagnostics as path:line:col: severity code: message, not \"{text}\"");
                    var severity = match.Groups["severity"].Value switch
                    {
                        "error" => DiagnosticSeverity.Error,
                        "warning" => DiagnosticSeverity.Warning,
                        _ => DiagnosticSeverity.Info,
                    };
                    lines.Add(new GoldenLine(Path.GetFileName(file), severity, match.Groups["code"].Value, match.Groups["message"].Value));
                }
            }
        }

        return lines;
    }

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"^TR[1-5]\d{3}$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^.+?:\d+:\d+: (?<severity>error|warning|info) (?<code>TR\d{4}): (?<message>.*)$")]
    private static partial Regex GoldenLineShape();

    private sealed record GoldenLine(string File, DiagnosticSeverity Severity, string Code, string Text);
}
