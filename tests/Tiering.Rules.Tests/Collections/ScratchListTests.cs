using Tiering.Rules.Collections;

namespace Tiering.Rules.Tests.Collections;

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

    [Fact]
    public void Insert_KeepsOrderAndGrowsPastTheFirstArray()
    {
        var list = new ScratchList<int>();
        for (var i = 0; i < 20; i += 2)
        {
            list.Add(i);
        }

        for (var i = 1; i < 20; i += 2)
        {
            list.Insert(i, i);
        }

        list.Insert(0, -1);
        list.Insert(list.Count, 99);

        list.ToArray().Should().Equal([-1, .. Enumerable.Range(0, 20), 99]);
    }

    [Fact]
    public void Insert_PastCount_Throws()
    {
        var list = new ScratchList<int>();
        list.Add(1);

        var act = () => list.Insert(2, 5);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Foreach_SeesOnlyTheElementsSinceTheLastClear()
    {
        var list = new ScratchList<string>();
        list.Add("old");
        list.Clear();
        list.Add("a");
        list.Add("b");
        var seen = new List<string>();

        foreach (var item in list)
        {
            seen.Add(item);
        }

        seen.Should().Equal("a", "b");
    }

    [Fact]
    public void IndexerSet_ReplacesAndPastCountThrows()
    {
        var list = new ScratchList<string>();
        list.Add("a");
        list.Add("b");

        list[1] = "c";
        var act = () => list[2] = "d";

        list.ToArray().Should().Equal("a", "c");
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
