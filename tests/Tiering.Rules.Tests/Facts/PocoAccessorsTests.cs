using Tiering.Rules.Facts;

namespace Tiering.Rules.Tests.Facts;

public sealed class PocoAccessorsTests
{
    private sealed class Loan
    {
        public decimal Amount { get; init; }

        public int OverdueDays { get; init; }
    }

    private sealed class Customer
    {
        public decimal Amount { get; init; }

        public string Segment { get; init; } = "";
    }

    [Fact]
    public void For_SameNameOnTwoTypes_EachReadsItsOwnProperty()
    {
        var loan = new Loan { Amount = 12.5m, OverdueDays = 40 };
        var customer = new Customer { Amount = 99m, Segment = "retail" };

        PocoAccessors.For(typeof(Loan), "Amount")!.GetValue(loan).Should().Be(12.5m);
        PocoAccessors.For(typeof(Customer), "Amount")!.GetValue(customer).Should().Be(99m);
        PocoAccessors.For(typeof(Loan), "overdueDays")!.GetValue(loan).Should().Be(40);
        PocoAccessors.For(typeof(Customer), "segment")!.GetValue(customer).Should().Be("retail");
    }

    private class Base
    {
        public decimal Amount { get; init; } = 1m;
    }

    private sealed class Hiding : Base
    {
        public new string Amount { get; init; } = "hidden";

        public decimal Rate { get; init; } = 0.25m;

        public decimal rate { get; init; } = 0.75m; // a case twin: the exact name wins

        public decimal WriteOnly { set { } }

        public int this[int i] => i;
    }

    [Fact]
    public void For_EveryKindOfName_AnswersAsTheFrameworkLookupDoes()
    {
        var fact = new Hiding();

        // Hidden by a property of the same name: the framework's lookup decides, and finds the name ambiguous.
        FluentActions.Invoking(() => PocoAccessors.For(typeof(Hiding), "Amount")).Should().Throw<System.Reflection.AmbiguousMatchException>();
        PocoAccessors.For(typeof(Hiding), "Rate")!.GetValue(fact).Should().Be(0.25m);
        PocoAccessors.For(typeof(Hiding), "rate")!.GetValue(fact).Should().Be(0.75m);
        FluentActions.Invoking(() => PocoAccessors.For(typeof(Hiding), "RATE")).Should().Throw<System.Reflection.AmbiguousMatchException>("two properties match it ignoring case, neither exactly");
        PocoAccessors.For(typeof(Hiding), "WriteOnly").Should().BeNull("there is nothing to read");
        PocoAccessors.For(typeof(Hiding), "Item").Should().BeNull("an indexer is not a field");
        PocoAccessors.For(typeof(Hiding), "writeonly").Should().BeNull();
    }

    [Fact]
    public void For_AskedAgain_GivesTheSameProperty()
    {
        var first = PocoAccessors.For(typeof(Customer), "segment");
        var exact = PocoAccessors.For(typeof(Customer), "Segment");

        PocoAccessors.For(typeof(Customer), "segment").Should().BeSameAs(first);
        PocoAccessors.For(typeof(Customer), "Segment").Should().BeSameAs(exact).And.BeSameAs(first);
    }

    [Fact]
    public void For_NoSuchProperty_IsNullAndStaysNull()
    {
        PocoAccessors.For(typeof(Loan), "collateral").Should().BeNull();
        PocoAccessors.For(typeof(Loan), "collateral").Should().BeNull();
        PocoAccessors.For(typeof(Loan), "Amount").Should().NotBeNull("a missing name must not hide the type's other properties");
    }

    [Fact]
    public void For_ManyThreadsAddingAtOnce_EveryGetterReadsTheRightValue()
    {
        var types = new[] { typeof(Tuple<int, int>), typeof(Tuple<string, int>), typeof(Tuple<int, string>), typeof(Tuple<decimal, int>) };
        var facts = new object[] { Tuple.Create(1, 2), Tuple.Create("a", 3), Tuple.Create(4, "b"), Tuple.Create(5m, 6) };
        var wrong = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % types.Length;
            var first = PocoAccessors.For(types[k], (i / types.Length) % 2 == 0 ? "Item1" : "item2")!.GetValue(facts[k]);
            var expected = (i / types.Length) % 2 == 0 ? facts[k].GetType().GetProperty("Item1")!.GetValue(facts[k]) : facts[k].GetType().GetProperty("Item2")!.GetValue(facts[k]);
            if (!Equals(first, expected))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        wrong.Should().Be(0);
        foreach (var (type, fact) in types.Zip(facts))
        {
            PocoAccessors.For(type, "Item1")!.GetValue(fact).Should().Be(type.GetProperty("Item1")!.GetValue(fact));
            PocoAccessors.For(type, "Item2")!.GetValue(fact).Should().Be(type.GetProperty("Item2")!.GetValue(fact));
        }
    }

    [Theory]
    [InlineData("overdueDays", "OverdueDays", true)]
    [InlineData("amount", "AMOUNT", true)]
    [InlineData("a@b", "a`b", false)]
    [InlineData("a[b", "a{b", false)]
    [InlineData("amount", "amounts", false)]
    [InlineData("straße", "STRASSE", false)]
    [InlineData("éclair", "Éclair", true)]
    [InlineData("ǅ", "ǆ", true)]
    public void SameIgnoringCase_AgreesWithOrdinalIgnoreCase(string a, string b, bool expected)
    {
        PocoAccessors.SameIgnoringCase(a, b).Should().Be(expected);
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase).Should().Be(expected, "the cases above are the framework's answers");
    }

    [Fact]
    public void SameIgnoringCase_OnRandomNames_AgreesWithOrdinalIgnoreCase()
    {
        const string alphabet = "aAzZmM09_@`[{]}^~éÉßıİ ";
        var random = new Random(25);
        for (var n = 0; n < 20_000; n++)
        {
            var length = random.Next(0, 5);
            var a = new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var b = new string(a.Select(c => random.Next(3) == 0 ? alphabet[random.Next(alphabet.Length)] : random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray());

            PocoAccessors.SameIgnoringCase(a, b).Should().Be(string.Equals(a, b, StringComparison.OrdinalIgnoreCase), $"'{a}' and '{b}'");
        }
    }
}
