namespace Tiering.Rules.Samples.DataGenerator;

/// <summary>One band of a band-table policy, in cents: [FromCents, ToCents), with how many customers to put in it.</summary>
internal sealed record Band(string Grade, long FromCents, long ToCents, int Count);

/// <summary>One generated customer: an id and the banded value (AUM in CNY, or star points) in cents.</summary>
internal sealed record Customer(string Id, long Cents, string Grade);

/// <summary>Makes customers for a band-table policy: every edge −0.01 / edge / +0.01, then random values per band.</summary>
internal static class CustomerGenerator
{
    /// <summary>rules/retail-aum-tier.yaml: lower-inclusive bands, below 1,000 untiered (about 15%).</summary>
    public static readonly Band[] AumBands =
    [
        new("untiered", 0, 100_000, 150),
        new("tier_1", 100_000, 5_000_000, 300),
        new("tier_2", 5_000_000, 20_000_000, 250),
        new("tier_3", 20_000_000, 50_000_000, 150),
        new("tier_4", 50_000_000, 300_000_000, 100),
        new("tier_5", 300_000_000, 5_000_000_000, 50),
    ];

    /// <summary>rules/star-rating.yaml: exactly 0 is not rated, (0, 50) quasi-star, then [from, to) bands.</summary>
    public static readonly Band[] StarBands =
    [
        new("not_rated", 0, 1, 50),
        new("quasi_star", 1, 5_000, 200),
        new("3_star", 5_000, 50_000, 250),
        new("4_star", 50_000, 200_000, 200),
        new("5_star", 200_000, 1_000_000, 150),
        new("6_star", 1_000_000, 8_000_000, 100),
        new("7_star", 8_000_000, 30_000_000, 50),
    ];

    public static List<Customer> Generate(Random rng, Band[] bands, string idPrefix, int wholePercent)
    {
        var values = new List<long> { 0, 1 };                   // 0 and 0.01
        foreach (var edge in bands.Skip(1).Select(b => b.FromCents))
        {
            values.AddRange([edge - 1, edge, edge + 1]);         // each edge −0.01, itself, +0.01
        }

        var left = bands.ToDictionary(b => b.Grade, b => b.Count);
        foreach (var value in values)
        {
            left[GradeOf(bands, value)]--;
        }

        foreach (var band in bands)
        {
            for (var i = 0; i < left[band.Grade]; i++)
            {
                values.Add(Value(rng, band, wholePercent));
            }
        }

        Shuffle.InPlace(rng, values);
        return [.. values.Select((cents, i) => new Customer($"{idPrefix}{i + 1:D6}", cents, GradeOf(bands, cents)))];
    }

    private static long Value(Random rng, Band band, int wholePercent)
    {
        var firstWhole = (band.FromCents + 99) / 100;
        var endWhole = (band.ToCents + 99) / 100;                // whole numbers w with w * 100 < ToCents
        return rng.Next(100) < wholePercent && firstWhole < endWhole
            ? rng.NextInt64(firstWhole, endWhole) * 100
            : rng.NextInt64(band.FromCents, band.ToCents);
    }

    private static string GradeOf(Band[] bands, long cents) =>
        bands.Last(b => cents >= b.FromCents).Grade;
}
