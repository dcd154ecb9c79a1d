using Tiering.Rules.Collections;

namespace Tiering.Rules.Tests.Collections;

public sealed class NameMapTests
{
    [Fact]
    public void TryGetValue_AfterManyAdds_FindsEveryNameAndKeepsInsertionOrder()
    {
        var map = new NameMap<int>();
        var names = Enumerable.Range(0, 500).Select(i => $"field{i * 7919 % 500}").ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            map.TryAdd(names[i], i).Should().BeTrue();
        }

        map.Count.Should().Be(500);
        for (var i = 0; i < names.Length; i++)
        {
            map.TryGetValue(names[i], out var value).Should().BeTrue();
            value.Should().Be(i);
            map.KeyAt(i).Should().Be(names[i]);
            map.ValueAt(i).Should().Be(i);
        }

        map.Keys.Should().Equal(names);
        map.Values.ToArray().Should().Equal(Enumerable.Range(0, 500));
    }

    [Fact]
    public void Names_AreOrdinal()
    {
        var map = new NameMap<string> { ["overdueDays"] = "a" };

        map.ContainsKey("overdueDays").Should().BeTrue();
        map.ContainsKey("OverdueDays").Should().BeFalse();
        map.ContainsKey("overdueDays ").Should().BeFalse();
        map.TryGetValue("overdueday", out _).Should().BeFalse();
    }

    [Fact]
    public void TryAdd_AnExistingName_KeepsTheFirstValue()
    {
        var map = new NameMap<string>();

        map.TryAdd("a", "first").Should().BeTrue();
        map.TryAdd("a", "second").Should().BeFalse();

        map["a"].Should().Be("first");
        map.Count.Should().Be(1);
    }

    [Fact]
    public void IndexerSet_ReplacesInPlace_OrAppends()
    {
        var map = new NameMap<int> { ["a"] = 1, ["b"] = 2 };

        map["a"] = 10;
        map["c"] = 3;

        map.Keys.Should().Equal("a", "b", "c");
        map.Values.ToArray().Should().Equal(10, 2, 3);
    }

    [Fact]
    public void IndexerGet_UnknownName_ThrowsKeyNotFound()
    {
        var map = new NameMap<int> { ["a"] = 1 };

        var act = () => map["b"];

        act.Should().Throw<KeyNotFoundException>().WithMessage("*'b'*");
    }

    [Fact]
    public void NullName_Throws()
    {
        var map = new NameMap<int>();

        var act = () => map.ContainsKey(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void KeyAt_PastCount_Throws()
    {
        var map = new NameMap<int>(capacity: 16) { ["a"] = 1 };

        var act = () => map.KeyAt(1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Copy_IsIndependentOfTheOriginal_BothWays()
    {
        var original = new NameMap<int> { ["a"] = 1, ["b"] = 2 };

        var copy = original.Copy();
        copy["c"] = 3;
        copy["a"] = 10;
        for (var i = 0; i < 20; i++)
        {
            copy[$"n{i}"] = i; // grows the copy past the original's arrays
        }

        original["b"] = 20;

        original.Keys.Should().Equal("a", "b");
        original.Values.ToArray().Should().Equal(1, 20);
        original.ContainsKey("c").Should().BeFalse();
        copy["a"].Should().Be(10);
        copy["b"].Should().Be(2);
        copy["c"].Should().Be(3);
        copy.Count.Should().Be(23);
        copy.TryGetValue("n19", out var last).Should().BeTrue();
        last.Should().Be(19);
    }
}
