namespace Tiering.Rules.Cli.Input;

/// <summary>
/// A mistake in the input that no record can recover from (a duplicate header, a header that does not match the
/// policy, bytes that do not decode): the run stops with exit 2 and this one-line message.
/// </summary>
internal sealed class InputException(string message) : Exception(message);
