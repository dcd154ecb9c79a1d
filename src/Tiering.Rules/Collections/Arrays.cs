namespace Tiering.Rules.Collections;

/// <summary>
/// Arrays joined into new arrays, for the model (whose collections are arrays never written after the build) and the
/// copy-on-write tables the engine reads without locking. Not a collection expression's spreads
/// (<c>[.. first, .. second]</c>): those go through spans of the element type, one more type load each on a process's
/// first load (docs/DESIGN.md §6a).
/// </summary>
internal static class Arrays
{
    /// <summary><paramref name="items"/> and then <paramref name="item"/>, in a new array.</summary>
    public static T[] Append<T>(T[] items, T item)
    {
        var all = new T[items.Length + 1];
        Array.Copy(items, all, items.Length);
        all[^1] = item;
        return all;
    }

    /// <summary><paramref name="first"/> and then <paramref name="second"/>, in a new array.</summary>
    public static T[] Concat<T>(T[] first, T[] second)
    {
        var all = new T[first.Length + second.Length];
        Array.Copy(first, all, first.Length);
        Array.Copy(second, 0, all, first.Length, second.Length);
        return all;
    }
}
