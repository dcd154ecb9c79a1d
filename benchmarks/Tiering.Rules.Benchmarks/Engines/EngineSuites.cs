using NRules;
using Tiering.Rules.NRules;

namespace Tiering.Rules.Benchmarks;

/// <summary>Where an engine puts each fact's outcome. A struct type argument, so the JIT specialises every run for it.</summary>
public interface IOutcomeSink
{
    void Put(int index, Outcome outcome);
}

/// <summary>A hand-written classifier as a struct type, so a loop over it is compiled for it, with the call inlined.</summary>
/// <typeparam name="TFact">The fact type.</typeparam>
public interface IHandWrittenClassifier<TFact>
{
    Outcome Classify(TFact fact);
}

/// <summary>Keeps every outcome, for the agreement check.</summary>
public readonly struct OutcomeArray(Outcome[] into) : IOutcomeSink
{
    public void Put(int index, Outcome outcome) => into[index] = outcome;
}

/// <summary>
/// Reads every outcome and keeps none, for the timed runs: the outcome is produced and consumed as a streaming host
/// (<c>tiering classify</c>) does, so it dies young, and the sum keeps the JIT from discarding the work.
/// </summary>
public struct OutcomeChecksum : IOutcomeSink
{
    public long Sum;

    public void Put(int index, Outcome outcome) => Sum += outcome.Status.Length + (outcome.Grade?.Length ?? 0) + outcome.Fired.Count;
}

/// <summary>One competitor: a name (the benchmark method's) and a run over a whole workload into an outcome per fact.</summary>
/// <typeparam name="TFact">The fact type.</typeparam>
public sealed record Competitor<TFact>(string Name, Action<TFact[], Outcome[]> Run);

/// <summary>
/// Every engine for one workload. The benchmark methods call exactly these runs, and <see cref="AgreementCheck"/>
/// checks exactly these runs against <see cref="HandWritten"/>, so what is timed is what was checked.
/// </summary>
/// <typeparam name="TFact">The fact type.</typeparam>
public interface IEngineSuite<TFact>
{
    /// <summary>The workload's name (the policy id).</summary>
    string Workload { get; }

    /// <summary>The baseline run.</summary>
    void HandWritten(TFact[] facts, Outcome[] into);

    /// <summary>Every other engine, by benchmark method name.</summary>
    IReadOnlyList<Competitor<TFact>> Competitors { get; }
}

/// <summary>Shared Tiering.Rules runs: one <see cref="PolicySet.Decide"/> per fact, and the span batch.</summary>
public abstract class TieringSuite<TFact>
    where TFact : notnull
{
    private readonly PolicySet _policies;
    private readonly string _policyId;
    private NRulesPolicySet? _onNRules;

    protected TieringSuite(PolicySet policies, string policyId)
    {
        _policies = policies;
        _policyId = policyId;
    }

    /// <summary>
    /// The same policies translated to NRules, made on first use (only the suites with NRules rows pay for it) and
    /// <see cref="NRulesPolicySet.Prepare"/>d, so every timed fact runs the compiled conditions.
    /// </summary>
    public NRulesPolicySet OnNRules => _onNRules ??= NRulesPolicySet.Create(_policies).Prepare();

    public string Workload => _policyId;

    /// <summary>Wraps a sink-generic run as a <see cref="Competitor{TFact}"/> that fills an array.</summary>
    protected static Competitor<TFact> Keep(string name, Run run) => new(name, (facts, into) =>
    {
        var sink = new OutcomeArray(into);
        run(facts, ref sink);
    });

    /// <summary>A run specialised for <see cref="OutcomeArray"/>.</summary>
    protected delegate void Run(TFact[] facts, ref OutcomeArray sink);

    /// <summary>The public API one fact at a time, reading the fired ids.</summary>
    public void TieringRules<TSink>(TFact[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var policies = _policies;
        var policyId = _policyId;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, TieringOutcome.From(policies.Decide(policyId, facts[i])));
        }
    }

    /// <summary>
    /// The streaming batch: <see cref="PolicySet.DecideMany{TFact}(string, ReadOnlySpan{TFact}, Action{int, Decision}, DateOnly?)"/>
    /// over the whole portfolio, each decision turned into an outcome (fired ids materialised) as it is handed over and
    /// kept by nobody, as a nightly portfolio run does.
    /// </summary>
    public void TieringRulesBatch<TSink>(TFact[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var box = new SinkBox<TSink>(sink);
        _policies.DecideMany(_policyId, facts, box.Put);
        sink = box.Sink;
    }

    /// <summary>
    /// The span batch: <see cref="PolicySet.DecideMany{TFact}(string, ReadOnlySpan{TFact}, Span{Decision}, DateOnly?)"/>
    /// over chunks of <see cref="ChunkSize"/> facts into one reused buffer, each chunk read (fired ids materialised) before
    /// the next, so no decision outlives its chunk.
    /// </summary>
    public void TieringRulesSpanBatch<TSink>(TFact[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var buffer = _buffer;
        for (var start = 0; start < facts.Length; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, facts.Length - start);
            _policies.DecideMany(_policyId, new ReadOnlySpan<TFact>(facts, start, count), buffer.AsSpan(0, count));
            for (var j = 0; j < count; j++)
            {
                sink.Put(start + j, TieringOutcome.From(buffer[j]));
            }
        }
    }

    /// <summary>The translated policy on NRules, each fact in a session of its own (<see cref="NRulesPolicySet.Decide{TFact}"/>).</summary>
    public void NRules<TSink>(TFact[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var onNRules = OnNRules;
        var policyId = _policyId;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, TieringOutcome.From(onNRules.Decide(policyId, facts[i])));
        }
    }

    /// <summary>
    /// The translated policy on NRules, the whole workload in one session (<see cref="NRulesPolicySet.DecideMany{TFact}"/>):
    /// every fact inserted, fired once, each decision read in input order.
    /// </summary>
    public void NRulesBatch<TSink>(TFact[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var decisions = OnNRules.DecideMany(_policyId, facts);
        for (var i = 0; i < decisions.Count; i++)
        {
            sink.Put(i, TieringOutcome.From(decisions[i]));
        }
    }

    /// <summary>The NRules rows, by benchmark method name.</summary>
    protected IEnumerable<Competitor<TFact>> NRulesCompetitors() =>
    [
        Keep(nameof(NRules), NRules),
        Keep(nameof(NRulesBatch), NRulesBatch),
    ];

    /// <summary>
    /// A hand-written classifier in the span batch's shape, for comparison with <see cref="TieringRulesSpanBatch{TSink}"/>:
    /// chunks of <see cref="ChunkSize"/> facts classified into one reused buffer of outcomes, each chunk read before the
    /// next. Not a baseline: the ratios stay to the single-pass <c>HandWritten</c> row (benchmarks/README.md).
    /// </summary>
    protected void HandWrittenSpanBatch<TClassifier, TSink>(TFact[] facts, ref TSink sink)
        where TClassifier : struct, IHandWrittenClassifier<TFact>
        where TSink : struct, IOutcomeSink
    {
        var buffer = _outcomes;
        var classifier = default(TClassifier);
        for (var start = 0; start < facts.Length; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, facts.Length - start);
            for (var j = 0; j < count; j++)
            {
                buffer[j] = classifier.Classify(facts[start + j]);
            }

            for (var j = 0; j < count; j++)
            {
                sink.Put(start + j, buffer[j]);
            }
        }
    }

    private readonly Outcome[] _outcomes = new Outcome[ChunkSize];

    /// <summary>Facts per <see cref="TieringRulesSpanBatch{TSink}"/> chunk.</summary>
    public const int ChunkSize = 1024;

    /// <summary>The competitors every Tiering.Rules suite runs, by benchmark method name.</summary>
    protected IEnumerable<Competitor<TFact>> TieringCompetitors() =>
    [
        Keep(nameof(TieringRules), TieringRules),
        Keep(nameof(TieringRulesBatch), TieringRulesBatch),
        Keep(nameof(TieringRulesSpanBatch), TieringRulesSpanBatch),
    ];

    private readonly Decision[] _buffer = new Decision[ChunkSize];

    /// <summary>Holds a struct sink for the streaming batch's callback.</summary>
    private sealed class SinkBox<TSink>(TSink sink)
        where TSink : struct, IOutcomeSink
    {
        public TSink Sink = sink;

        public void Put(int index, Decision decision) => Sink.Put(index, TieringOutcome.From(decision));
    }
}

public sealed class LoanEngines : TieringSuite<LoanPoco>, IEngineSuite<LoanPoco>
{
    private readonly PeerLoanClassifier _peer;
    private ISessionFactory? _handWrittenNRules;

    public LoanEngines(PolicySet policies)
        : base(policies, Workloads.LoanPolicy)
    {
        _peer = new PeerLoanClassifier(PeerWorkflow.Load(Workloads.LoanPolicy));
        Competitors =
        [
            Keep(nameof(HandWrittenAllocating), HandWrittenAllocating), Keep(nameof(HandWrittenSpanBatch), HandWrittenSpanBatch),
            .. TieringCompetitors(), Keep(nameof(RulesEngine), RulesEngine),
            .. NRulesCompetitors(), Keep(nameof(HandWrittenNRules), HandWrittenNRules), Keep(nameof(HandWrittenNRulesBatch), HandWrittenNRulesBatch),
        ];
    }

    /// <summary>The hand-written NRules fluent rules (<see cref="Benchmarks.HandWrittenNRules"/>), compiled on first use.</summary>
    public ISessionFactory HandWrittenNRulesFactory => _handWrittenNRules ??= Benchmarks.HandWrittenNRules.Compile();

    /// <summary>Loads <c>rules/loan-five-category.yaml</c> and builds every engine.</summary>
    public static LoanEngines Create() => new(PolicySet.LoadFiles([RepositoryPaths.PolicyFile(Workloads.LoanPolicy)]));

    public IReadOnlyList<Competitor<LoanPoco>> Competitors { get; }

    public void HandWritten(LoanPoco[] facts, Outcome[] into)
    {
        var sink = new OutcomeArray(into);
        HandWritten(facts, ref sink);
    }

    public void HandWritten<TSink>(LoanPoco[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, Benchmarks.HandWritten.Loan(facts[i]));
        }
    }

    /// <summary>The baseline in the span batch's two passes (<see cref="TieringSuite{TFact}.HandWrittenSpanBatch{TClassifier, TSink}"/>).</summary>
    public void HandWrittenSpanBatch<TSink>(LoanPoco[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink => HandWrittenSpanBatch<Classifier, TSink>(facts, ref sink);

    private readonly struct Classifier : IHandWrittenClassifier<LoanPoco>
    {
        public Outcome Classify(LoanPoco fact) => Benchmarks.HandWritten.Loan(fact);
    }

    /// <summary>The baseline as first written: a new fired-id array for every fact that fires a rule.</summary>
    public void HandWrittenAllocating<TSink>(LoanPoco[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, Benchmarks.HandWritten.LoanAllocating(facts[i]));
        }
    }

    public void RulesEngine<TSink>(LoanPoco[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var peer = _peer;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, peer.Classify(facts[i]));
        }
    }

    /// <summary>The hand-written NRules rules, each loan in a session of its own.</summary>
    public void HandWrittenNRules<TSink>(LoanPoco[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var factory = HandWrittenNRulesFactory;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, Benchmarks.HandWrittenNRules.Decide(factory, facts[i]));
        }
    }

    /// <summary>The hand-written NRules rules, the whole workload in one session.</summary>
    public void HandWrittenNRulesBatch<TSink>(LoanPoco[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink =>
        Benchmarks.HandWrittenNRules.DecideMany(HandWrittenNRulesFactory, facts, ref sink);
}

public sealed class AumEngines : TieringSuite<AumCustomer>, IEngineSuite<AumCustomer>
{
    private readonly PeerBandClassifier _peer;

    public AumEngines(PolicySet policies)
        : base(policies, Workloads.AumPolicy)
    {
        _peer = new PeerBandClassifier(PeerWorkflow.Load(Workloads.AumPolicy), "customer", "untiered");
        Competitors =
        [
            Keep(nameof(HandWrittenAllocating), HandWrittenAllocating), Keep(nameof(HandWrittenSpanBatch), HandWrittenSpanBatch),
            .. TieringCompetitors(), Keep(nameof(RulesEngine), RulesEngine),
            .. NRulesCompetitors(),
        ];
    }

    /// <summary>Loads <c>rules/retail-aum-tier.yaml</c> and builds every engine.</summary>
    public static AumEngines Create() => new(PolicySet.LoadFiles([RepositoryPaths.PolicyFile(Workloads.AumPolicy)]));

    public IReadOnlyList<Competitor<AumCustomer>> Competitors { get; }

    public void HandWritten(AumCustomer[] facts, Outcome[] into)
    {
        var sink = new OutcomeArray(into);
        HandWritten(facts, ref sink);
    }

    public void HandWritten<TSink>(AumCustomer[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, Benchmarks.HandWritten.Aum(facts[i]));
        }
    }

    /// <summary>The baseline in the span batch's two passes (<see cref="TieringSuite{TFact}.HandWrittenSpanBatch{TClassifier, TSink}"/>).</summary>
    public void HandWrittenSpanBatch<TSink>(AumCustomer[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink => HandWrittenSpanBatch<Classifier, TSink>(facts, ref sink);

    private readonly struct Classifier : IHandWrittenClassifier<AumCustomer>
    {
        public Outcome Classify(AumCustomer fact) => Benchmarks.HandWritten.Aum(fact);
    }

    /// <summary>The baseline as first written: a new fired-id array for every fact that fires a rule.</summary>
    public void HandWrittenAllocating<TSink>(AumCustomer[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, Benchmarks.HandWritten.AumAllocating(facts[i]));
        }
    }

    public void RulesEngine<TSink>(AumCustomer[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var peer = _peer;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, peer.Classify(facts[i], facts[i].Aum));
        }
    }
}

public sealed class StarEngines : TieringSuite<StarCustomer>, IEngineSuite<StarCustomer>
{
    public StarEngines(PolicySet policies)
        : base(policies, Workloads.StarPolicy)
    {
        Competitors = [.. TieringCompetitors()];
    }

    /// <summary>Loads <c>rules/star-rating.yaml</c> and builds every engine.</summary>
    public static StarEngines Create() => new(PolicySet.LoadFiles([RepositoryPaths.PolicyFile(Workloads.StarPolicy)]));

    public IReadOnlyList<Competitor<StarCustomer>> Competitors { get; }

    public void HandWritten(StarCustomer[] facts, Outcome[] into)
    {
        var sink = new OutcomeArray(into);
        HandWritten(facts, ref sink);
    }

    public void HandWritten<TSink>(StarCustomer[] facts, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, Benchmarks.HandWritten.Star(facts[i]));
        }
    }
}
