using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>What <see cref="PolicySet.Policies"/> tells a host, and that it cannot be used to change a loaded set.</summary>
public sealed class PolicyInfoTests
{
    private const string Provision = """
        policy: provision
        version: "1"
        fields: { category: { type: enum, values: [normal, doubtful] }, balance: { type: decimal, min: 0 } }
        grades: [normal, doubtful]
        hitPolicy: first
        rules:
          - { id: P-DBT, when: category = 'doubtful', then: doubtful }
          - { id: P-NORMAL, when: category = 'normal', then: normal }
        """;

    [Fact]
    public void Grades_AreAReadOnlyView_NotTheCompiledPolicysArray()
    {
        var set = Load(Provision);
        var info = set.Policies.Single();

        info.Grades.Select(g => g.Id).Should().Equal("normal", "doubtful");
        info.Grades.Should().NotBeAssignableTo<Grade[]>("the compiled policy's grades are shared by every decision");
        var list = (IList<Grade>)info.Grades;
        list.IsReadOnly.Should().BeTrue();
        var write = () => list[0] = list[1];
        write.Should().Throw<NotSupportedException>();
        set.Decide("provision", new Dictionary<string, object?> { ["category"] = "normal", ["balance"] = 10m }).Grade!.Id.Should().Be("normal");
    }

    [Fact]
    public void EnumValues_AreAReadOnlyView_NotTheModelsArray()
    {
        var set = Load(Provision);
        var category = set.Policies.Single().Fields.Single(f => f.Name == "category");

        category.Values.Should().Equal("normal", "doubtful");
        category.Values.Should().NotBeAssignableTo<string[]>("the model's enum values decide every fact");
        var write = () => ((IList<string>)category.Values)[0] = "doubtful";
        write.Should().Throw<NotSupportedException>();
        set.Decide("provision", new Dictionary<string, object?> { ["category"] = "doubtful", ["balance"] = 10m }).Grade!.Id.Should().Be("doubtful");
    }
}
