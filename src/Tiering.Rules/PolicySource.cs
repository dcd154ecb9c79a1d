namespace Tiering.Rules;

/// <summary>Policy text to load, with the path diagnostics should name.</summary>
/// <param name="Path">The path (or logical name) shown in diagnostics.</param>
/// <param name="Text">The YAML text.</param>
public sealed record PolicySource(string Path, string Text);
