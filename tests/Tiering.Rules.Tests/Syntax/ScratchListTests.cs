using Tiering.Rules.Syntax;

namespace Tiering.Rules.Tests.Syntax;

public sealed class ScratchListTests
{
    [Fact]
    public void Add_PastTheFirstArray_KeepsEveryElementInOrder()
    {
        var list = new ScratchList<string>();
        var added = Enumerable.Range(0, 100).Select(i => $"e{i}").ToArray();

        foreach (var item in added)
        {
            list.Add(item);
        }

        list.Count.Should().Be(100);
        list.ToArray().Should().Equal(added);
        list[57].Should().Be("e57");
    }

    [Fact]
    public void Clear_ThenAdd_StartsOverAndToArrayIsACopy()
    {
        var list = new ScratchList<string>();
        list.Add("a");
        list.Add("b");
        var before = list.ToArray();

        list.Clear();
        list.Add("c");

        list.Count.Should().Be(1);
        list.ToArray().Should().Equal("c");
        before.Should().Equal("a", "b");
    }

    [Fact]
    public void Indexer_AtOrPastCount_Throws()
    {
        var list = new ScratchList<string>();
        list.Add("a");
        list.Add("b");
        list.Clear();
        list.Add("c");

        var act = () => list[1];

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
