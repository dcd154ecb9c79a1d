using System.Diagnostics;

namespace Tiering.Rules.DependencyInjection.Tests.Support;

internal static class Wait
{
    /// <summary>Generous upper bound for background work that should take well under a second.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    /// <returns>Whether it held.</returns>
    public static bool Until(Func<bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Patience;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (clock.Elapsed > limit)
            {
                return false;
            }

            Thread.Sleep(10);
        }
    }
}
