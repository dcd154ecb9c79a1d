using Tiering.Rules.Collections;

namespace Tiering.Rules.Tests.Collections;

public sealed class ArraysTests
{
    [Fact]
    public void Append_MakesANewArray_AndLeavesTheOldOneAlone()
    {
        string[] before = ["a", "b"];

        var after = Arrays.Append(before, "c");

        after.Should().Equal("a", "b", "c");
        before.Should().Equal("a", "b");
        Arrays.Append(Array.Empty<string>(), "x").Should().Equal("x");
    }

    [Fact]
    public void Concat_KeepsBothInOrder_InANewArray()
    {
        int[] first = [1, 2];
        int[] second = [3];

        var all = Arrays.Concat(first, second);

        all.Should().Equal(1, 2, 3);
        all.Should().NotBeSameAs(first);
        Arrays.Concat(first, []).Should().Equal(1, 2).And.NotBeSameAs(first);
        Arrays.Concat([], second).Should().Equal(3);
    }
}
