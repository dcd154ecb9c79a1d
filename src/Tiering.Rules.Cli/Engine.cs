using System.CommandLine;
using Tiering.Rules.NRules;

namespace Tiering.Rules.Cli;

/// <summary>
/// The engine a command decides with (<c>--engine compiled|nrules</c>): the compiled engine of the loaded
/// <see cref="PolicySet"/>, or the same policies translated into NRules rule sets (<see cref="NRulesPolicySet"/>), which
/// give the same decisions and traces.
/// </summary>
internal sealed class Engine
{
    private readonly PolicySet _policies;
    private readonly NRulesPolicySet? _nrules;

    private Engine(PolicySet policies, NRulesPolicySet? nrules)
    {
        _policies = policies;
        _nrules = nrules;
    }

    /// <summary>The <c>--engine</c> option, shared by classify, test and explain.</summary>
    public static Option<string> Option() => new("--engine")
    {
        Description = "The engine that decides: compiled (the default, fastest) or nrules (the same policies as NRules rule sets; the same decisions).",
        DefaultValueFactory = _ => "compiled",
    };

    /// <summary>Makes the named engine over loaded policies; null (after saying why on stderr) for an unknown name.</summary>
    public static Engine? Create(string name, PolicySet policies, TextWriter stderr)
    {
        switch (name)
        {
            case "compiled":
                return new Engine(policies, null);
            case "nrules":
                return new Engine(policies, NRulesPolicySet.Create(policies));
            default:
                stderr.WriteLine($"error: --engine '{name}' is not an engine; use compiled or nrules");
                return null;
        }
    }

    public Decision Decide<TFact>(string policyId, TFact fact, DateOnly? asOf)
        where TFact : notnull =>
        _nrules is { } nrules ? nrules.Decide(policyId, fact, asOf) : _policies.Decide(policyId, fact, asOf);

    public DecisionTrace Explain<TFact>(string policyId, TFact fact, DateOnly? asOf)
        where TFact : notnull =>
        _nrules is { } nrules ? nrules.Explain(policyId, fact, asOf) : _policies.Explain(policyId, fact, asOf);
}
