using Tiering.Rules.Diagnostics;
using Tiering.Rules.Tests.Support;
using Tiering.Rules.Text;

namespace Tiering.Rules.Tests.Model;

/// <summary>
/// An error inside an expression is reported where its text is in the file, whatever style of YAML scalar holds the
/// expression: the misspelt field <c>overdueDay</c> below sits in the middle of each one, and the diagnostic must
/// name its exact line and column.
/// </summary>
public sealed class ExpressionPositionTests
{
    /// <summary>The line that holds <c>when:</c> in <see cref="Policy"/>; the scalar starts at column 11.</summary>
    public const int WhenLine = 11;

    /// <summary>
    /// Each scalar style with the expected position of <c>overdueDay</c>, and whether the common-subset reader reads
    /// it (when it does not, YamlDotNet does). Continuation lines carry their own indentation.
    /// </summary>
    public static TheoryData<string, string, bool, int, int> StylesAndReaders() => new()
    {
        { "plain", "overdueDays > 1 and overdueDay > 90", true, 11, 31 },
        { "plain over two lines", "overdueDays > 1\n      and overdueDay > 90", false, 12, 11 },
        { "single-quoted with '' escapes", "'segment == ''a'' and overdueDay > 90'", true, 11, 33 },
        { "double-quoted with \\\", \\t and \\u escapes", "\"segment == \\\"a\\\"\\tand \\u0073egment == 'b' or overdueDay > 90\"", true, 11, 57 },
        { "double-quoted with a \\u00e9 escape", "\"segment != '\\u00e9' or overdueDay > 90\"", true, 11, 35 },
        { "double-quoted with \\u00e9 and \\U escapes", "\"segment != '\\u00e9\\U0001F600' or overdueDay > 90\"", false, 11, 45 },
        { "double-quoted with a line continuation", "\"overdueDays > 1 and \\\n      overdueDay > 90\"", false, 12, 7 },
        { "double-quoted over lines", "\"overdueDays > 1\n      and overdueDay > 90\"", false, 12, 11 },
        { "single-quoted over lines with a blank line", "'overdueDays > 1\n\n      and overdueDay > 90'", false, 13, 11 },
        { "literal", "|\n      overdueDays > 1 and overdueDay > 90", true, 12, 27 },
        { "literal on several lines", "|\n      overdueDays > 1\n      and overdueDay > 90", true, 13, 11 },
        { "literal strip", "|-\n      overdueDays > 1\n      and overdueDay > 90", true, 13, 11 },
        { "literal keep", "|+\n      overdueDays > 1\n      and overdueDay > 90\n", false, 13, 11 },
        { "literal with a comment and a blank line first", "| # why\n\n      overdueDays > 1\n      and overdueDay > 90", true, 14, 11 },
        { "literal with an indentation indicator", "|2\n        overdueDays > 1\n        and overdueDay > 90", false, 13, 13 },
        { "folded", ">\n      overdueDays > 1\n      and overdueDay > 90", true, 13, 11 },
        { "folded strip with a blank line", ">-\n      overdueDays > 1\n\n      and overdueDay > 90", true, 14, 11 },
        { "folded with a more indented line", ">\n      overdueDays > 1\n        and overdueDay > 90", false, 13, 13 },
        { "folded with an indentation indicator and strip", ">1-\n       overdueDays > 1\n       and overdueDay > 90", false, 13, 12 },
    };

    public static TheoryData<string, string, int, int> Styles()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (var row in StylesAndReaders())
        {
            data.Add((string)row[0], (string)row[1], (int)row[3], (int)row[4]);
        }

        return data;
    }

    /// <summary>A policy whose only rule's <c>when:</c> is <paramref name="scalar"/>, written from column 11 of line 11.</summary>
    public static string Policy(string scalar) => $"""
        policy: positions
        version: "1"
        fields:
          overdueDays: {"{"} type: integer, min: 0 {"}"}
          segment: {"{"} type: enum, values: [a, b] {"}"}
        grades: [normal, bad]
        hitPolicy: first
        default: normal
        rules:
          - id: R1
            when: {scalar}
            then: bad

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Styles))]
    public void Load_UnknownFieldInEachScalarStyle_ReportsItsLineAndColumn(string style, string scalar, int line, int column)
    {
        var result = Policies.TryLoad(Policy(scalar));

        UnknownField(result).Span.ToString().Should().Be($"test0.yaml:{line}:{column}", style);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void Load_UnknownFieldInEachScalarStyle_WithCrLfLineEnds_ReportsTheSamePosition(string style, string scalar, int line, int column)
    {
        var result = Policies.TryLoad(Policy(scalar).Replace("\n", "\r\n", StringComparison.Ordinal));

        UnknownField(result).Span.ToString().Should().Be($"test0.yaml:{line}:{column}", style);
    }

    [Fact]
    public void Load_UnknownFieldInsideALiteralBlockScalar_ReportsTheRightLineAndColumn()
    {
        // The check: the unknown field is at column 7 of the block's second line (it was reported at 13).
        var policy = Policy("|\n      overdueDays > 1 and\n      overdueDay > 90");

        var result = Policies.TryLoad(policy);

        result.Succeeded.Should().BeFalse();
        UnknownField(result).ToString().Should().Be("test0.yaml:13:7: error TR2003: unknown field 'overdueDay'; did you mean 'overdueDays'?");
    }

    [Fact]
    public void Load_UnknownFieldInAFoldedPointsExpression_ReportsTheRightLineAndColumn()
    {
        var policy = """
            policy: points
            version: "1"
            fields:
              overdueDays: { type: integer, min: 0 }
            grades: [low, high]
            hitPolicy: scorecard
            score:
              - id: S1
                points: >-
                  min(overdueDays * 5,

                      overdueDay)
            grading:
              on: score
              edges: lower-inclusive
              rows:
                - { id: G1, from: 10, grade: high }
              below: low

            """.Replace("\r\n", "\n", StringComparison.Ordinal);

        var result = Policies.TryLoad(policy);

        UnknownField(result).Span.Start.Should().Be(new SourcePosition(12, 11));
    }

    private static Diagnostic UnknownField(PolicyLoadResult result) =>
        result.Diagnostics.Should().ContainSingle(d => d.Code == "TR2003" && d.Message.Contains("'overdueDay'", StringComparison.Ordinal)).Subject;
}
