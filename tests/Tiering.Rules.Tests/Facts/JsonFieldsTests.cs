using System.Text.Json;
using Tiering.Rules.Fixtures;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Facts;

/// <summary>
/// A JSON object fact is bound in one pass over its members (matched by UTF-8 name, the previous object's member order
/// tried first). It must bind exactly what a search of the object per field finds: any member order, escaped names,
/// the last of two members with one name, unknown members ignored, absent members reported by name.
/// </summary>
public sealed class JsonFieldsTests
{
    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Describe(Decision d) =>
        $"{d.Status} {d.Grade?.Id ?? "-"} [{string.Join(",", d.FiredRuleIds)}] {string.Join(";", d.Errors.Select(e => $"{e.Field}:{e.Kind}"))}";

    [Fact]
    public void Loans_InShuffledMemberOrders_DecideAsTheirDictionaries()
    {
        var random = new Random(25);
        var kinds = new HashSet<string>();
        for (var i = 0; i < 400; i++)
        {
            var loan = new LoanPoco
            {
                Amount = random.Next(3) == 0 ? 4_000_000m : 6_000_000m + random.Next(0, 1000),
                OverdueDays = random.Next(2) == 0 ? 0 : random.Next(0, 300),
                ExpectedLossRate = random.Next(2) == 0 ? 0m : random.Next(0, 10_000) / 10_000m,
                Insolvent = random.Next(6) == 0,
                OperatingLoss = random.Next(4) == 0,
                BankSued = random.Next(7) == 0,
            };
            var members = loan.AsDictionary().ToList();
            // Most objects keep one order (the hint's case); every fourth is shuffled, so the hint misses.
            if (i % 4 == 3)
            {
                members = [.. members.OrderBy(_ => random.Next())];
            }

            var json = JsonSerializer.SerializeToElement(members.ToDictionary(m => m.Key, m => m.Value));

            var fromJson = Shipped.Decide("loan-five-category", json);
            var fromDictionary = Shipped.Decide("loan-five-category", loan.AsGeneralDictionary());

            Describe(fromJson).Should().Be(Describe(fromDictionary), $"loan #{i}: {json}");
            kinds.Add(fromJson.Grade?.Id ?? fromJson.Status.ToString());
        }

        kinds.Should().Contain(["NotApplicable", "normal", "substandard", "doubtful"]);
    }

    [Theory]
    [InlineData("""{"aum": 60000}""", "tier_2")]
    [InlineData("""{"\u0061um": 60000}""", "tier_2")]
    [InlineData("""{"a\u0075m": 1000, "other": 5, "Aum": 9999999}""", "tier_1")]
    [InlineData("""{"x": 1, "y": true, "aum": 3000000, "z": "aum"}""", "tier_5")]
    [InlineData("""{"aum": 10, "aum": 600000}""", "tier_4")]
    public void Member_MatchedByItsName_AsTryGetPropertyFindsIt(string text, string grade)
    {
        var json = Json(text);

        var decision = Shipped.Decide("retail-aum-tier", json);

        decision.Grade!.Id.Should().Be(grade);
        json.TryGetProperty("aum", out var searched).Should().BeTrue();
        Shipped.Decide("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = searched.GetDecimal() }.AsReadOnly())
            .Grade!.Id.Should().Be(grade, "a search of the object finds the same member");
    }

    [Fact]
    public void Member_Absent_IsInvalidNamingTheFieldAndItsNearMiss()
    {
        var decision = Shipped.Decide("retail-aum-tier", Json("""{"Aum": 60000, "balance": 1}"""));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        var error = decision.Errors.Should().ContainSingle().Subject;
        error.Field.Should().Be("aum");
        error.Kind.Should().Be(FieldErrorKind.Missing);
        error.Message.Should().Contain("'Aum'");
    }

    [Fact]
    public void Member_Null_ReadsAsAbsent()
    {
        var decision = Shipped.Decide("retail-aum-tier", Json("""{"aum": null}"""));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Field.Should().Be("aum");
    }
}
