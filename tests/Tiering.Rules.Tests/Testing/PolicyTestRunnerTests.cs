using Tiering.Rules.Testing;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Testing;

public sealed class PolicyTestRunnerTests : IDisposable
{
    private static readonly PolicySet Rules = PolicySet.LoadDirectory(Repo.Rules);

    private readonly string _dir = Directory.CreateTempSubdirectory("tiering-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_ShippedTestFiles_EveryCasePassesAndNothingFails()
    {
        var paths = PolicyTestFile.Find(Repo.Rules);

        var run = PolicyTestRunner.Run(Rules, paths);

        run.Files.Select(f => f.Path).Should().Equal(paths);
        run.Results.Should().HaveCount(run.Files.Sum(f => f.Cases.Count)).And.HaveCountGreaterThan(10);
        run.Diagnostics.Should().BeEmpty();
        run.PassedCount.Should().Be(run.Results.Count);
        run.FailedCount.Should().Be(0);
        run.Succeeded.Should().BeTrue();
        run.ToString().Should().Be($"{run.Results.Count} passed, 0 failed");
    }

    [Fact]
    public void Run_FailingCaseAndBrokenFile_CountsEachAsAFailure()
    {
        var wrong = Write("wrong.tests.yaml", "policy: star-rating\ncases:\n  - { name: ok, facts: { starPoints: 50 }, expect: { grade: 3_star } }\n  - { name: wrong, facts: { starPoints: 50 }, expect: { grade: 4_star } }\n");
        var broken = Write("broken.tests.yaml", "policy: star-rating\ncases:\n  - { facts: { starPoints: 50 }, expect: { grade: three_star } }\n");

        var run = PolicyTestRunner.Run(Rules, [wrong, broken]);

        run.Files.Select(f => f.Path).Should().Equal(wrong, broken);
        run.Results.Select(r => (r.Case.Name, r.Passed)).Should().Equal(("ok", true), ("wrong", false));
        run.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("TR5003");
        run.PassedCount.Should().Be(1);
        run.FailedCount.Should().Be(2, "the failing case and the broken file's diagnostic");
        run.Succeeded.Should().BeFalse();
        run.ToString().Should().Be("1 passed, 2 failed");
    }

    [Fact]
    public void Result_ToString_NamesTheCaseAndWhatFailed()
    {
        var run = PolicyTestRunner.Run(Rules, [Write("wrong.tests.yaml", "policy: star-rating\ncases:\n  - { name: ok, facts: { starPoints: 50 }, expect: { grade: 3_star } }\n  - { name: wrong, facts: { starPoints: 50 }, expect: { grade: 4_star } }\n")]);

        run.Results.Select(r => r.ToString()).Should().Equal(
            $"{Path.Combine(_dir, "wrong.tests.yaml")}:3 ok: pass",
            $"{Path.Combine(_dir, "wrong.tests.yaml")}:4 wrong: FAIL grade: expected 4_star, got 3_star");
    }

    [Fact]
    public void Run_MultiFactCasesOfAGroupDecidingPolicyWithItsOwnRules_PassOrFailPerGroupDecision()
    {
        var set = Policies.Load(PortfolioGroupRulesTests.Graded);
        var file = Write("graded.tests.yaml", """
            policy: graded
            cases:
              - name: two accounts on the edge, a private customer of three and the house
                facts:
                  - { customerId: C1, balance: 60, private: false }
                  - { customerId: C2, balance: 1, private: true }
                  - { customerId: C1, balance: 40, private: false }
                  - { customerId: C2, balance: 1, private: true }
                  - { customerId: C2, balance: 1, private: true }
                  - { customerId: HOUSE, balance: 0, private: false }
                expect:
                  - { grade: silver, fired: [AUM-SILVER], key: C1, members: 2, outputs: { aum: 100, accounts: 2, desk: wealth } }
                  - { grade: gold, fired: [MANY-PRIVATE], key: C2, members: 3 }
                  - { grade: gold, fired: [HOUSE], key: HOUSE, members: 1 }
              - name: one cent short of the edge is wrongly expected silver
                facts:
                  - { customerId: C1, balance: 60, private: false }
                  - { customerId: C1, balance: 39.99, private: false }
                expect:
                  - { grade: silver, key: C1 }
            """);

        var run = PolicyTestRunner.Run(set, [file]);

        run.Diagnostics.Should().BeEmpty();
        run.Results.Select(r => r.Passed).Should().Equal(true, false);
        run.Results[0].Decisions.Should().HaveCount(3);
        run.Results[1].Failures.Should().ContainSingle().Which.Should().Contain("expected silver, got basic");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
