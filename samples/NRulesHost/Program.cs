// A host that already runs NRules: the credit-risk officers' YAML policy (rules/loan-five-category.yaml) decides its
// loans in the host's own NRules session, next to the host's C# rules, and one of those rules reacts to the YAML
// policy's decision. Run: dotnet run --project samples/NRulesHost [-- <rules directory>]
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using Tiering.Rules;
using Tiering.Rules.NRules;
using Tiering.Rules.Samples.NRulesHost;

// <compose>
// 1. Load the YAML policies (everything the loader rejects, with file:line:column, never gets further) and translate
//    them into NRules rule sets; Bind makes every Loan inserted into a session a fact of loan-five-category.
var policies = PolicySet.LoadDirectory(args.Length > 0 ? args[0] : RulesDirectory());
var translated = NRulesPolicySet.Create(policies, o => o.Bind<Loan>("loan-five-category"));

// 2. The host's own rules, in its own repository, next to the translated rule sets; one session factory for both.
var repository = new RuleRepository();
repository.Load(x => x.From(typeof(FreezeCreditLineOnLoss)));
foreach (var ruleSet in translated.RuleSets)
{
    repository.Add(ruleSet);
}

ISessionFactory factory = new RuleCompiler().Compile(repository.GetRuleSets());

// 3. Insert the host's own Loan objects, fire: the YAML rules classify them, each decision becomes a PolicyDecision
//    fact, and the host rule matches the loss among them.
var loans = new object[]
{
    new Loan("L-1", Amount: 12_000_000m, OverdueDays: 0, ExpectedLossRate: 0m),
    new Loan("L-2", Amount: 12_000_000m, OverdueDays: 95, ExpectedLossRate: 0.10m),
    new Loan("L-3", Amount: 30_000_000m, OverdueDays: 400, ExpectedLossRate: 0.95m),
    new Loan("L-4", Amount: 8_000_000m, OverdueDays: -3, ExpectedLossRate: 0m), // invalid: decided invalid, never reaches the rules
};
var session = factory.CreateSession();
session.Events.RuleFiredEvent += (_, e) => Console.WriteLine($"  fired: {e.Rule.Name}");
session.InsertAll(loans);
session.Fire();

foreach (var decision in session.Query<PolicyDecision>().OrderBy(d => ((Loan)d.Fact).Id, StringComparer.Ordinal))
{
    var errors = string.Join("; ", decision.Decision.Errors.Select(e => $"{e.Field}: {e.Message}"));
    Console.WriteLine($"{((Loan)decision.Fact).Id}: {decision.Decision}{(errors.Length > 0 ? " — " + errors : "")}");
}

foreach (var action in session.Query<CreditLineFrozen>())
{
    Console.WriteLine($"host rule: froze the credit line of {action.Loan.Id} ({action.Reason})");
}
// </compose>

static string RulesDirectory()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
        {
            return Path.Combine(dir.FullName, "rules");
        }
    }

    throw new DirectoryNotFoundException("run from inside the repository, or pass the rules directory");
}
