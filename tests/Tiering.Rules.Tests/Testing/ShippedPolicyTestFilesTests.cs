using Tiering.Rules.Testing;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Testing;

/// <summary>Every case of every <c>rules/*.tests.yaml</c> as its own xunit theory row (CI covers them twice: here and in `tiering test`).</summary>
public sealed class ShippedPolicyTestFilesTests
{
    private static readonly PolicySet Rules = PolicySet.LoadDirectory(Repo.Rules);

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var path in PolicyTestFile.Find(Repo.Rules))
        {
            var file = PolicyTestFile.Load(path, Rules);
            var name = Path.GetFileName(path);
            if (file.Diagnostics.Count > 0)
            {
                data.Add(name, -1, string.Join("; ", file.Diagnostics));
            }

            for (var i = 0; i < file.Cases.Count; i++)
            {
                data.Add(name, i, file.Cases[i].Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PolicyTestCase_Passes(string file, int index, string name)
    {
        var testFile = PolicyTestFile.Load(Path.Combine(Repo.Rules, file), Rules);
        testFile.Diagnostics.Should().BeEmpty();
        index.Should().BeGreaterThanOrEqualTo(0, name);

        var result = testFile.Cases[index].Run(Rules);

        result.Failures.Should().BeEmpty($"{testFile.Cases[index]} should pass");
    }

    [Fact]
    public void EveryShippedPolicy_HasATestFile()
    {
        var tested = PolicyTestFile.Find(Repo.Rules).Select(p => PolicyTestFile.Load(p).PolicyId).ToHashSet();

        Rules.Policies.Select(p => p.Id).Distinct().Should().OnlyContain(id => tested.Contains(id));
    }

    [Fact]
    public void WrongExpectation_FailsNamingTheCaseLine()
    {
        var file = PolicyTestFile.Parse("wrong.tests.yaml", """
            policy: star-rating
            cases:
              - name: deliberately wrong
                facts: { starPoints: 50 }
                expect: { grade: 4_star, fired: [STAR-4] }
            """, Rules);

        var result = file.Cases.Should().ContainSingle().Subject.Run(Rules);

        result.Passed.Should().BeFalse();
        result.Case.Span.Start.Line.Should().Be(3);
        result.Failures.Should().Equal("grade: expected 4_star, got 3_star", "fired: expected [STAR-4], got [STAR-3]");
    }

    [Fact]
    public void TestFile_UnknownGradeOrRule_IsADiagnosticWithPosition()
    {
        var file = PolicyTestFile.Parse("bad.tests.yaml", """
            policy: star-rating
            cases:
              - { facts: { starPoints: 50 }, expect: { grade: three_star, fired: [STAR-33] } }
            """, Rules);

        file.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "bad.tests.yaml:3:51: error TR5003: policy 'star-rating' has no grade 'three_star'",
            "bad.tests.yaml:3:71: error TR5004: policy 'star-rating' has no rule 'STAR-33'; did you mean 'STAR-3'?");
    }
}
