using Tiering.Rules.Impact;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Impact;

/// <summary>The policy diff understands cross-field checks (require:) and says when a derived value puts it out of reach.</summary>
public sealed class RequirementDiffTests
{
    private static string Checked(string requirement) => $$"""
        policy: p
        version: "1"
        fields: { a: { type: integer, min: 0, max: 10 }, b: { type: integer, min: 0, max: 10 } }
        require: [{ that: "{{requirement}}", message: a over b }]
        grades: [low, high]
        hitPolicy: worst
        default: low
        rules:
          - { id: R1, when: a > 5, then: high }
        """;

    [Fact]
    public void Compare_RequirementTightened_RegionBecomesInvalidAndItsWitnessIsInvalid()
    {
        var before = Policies.Load(Checked("a <= b + 0 or b >= 0"));
        var after = Policies.Load(Checked("a <= 8"));

        var diff = PolicyDiff.Compare(new ImpactSide(before, "p"), new ImpactSide(after, "p"));

        diff.Complete.Should().BeFalse("'a <= b + 0' compares two fields, beyond the analysis");
        diff.Reasons.Should().ContainMatch("*requirement*beyond the analysis*");
    }

    [Fact]
    public void Compare_AnalysableRequirementTightened_HighBecomesInvalid()
    {
        var before = Policies.Load(Checked("a <= 10"));
        var after = Policies.Load(Checked("a <= 8"));

        var diff = PolicyDiff.Compare(new ImpactSide(before, "p"), new ImpactSide(after, "p"));

        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        var region = diff.Regions.Should().ContainSingle().Which;
        (region.From, region.To).Should().Be(("high", "invalid"));
        region.Verified.Should().BeTrue("a witness with a in [9, 10] is high before and fails the check after");
    }

    [Fact]
    public void Compare_DerivedValueWhoseArithmeticCanFail_IsIncompleteAndSaysWhich()
    {
        var yaml = """
            policy: p
            version: "1"
            fields: { a: { type: integer, min: 0, max: 10 } }
            let: { twice: a * 2 }
            grades: [low, high]
            hitPolicy: worst
            default: low
            rules:
              - { id: R1, when: twice > 5, then: high }
            """;
        var set = Policies.Load(yaml);

        var diff = PolicyDiff.Compare(new ImpactSide(set, "p"), new ImpactSide(set, "p"));

        diff.Complete.Should().BeFalse();
        diff.Reasons.Should().ContainMatch("*derived value 'twice' can fail on its arithmetic*");
    }
}
