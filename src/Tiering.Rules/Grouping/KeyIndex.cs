namespace Tiering.Rules.Grouping;

/// <summary>
/// Group ids by key text, for a run that numbers its groups after pass one: open addressing with linear probing over
/// one array of slots that each hold the key, its hash (computed once, in pass one, while the key's characters are in
/// cache) and the id, so a lookup reads one slot and compares the key only when the hashes agree (by reference first:
/// records of one group often share the key's string). Not thread-safe (one run owns it).
/// </summary>
internal sealed class KeyIndex
{
    private Slot[] _slots;
    private int _mask;

    /// <summary>An index sized for about <paramref name="expected"/> keys (it grows past them).</summary>
    public KeyIndex(int expected)
    {
        var size = 16;
        while (size < expected * 2)
        {
            size <<= 1;
        }

        _slots = new Slot[size];
        _mask = size - 1;
    }

    /// <summary>Keys in the index; the next new key gets this id.</summary>
    public int Count { get; private set; }

    /// <summary>The hash a key is filed under (ordinal).</summary>
    public static int HashOf(string key) => key.GetHashCode(StringComparison.Ordinal);

    /// <summary>The id of <paramref name="key"/> (whose <see cref="HashOf"/> is <paramref name="hash"/>), adding it with id <see cref="Count"/> if new.</summary>
    /// <param name="key">The key text.</param>
    /// <param name="hash">Its hash.</param>
    /// <param name="added">Whether the key was new.</param>
    public int GetOrAdd(string key, int hash, out bool added)
    {
        var i = hash & _mask;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Key is null)
            {
                added = true;
                slot = new Slot(key, hash, Count);
                if (++Count * 2 > _slots.Length)
                {
                    Grow();
                }

                return Count - 1;
            }

            if (slot.Hash == hash && (ReferenceEquals(slot.Key, key) || string.Equals(slot.Key, key, StringComparison.Ordinal)))
            {
                added = false;
                return slot.Id;
            }

            i = (i + 1) & _mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key is not null)
            {
                var i = slot.Hash & _mask;
                while (_slots[i].Key is not null)
                {
                    i = (i + 1) & _mask;
                }

                _slots[i] = slot;
            }
        }
    }

    private readonly record struct Slot(string? Key, int Hash, int Id);
}
