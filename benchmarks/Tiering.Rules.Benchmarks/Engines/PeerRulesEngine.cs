using System.Text.Json;
using System.Text.Json.Serialization;
using RulesEngine.Models;
using MicrosoftRulesEngine = RulesEngine.RulesEngine;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// The peer engine, Microsoft RulesEngine: one workflow per policy, read from an embedded JSON file in
/// <c>Workflows/</c> (the way RulesEngine users write them), with one lambda-expression rule per policy rule, the same
/// rule ids, and the rule's grade as its <c>SuccessEvent</c>. RulesEngine only says which rules succeeded; the hit
/// policy, the scope, the <c>default</c>/<c>below</c> grade and validation are applied here in C#.
/// </summary>
public sealed class PeerWorkflow
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly MicrosoftRulesEngine _engine;

    private PeerWorkflow(string name, MicrosoftRulesEngine engine)
    {
        Name = name;
        _engine = engine;
    }

    /// <summary>The workflow name (the policy id).</summary>
    public string Name { get; }

    /// <summary>Reads <c>Workflows/{policyId}.json</c> from the assembly and builds a RulesEngine for it.</summary>
    public static PeerWorkflow Load(string policyId)
    {
        var resource = policyId + ".json";
        using var stream = typeof(PeerWorkflow).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded workflow '{resource}' not found");
        var workflows = JsonSerializer.Deserialize<Workflow[]>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"embedded workflow '{resource}' is empty");
        return new PeerWorkflow(policyId, new MicrosoftRulesEngine(workflows, new ReSettings()));
    }

    /// <summary>Runs every rule of the workflow against one input; the results are in rule order.</summary>
    public List<RuleResultTree> Execute(RuleParameter input)
    {
        var pending = _engine.ExecuteAllRulesAsync(Name, input);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}

/// <summary><c>loan-five-category</c> on RulesEngine: validation and scope in C#, 21 rules in RulesEngine, worst-of in C#.</summary>
public sealed class PeerLoanClassifier(PeerWorkflow workflow)
{
    private static readonly string[] Grades = ["normal", "special_mention", "substandard", "doubtful", "loss"];

    public Outcome Classify(LoanPoco loan)
    {
        if (loan.Amount < 0m || loan.OverdueDays < 0 || loan.ExpectedLossRate < 0m || loan.ExpectedLossRate > 1m)
        {
            return new Outcome(Outcome.Invalid, null, []);
        }

        if (loan.Amount <= 5_000_000m)
        {
            return new Outcome(Outcome.NotApplicable, null, []);
        }

        var results = workflow.Execute(new RuleParameter("loan", loan));
        int count = 0, worst = 0;
        foreach (var result in results)
        {
            if (result.IsSuccess)
            {
                count++;
                worst = Math.Max(worst, Array.IndexOf(Grades, result.Rule.SuccessEvent));
            }
        }

        if (count == 0)
        {
            return new Outcome(Outcome.Classified, Grades[0], []);   // default: normal
        }

        var fired = new string[count];
        var n = 0;
        foreach (var result in results)
        {
            if (result.IsSuccess)
            {
                fired[n++] = result.Rule.RuleName;
            }
        }

        return new Outcome(Outcome.Classified, Grades[worst], fired);
    }
}

/// <summary>
/// A band-table policy (<c>retail-aum-tier</c>, <c>star-rating</c>) on RulesEngine: validation in C#, one rule per
/// band in RulesEngine, first match in rule order in C#, the <c>below</c> grade when none matched.
/// </summary>
public sealed class PeerBandClassifier(PeerWorkflow workflow, string inputName, string belowGrade)
{
    public Outcome Classify(object fact, decimal value)
    {
        if (value < 0m)
        {
            return new Outcome(Outcome.Invalid, null, []);
        }

        foreach (var result in workflow.Execute(new RuleParameter(inputName, fact)))
        {
            if (result.IsSuccess)
            {
                return new Outcome(Outcome.Classified, result.Rule.SuccessEvent, [result.Rule.RuleName]);
            }
        }

        return new Outcome(Outcome.Classified, belowGrade, []);
    }
}
