namespace Tiering.Rules.DependencyInjection;

/// <summary>What a reload came to.</summary>
public enum ReloadOutcome
{
    /// <summary>The files loaded and a new snapshot is serving.</summary>
    Succeeded,

    /// <summary>The files did not load; the previous snapshot keeps serving. See <see cref="ReloadResult.Diagnostics"/>.</summary>
    Failed,

    /// <summary>The files' content is what the serving snapshot was loaded from; nothing was rebuilt.</summary>
    Unchanged,
}
