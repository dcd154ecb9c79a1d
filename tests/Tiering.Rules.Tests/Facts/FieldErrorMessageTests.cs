using System.Text.Json;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Facts;

/// <summary>
/// The exact text of every field error a fact can earn while it is read (source access), converted and validated.
/// Hosts show these messages to people and some match on them, so each is pinned word for word, for dictionary and
/// JSON facts, one wrong value at a time in an otherwise valid fact.
/// </summary>
public sealed class FieldErrorMessageTests
{
    private static readonly PolicySet Set = Load("""
        policy: m
        version: "1"
        fields:
          rate: { type: decimal, min: 0, max: 1 }
          days: { type: integer, min: 0 }
          flag: { type: boolean }
          kind: { type: enum, values: [retail, corporate] }
          since: { type: date }
          region: { type: string }
        grades: [ok]
        hitPolicy: first
        default: ok
        rules:
          - { id: R, when: "rate > 0.5 and days > 1 and flag and kind = 'retail' and since < 2024-01-01 and region = 'north'", then: ok }
        """);

    public static TheoryData<string, object?, string, FieldErrorKind> ClrValues => new()
    {
        { "days", 1.5m, "'days' must be a whole number, but is 1.5", FieldErrorKind.OutOfDomain },
        { "days", -1, "'days' is -1, below its minimum 0", FieldErrorKind.OutOfDomain },
        { "rate", 1.5m, "'rate' is 1.5, above its maximum 1", FieldErrorKind.OutOfDomain },
        { "rate", 2.5f, "'rate' is 2.5, above its maximum 1", FieldErrorKind.OutOfDomain },
        { "rate", double.NaN, "'rate' is NaN, not a number", FieldErrorKind.NotANumber },
        { "rate", double.NegativeInfinity, "'rate' is -Infinity, not a number", FieldErrorKind.NotANumber },
        { "rate", 1e30, "'rate' is 1E+30, outside the range of a decimal", FieldErrorKind.OutOfDomain },
        { "rate", "0.3", "'rate' must be a number, but is the text \"0.3\"", FieldErrorKind.WrongType },
        { "days", "91", "'days' must be a whole number, but is the text \"91\"", FieldErrorKind.WrongType },
        { "flag", 1, "'flag' must be true or false, but is the Int32 1", FieldErrorKind.WrongType },
        { "region", true, "'region' must be text, but is the boolean true", FieldErrorKind.WrongType },
        { "kind", "retial", "'kind' is \"retial\", which is not one of: retail, corporate", FieldErrorKind.OutOfDomain },
        { "kind", DayOfWeek.Monday, "'kind' is \"Monday\", which is not one of: retail, corporate", FieldErrorKind.OutOfDomain },
        { "kind", 3, "'kind' must be one of retail, corporate, but is the Int32 3", FieldErrorKind.WrongType },
        { "since", "31/12/2023", "'since' is \"31/12/2023\", which is not a date (yyyy-mm-dd)", FieldErrorKind.WrongType },
        { "since", new object(), "'since' must be a date (yyyy-mm-dd), but is a Object", FieldErrorKind.WrongType },
        { "region", null, "'region' is missing; it is required (string)", FieldErrorKind.Missing },
    };

    [Theory]
    [MemberData(nameof(ClrValues))]
    public void Decide_DictionaryWithOneBadValue_ReportsItsExactMessage(string field, object? value, string message, FieldErrorKind kind)
    {
        var fact = Valid();
        fact[field] = value;

        var decision = Set.Decide("m", fact);

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = field, Message = message, Kind = kind });
    }

    [Theory]
    [InlineData("rate", "\"0.3\"", "'rate' must be a number, but is the text \"0.3\"", FieldErrorKind.WrongType)]
    [InlineData("rate", "1e30", "'rate' is 1e30, outside the range of a decimal", FieldErrorKind.OutOfDomain)]
    [InlineData("days", "-2", "'days' is -2, below its minimum 0", FieldErrorKind.OutOfDomain)]
    [InlineData("days", "2.5", "'days' must be a whole number, but is 2.5", FieldErrorKind.OutOfDomain)]
    [InlineData("flag", "1", "'flag' must be true or false, but is the number 1", FieldErrorKind.WrongType)]
    [InlineData("region", "{}", "'region' must be text, but is an object", FieldErrorKind.WrongType)]
    [InlineData("region", "false", "'region' must be text, but is the boolean false", FieldErrorKind.WrongType)]
    [InlineData("since", "[]", "'since' must be a date (yyyy-mm-dd), but is a list", FieldErrorKind.WrongType)]
    [InlineData("since", "\"2023-13-01\"", "'since' is \"2023-13-01\", which is not a date (yyyy-mm-dd)", FieldErrorKind.WrongType)]
    [InlineData("kind", "\"retial\"", "'kind' is \"retial\", which is not one of: retail, corporate", FieldErrorKind.OutOfDomain)]
    [InlineData("kind", "7", "'kind' must be one of retail, corporate, but is the number 7", FieldErrorKind.WrongType)]
    [InlineData("region", "null", "'region' is missing; it is required (string)", FieldErrorKind.Missing)]
    public void Decide_JsonWithOneBadValue_ReportsItsExactMessage(string field, string json, string message, FieldErrorKind kind)
    {
        var properties = Valid().Select(p => $"\"{p.Key}\":{(p.Key == field ? json : ValidJson(p.Key))}");
        using var document = JsonDocument.Parse("{" + string.Join(",", properties) + "}");

        var decision = Set.Decide("m", document.RootElement);

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = field, Message = message, Kind = kind });
    }

    [Theory]
    [InlineData("days", null, "'days' is missing; it is required (integer)")]
    [InlineData("kind", null, "'kind' is missing; it is required (enum (retail, corporate))")]
    [InlineData("rate", "Rate", "'rate' is missing; it is required (decimal); the fact has 'Rate' (field names are case-sensitive)")]
    [InlineData("region", "regio", "'region' is missing; it is required (string); the fact has 'regio' — a typo?")]
    public void Decide_DictionaryWithoutAField_SaysItIsMissingAndNamesANearMissKey(string field, string? nearMiss, string message)
    {
        var fact = Valid();
        var value = fact[field];
        fact.Remove(field);
        if (nearMiss is not null)
        {
            fact[nearMiss] = value;
        }

        var decision = Set.Decide("m", fact);

        decision.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = field, Message = message, Kind = FieldErrorKind.Missing });
    }

    [Fact]
    public void Decide_JsonArrayAsTheFact_ReportsTheFactItself()
    {
        using var document = JsonDocument.Parse("[1]");

        var decision = Set.Decide("m", document.RootElement);

        decision.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "(fact)", Message = "a fact must be a JSON object, not array", Kind = FieldErrorKind.WrongType });
    }

    [Fact]
    public void Decide_ValidDictionaryAndJson_HaveNoErrors()
    {
        using var document = JsonDocument.Parse("{" + string.Join(",", Valid().Keys.Select(k => $"\"{k}\":{ValidJson(k)}")) + "}");

        Set.Decide("m", Valid()).Status.Should().Be(DecisionStatus.Classified);
        Set.Decide("m", document.RootElement).Status.Should().Be(DecisionStatus.Classified);
    }

    private static Dictionary<string, object?> Valid() => Fact(
        ("rate", 0.75m), ("days", 3), ("flag", true), ("kind", "retail"), ("since", new DateOnly(2020, 1, 1)), ("region", "north"));

    private static string ValidJson(string field) => field switch
    {
        "rate" => "0.75",
        "days" => "3",
        "flag" => "true",
        "kind" => "\"retail\"",
        "since" => "\"2020-01-01\"",
        _ => "\"north\"",
    };
}
