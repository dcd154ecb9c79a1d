namespace Tiering.Rules.Runtime;

/// <summary>
/// Per-thread spare frames, so that deciding a fact allocates no frame: a decision copies out what it keeps, and its
/// frame goes back to the thread for the next decision of the same policy. One spare in front (the common case: one
/// policy per loop) and a few more (chained policies, hosts that switch between a few); at most five per thread.
/// </summary>
internal static class FramePool
{
    /// <summary>The thread's spare frame of the policy it decided last.</summary>
    [ThreadStatic]
    private static Frame? t_spareFrame;

    /// <summary>The thread's spare frames of other policies.</summary>
    [ThreadStatic]
    private static Frame?[]? t_spareFrames;

    /// <summary>
    /// A frame for one decision of <paramref name="owner"/> on this thread: the thread's spare (reset) when there is one,
    /// else a new one. Give it back with <see cref="GiveBack"/> once the decision is made; a frame that is never given
    /// back (a trace, an exception) is simply collected.
    /// </summary>
    public static Frame Rent(object owner, FrameLayout layout)
    {
        var spare = t_spareFrame;
        if (spare is not null && ReferenceEquals(spare.Owner, owner))
        {
            t_spareFrame = null;
            spare.Reset();
            return spare;
        }

        return RentOther(owner, layout);
    }

    private static Frame RentOther(object owner, FrameLayout layout)
    {
        if (t_spareFrames is { } spares)
        {
            for (var i = 0; i < spares.Length; i++)
            {
                var spare = spares[i];
                if (spare is not null && ReferenceEquals(spare.Owner, owner))
                {
                    spares[i] = null;
                    spare.Reset();
                    return spare;
                }
            }
        }

        return new Frame(owner, layout);
    }

    /// <summary>Keeps a frame whose decision is made as this thread's spare for its owner.</summary>
    public static void GiveBack(Frame frame)
    {
        var current = t_spareFrame;
        if (current is null || ReferenceEquals(current.Owner, frame.Owner))
        {
            t_spareFrame = frame;
            return;
        }

        // The most recent frame stays in front; the one it displaces joins the others.
        t_spareFrame = frame;
        var spares = t_spareFrames ??= new Frame?[4];
        var free = -1;
        for (var i = 0; i < spares.Length; i++)
        {
            if (spares[i] is null)
            {
                free = free < 0 ? i : free;
            }
            else if (ReferenceEquals(spares[i]!.Owner, current.Owner))
            {
                spares[i] = current;
                return;
            }
        }

        spares[free < 0 ? (int)((uint)current.Owner.GetHashCode() % (uint)spares.Length) : free] = current;
    }
}
