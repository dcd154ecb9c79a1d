using System.Globalization;
using Tiering.Rules.Compilation;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Facts;

/// <summary>
/// The binder hosts without a JIT use for POCO facts (typed getter delegates, no generated code) must bind exactly as
/// the general path binds the same values given as a dictionary: same status, grade, fired rules and field errors.
/// Under the test runner's JIT it is prepared by hand (<see cref="Rules.Facts.BinderRegistry.PrepareBinder{TFact}"/>); the Native AOT
/// smoke program (tests/Tiering.Rules.AotSmoke) checks the same end to end without a JIT.
/// </summary>
public sealed class DelegateBinderTests
{
    private const string Policy = """
        policy: shapes
        version: "1"
        fields:
          amount:      { type: decimal, min: 0 }
          maybeAmount: { type: decimal, optional: true }
          days:        { type: integer, min: 0, max: 1000 }
          count:       { type: integer }
          maybeDays:   { type: integer, optional: true }
          rate:        { type: decimal, min: 0, max: 1 }
          flag:        { type: boolean }
          maybeFlag:   { type: boolean, optional: true }
          region:      { type: string }
          tier:        { type: enum, values: [Gold, Silver, Plain] }
          since:       { type: date }
          small:       { type: integer, min: -5 }
          absent:      { type: boolean, optional: true }
        grades: [low, mid, high]
        hitPolicy: collect
        rules:
          - { id: BIG,    when: "amount >= 1000",          then: high }
          - { id: MAYBE,  when: "maybeAmount > 10",        then: mid }
          - { id: LATE,   when: "days between 91 and 180", then: mid }
          - { id: MANY,   when: "count > 3",               then: low }
          - { id: MDAYS,  when: "maybeDays < 5",           then: low }
          - { id: RATE,   when: "rate >= 0.3",             then: high }
          - { id: FLAG,   when: "flag",                    then: mid }
          - { id: MFLAG,  when: "maybeFlag",               then: mid }
          - { id: NORTH,  when: "region == 'north'",       then: low }
          - { id: GOLD,   when: "tier == 'Gold'",          then: high }
          - { id: OLD,    when: "since < 2020-01-01",      then: low }
          - { id: SMALL,  when: "small < 0",               then: low }
        """;

    public enum Tier
    {
        Gold,
        Silver,
        Plain,
        Unknown,
    }

    /// <summary>Every property type the delegate binder reads differently (the field 'absent' has no property).</summary>
    public sealed class Shape
    {
        public decimal Amount { get; init; }
        public decimal? MaybeAmount { get; init; }
        public int Days { get; init; }
        public long Count { get; init; }
        public int? MaybeDays { get; init; }
        public double Rate { get; init; }
        public bool Flag { get; init; }
        public bool? MaybeFlag { get; init; }
        public string? Region { get; init; }
        public Tier Tier { get; init; }
        public DateOnly Since { get; init; }
        public short Small { get; init; }
    }

    /// <summary>Facts decided by one set: fewer than a type binds before it earns its compiled binder.</summary>
    private const int FactsPerSet = Rules.Facts.BinderRegistry.CompileBinderAfter - 1;

    [Fact]
    public void DelegateBinder_ManyShapes_DecidesAsTheSameValuesInADictionary()
    {
        var viaDictionaries = Load(Policy);
        var viaDelegates = viaDictionaries;
        var random = new Random(20261123);
        var invalid = 0;
        var fired = new HashSet<string>();
        for (var i = 0; i < 3_000; i++)
        {
            if (i % FactsPerSet == 0)
            {
                // Under a JIT the delegate binder binds a type's first facts only (then the type earns a compiled one),
                // so every few facts a new set, whose binder is prepared before its first decision.
                viaDelegates = Load(Policy);
                var compiled = viaDelegates.Find("shapes", null)!;
                compiled.PrepareBinder<Shape>();
                compiled.HasBinderFor(typeof(Shape)).Should().BeTrue("the delegate binder is in place before any decision");
            }

            var shape = RandomShape(random);
            var expected = viaDictionaries.Decide("shapes", AsDictionary(shape));
            var actual = viaDelegates.Decide("shapes", shape);

            actual.ToString().Should().Be(expected.ToString(), "fact {0}: {1}", i, Describe(shape));
            actual.Errors.Select(e => (e.Field, e.Kind, e.Message)).Should().Equal(expected.Errors.Select(e => (e.Field, e.Kind, e.Message)), "fact {0}: {1}", i, Describe(shape));
            invalid += actual.Status == DecisionStatus.Invalid ? 1 : 0;
            fired.UnionWith(actual.FiredRuleIds);
        }

        // The sample must exercise both outcomes and every rule, or agreement proves little.
        invalid.Should().BeInRange(300, 2_700);
        fired.Should().BeEquivalentTo(["BIG", "MAYBE", "LATE", "MANY", "MDAYS", "RATE", "FLAG", "MFLAG", "NORTH", "GOLD", "OLD", "SMALL"]);
    }

    [Fact]
    public void Decide_SecondPocoOfAType_PreparesItsDelegateBinderForTheFactsBeforeTheCompiledOne()
    {
        // Under a JIT, reflection's invoke emits a stub for each getter at its second call: a host's second decision of
        // a 19-field loan paid some 3 ms for it. From the type's second fact the generic entry point gives it its
        // delegate binder instead (the first fact's single call per getter costs no stub, so a first decision builds
        // nothing it would use once).
        var set = Load(Policy);
        var compiled = set.Find("shapes", null)!;
        var random = new Random(1);

        set.Decide("shapes", RandomShape(random)).Status.Should().NotBe(DecisionStatus.Unclassified);
        compiled.HasBinderFor(typeof(Shape)).Should().BeFalse("a type's first fact goes by reflection");

        set.Decide("shapes", RandomShape(random)).Status.Should().NotBe(DecisionStatus.Unclassified);
        compiled.HasBinderFor(typeof(Shape)).Should().BeTrue("the second Decide<Shape> prepared the delegate binder");
        set.Decide("shapes", (object)new Shape()).ToString().Should().Be(Load(Policy).Decide("shapes", AsDictionary(new Shape())).ToString(),
            "a fact passed as object takes the binder its run-time type has");
    }

    [Fact]
    public void PrepareBinder_DictionaryOrAbstractType_KeepsTheUsualPath()
    {
        var compiled = Load(Policy).Find("shapes", null)!;

        compiled.PrepareBinder<Dictionary<string, object?>>();
        compiled.PrepareBinder<object>();
        compiled.PrepareBinder<IReadOnlyDictionary<string, object?>>();

        compiled.HasBinderFor(typeof(Dictionary<string, object?>)).Should().BeFalse();
        compiled.HasBinderFor(typeof(object)).Should().BeFalse();
    }

    private static Shape RandomShape(Random r)
    {
        // Each field takes a value from the first list, and one time in 25 from the second (out of its domain, or
        // otherwise bad), so that about half the facts are valid and each kind of error still occurs.
        T Pick<T>(T[] good, T[] bad) => r.Next(25) == 0 ? bad[r.Next(bad.Length)] : good[r.Next(good.Length)];
        return new Shape
        {
            Amount = Pick([0m, 999.99m, 1000m, 1000.01m, 123_456_789.123m], [-0.01m]),
            MaybeAmount = Pick<decimal?>([null, 10m, 10.0001m, -3m], [null]),
            Days = Pick([0, 90, 91, 180, 181, 1000], [1001, -1]),
            Count = Pick([3L, 4L, long.MaxValue, long.MinValue, 0L], [3L]),
            MaybeDays = Pick<int?>([null, 4, 5, int.MaxValue], [null]),
            Rate = Pick([0.3, 0.29999999999999998, 0.30000000000000004, 1.0, -0.0, 0.1 + 0.2], [1.0000001, double.NaN, double.PositiveInfinity, 1e30]),
            Flag = r.Next(2) == 0,
            MaybeFlag = Pick<bool?>([null, true, false], [null]),
            Region = Pick<string?>(["north", "south", string.Empty], [null]),
            Tier = Pick([Tier.Gold, Tier.Silver, Tier.Plain], [Tier.Unknown]),
            Since = Pick([new DateOnly(2019, 12, 31), new DateOnly(2020, 1, 1), DateOnly.MinValue], [DateOnly.MinValue]),
            Small = Pick<short>([-5, -1, 0, short.MaxValue], [-6]),
        };
    }

    private static Dictionary<string, object?> AsDictionary(Shape s) => new()
    {
        ["amount"] = s.Amount, ["maybeAmount"] = s.MaybeAmount, ["days"] = s.Days, ["count"] = s.Count,
        ["maybeDays"] = s.MaybeDays, ["rate"] = s.Rate, ["flag"] = s.Flag, ["maybeFlag"] = s.MaybeFlag,
        ["region"] = s.Region, ["tier"] = s.Tier, ["since"] = s.Since, ["small"] = s.Small,
    };

    private static string Describe(Shape s) => string.Join(", ", AsDictionary(s).Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "null"}"));
}
