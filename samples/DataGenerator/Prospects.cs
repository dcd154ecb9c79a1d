using System.Globalization;
using System.Text;

namespace Tiering.Rules.Samples.DataGenerator;

/// <summary>
/// Sample data for rules/sales-pipeline-grade.yaml and rules/vip-membership.yaml: every edge first, then random
/// records. Uses its own seeded generator, so adding it left the older sample files byte-identical.
/// </summary>
internal static class Prospects
{
    public static string PipelineCsv(Random rng, int count)
    {
        var sb = new StringBuilder("id,needType,expectedCloseDays,noChance\n");
        var n = 0;
        void Row(string need, int? days, bool noChance) =>
            sb.Append(CultureInfo.InvariantCulture, $"P{++n:D5},{need},{days?.ToString(CultureInfo.InvariantCulture) ?? string.Empty},{(noChance ? "true" : "false")}\n");

        foreach (var days in new[] { 0, 1, 29, 30, 31, 89, 90, 91, 179, 180, 181, 365 })
        {
            Row("explicit", days, false);
        }

        Row("explicit", 10, true);      // noChance wins: E
        Row("potential", null, false);  // D; the close date is not needed
        Row("potential", 20, false);
        Row("none", null, false);       // E
        Row("explicit", null, false);   // invalid on purpose: an explicit need must give its expected close date
        while (n < count)
        {
            var need = rng.Next(10) switch { < 6 => "explicit", < 9 => "potential", _ => "none" };
            Row(need, need == "explicit" || rng.Next(2) == 0 ? rng.Next(0, 400) : null, rng.Next(20) == 0);
        }

        return sb.ToString();
    }

    public static string MembersCsv(Random rng, int count)
    {
        var sb = new StringBuilder("id,hasPurchase,maxSingleSpend,cumulativeSpend\n");
        var n = 0;
        void Row(bool purchase, decimal single, decimal cumulative) =>
            sb.Append(CultureInfo.InvariantCulture, $"M{++n:D5},{(purchase ? "true" : "false")},{single:0.00},{cumulative:0.00}\n");

        Row(false, 0m, 0m);
        foreach (var single in new[] { 0.01m, 999.99m, 1000m, 2499.99m, 2500m, 3499.99m, 3500m })
        {
            Row(true, single, single);
        }

        foreach (var cumulative in new[] { 1999.99m, 2000m, 3999.99m, 4000m, 5999.99m, 6000m, 7000m, 7999.99m, 8000m })
        {
            Row(true, 100m, cumulative);
        }

        while (n < count)
        {
            var purchase = rng.Next(10) > 0;
            var single = purchase ? Math.Round((decimal)(rng.NextDouble() * 4000), 2) : 0m;
            var cumulative = purchase ? single + Math.Round((decimal)(rng.NextDouble() * 9000), 2) : 0m;
            Row(purchase, single, cumulative);
        }

        return sb.ToString();
    }
}
