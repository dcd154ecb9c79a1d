using Tiering.Rules.Fixtures;
using Tiering.Rules.Runtime;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Runtime;

/// <summary>
/// A decision's fired rule ids are shared by every decision with the same fired set, so the list must be read-only
/// through every interface a host might cast it to, and must hand out no array a host could change.
/// </summary>
public sealed class IdListTests
{
    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);

    [Fact]
    public void IdList_ReadsLikeTheArrayItWraps()
    {
        var list = new IdList(["SM-01", "SUB-01", "DBT-06"]);

        list.Count.Should().Be(3);
        list[1].Should().Be("SUB-01");
        list.Should().Equal("SM-01", "SUB-01", "DBT-06");
        list.IndexOf("DBT-06").Should().Be(2);
        list.IndexOf("LOSS-01").Should().Be(-1);
        list.Contains("SM-01").Should().BeTrue();
        var copy = new string[4];
        list.CopyTo(copy, 1);
        copy.Should().Equal(null, "SM-01", "SUB-01", "DBT-06");
        IdList.Empty.Count.Should().Be(0);
        IdList.Empty.Should().BeEmpty();
    }

    [Fact]
    public void IdList_EveryChange_ThrowsNotSupported()
    {
        IList<string> list = new IdList(["SM-01"]);

        list.IsReadOnly.Should().BeTrue();
        ((Action)(() => list.Add("X"))).Should().Throw<NotSupportedException>();
        ((Action)(() => list.Clear())).Should().Throw<NotSupportedException>();
        ((Action)(() => list.Remove("SM-01"))).Should().Throw<NotSupportedException>();
        ((Action)(() => list.Insert(0, "X"))).Should().Throw<NotSupportedException>();
        ((Action)(() => list.RemoveAt(0))).Should().Throw<NotSupportedException>();
        ((Action)(() => list[0] = "X")).Should().Throw<NotSupportedException>();
        list.Should().Equal("SM-01");
    }

    [Fact]
    public void Decide_SharedFiredIds_CannotBeChangedThroughACast()
    {
        var loan = new LoanPoco { Amount = 6_000_000m, OverdueDays = 100, OperatingLoss = true };
        var first = Shipped.Decide("loan-five-category", loan);
        var second = Shipped.Decide("loan-five-category", new LoanPoco { Amount = 7_000_000m, OverdueDays = 120, OperatingLoss = true });

        first.FiredRuleIds.Should().Equal("SUB-01", "SUB-03");
        second.FiredRuleIds.Should().BeSameAs(first.FiredRuleIds, "decisions with the same fired set share the list");
        (first.FiredRuleIds as string[]).Should().BeNull("the shared array is never handed out");
        ((Action)(() => ((IList<string>)first.FiredRuleIds)[0] = "LOSS-01")).Should().Throw<NotSupportedException>();
        second.FiredRuleIds.Should().Equal("SUB-01", "SUB-03");
    }
}
