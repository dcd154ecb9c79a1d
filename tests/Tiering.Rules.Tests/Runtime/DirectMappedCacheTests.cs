using Tiering.Rules.Runtime;

namespace Tiering.Rules.Tests.Runtime;

public sealed class DirectMappedCacheTests
{
    private sealed record Entry(ulong Key);

    private static Entry? Find(DirectMappedCache<Entry> cache, ulong key, int ways)
    {
        var set = cache.SetOf(key);
        for (var way = 0; way < ways; way++)
        {
            if (cache.Get(set, way) is { } entry && entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }

    [Fact]
    public void Grown_FewEntries_StaysAsItIs()
    {
        var cache = new DirectMappedCache<Entry>(bits: 2, ways: 2);
        for (var key = 0UL; key < 16; key++)
        {
            cache.Put(cache.SetOf(key), new Entry(key));
        }

        cache.Grown(maxBits: 10).Should().BeNull("16 entries for 8 places is not yet twice as many as it holds");
    }

    [Fact]
    public void Grown_ManyEntries_FourTimesTheSetsUpToTheMost_AndEmpty()
    {
        var cache = new DirectMappedCache<Entry>(bits: 2, ways: 2);
        for (var key = 0UL; key < 16; key++)
        {
            cache.Put(cache.SetOf(key), new Entry(key)).Should().BeFalse();
        }

        cache.Put(cache.SetOf(16), new Entry(16)).Should().BeTrue("17 entries for 8 places: time to grow");
        var grown = cache.Grown(maxBits: 3);

        grown.Should().NotBeNull();
        Find(grown!, 16, ways: 2).Should().BeNull("a grown cache starts empty");
        for (var key = 0UL; key < 40; key++)
        {
            grown!.Put(grown.SetOf(key), new Entry(key));
        }

        grown!.Grown(maxBits: 3).Should().BeNull("it is at the most sets allowed");
        grown.SetOf(ulong.MaxValue).Should().BeLessThan(2 << 3, "2^3 sets of two ways");
    }

    [Fact]
    public void PutThenGet_FindsTheMostRecentTwoOfASet()
    {
        var cache = new DirectMappedCache<Entry>(bits: 1, ways: 2);
        var keys = Enumerable.Range(0, 64).Select(k => (ulong)k).Where(k => cache.SetOf(k) == cache.SetOf(0)).Take(3).ToArray();
        foreach (var key in keys)
        {
            cache.Put(cache.SetOf(key), new Entry(key));
        }

        Find(cache, keys[2], ways: 2).Should().NotBeNull();
        Find(cache, keys[1], ways: 2).Should().NotBeNull();
        Find(cache, keys[0], ways: 2).Should().BeNull("the oldest of the set drops out");
    }
}
