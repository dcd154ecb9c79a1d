using System.CommandLine;
using Tiering.Rules.NRules;

namespace Tiering.Rules.Cli;

/// <summary>
/// The engine a command decides with (<c>--engine compiled|nrules</c>): the compiled engine of the loaded
/// <see cref="PolicySet"/>, or the same policies translated into NRules rule sets (<see cref="NRulesPolicySet"/>), which
/// give the same decisions and traces.
/// </summary>
internal static class Engine
{
    /// <summary>The <c>--engine</c> option, shared by classify, test and explain.</summary>
    public static Option<string> Option() => new("--engine")
    {
        Description = "The engine that decides: compiled (the default, fastest) or nrules (the same policies as NRules rule sets; the same decisions).",
        DefaultValueFactory = _ => "compiled",
    };

    /// <summary>Makes the named engine over loaded policies; null (after saying why on stderr) for an unknown name.</summary>
    public static IPolicyEngine? Create(string name, PolicySet policies, TextWriter stderr)
    {
        switch (name)
        {
            case "compiled":
                return policies;
            case "nrules":
                return NRulesPolicySet.Create(policies);
            default:
                stderr.WriteLine($"error: --engine '{name}' is not an engine; use compiled or nrules");
                return null;
        }
    }
}
