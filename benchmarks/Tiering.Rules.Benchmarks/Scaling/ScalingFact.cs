using System.Reflection;

namespace Tiering.Rules.Benchmarks;

/// <summary>Fills the Scaling benchmarks' fact types (<see cref="Fact5"/>, <see cref="Fact50"/>, <see cref="Fact250"/>): field <c>j</c> is property <c>Fj</c>.</summary>
public static class ScalingFact
{
    /// <summary>
    /// Sets field <paramref name="index"/>: a decimal as is, an integer truncated, a boolean as value ≠ 0, by the
    /// property's type. Reflection, once per type for the lookup: only the setup calls it, never a timed run.
    /// </summary>
    public static void Set<TFact>(TFact fact, int index, decimal value)
        where TFact : class
    {
        var property = Properties<TFact>.ByIndex[index];
        object boxed = property.PropertyType == typeof(int) ? (int)value
            : property.PropertyType == typeof(bool) ? value != 0
            : value;
        property.SetValue(fact, boxed);
    }

    private static class Properties<TFact>
    {
        public static readonly PropertyInfo[] ByIndex =
            [.. typeof(TFact).GetProperties().OrderBy(p => int.Parse(p.Name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))];
    }
}
