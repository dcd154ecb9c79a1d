// `rules:`: each rule; the rule ids that every kind of rule shares; the fields each rule reads; collect's output owners.
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    /// <summary>The indices of the rules written with a <c>priority</c> key (null: none).</summary>
    private HashSet<int>? _prioritised;

    private static readonly string[] RuleKeys = ["id", "when", "then", "outputs", "because", "description", "accept", "priority"];

    private void ReadRules(MappingEntry rulesNode, ScratchList<RuleDefinition> rules, NameMap<GradeDefinition> grades, NameMap<SyntaxNode> ruleIds, HitPolicy? hitPolicy)
    {
        if (_read.AsSequence(rulesNode.Value, "rules") is not { } ruleList)
        {
            return;
        }

        foreach (var item in ruleList.Items)
        {
            if (ReadRule(item, rules.Count, grades, ruleIds, hitPolicy) is { } rule)
            {
                rules.Add(rule);
            }
        }
    }

    private string? ReadRuleId(MappingSyntax map, string what, NameMap<SyntaxNode> ruleIds)
    {
        var idNode = _read.Required(map, "id", what);
        var id = _read.String(idNode, $"the id of {what}");
        if (id is null)
        {
            return null;
        }

        if (TooLong(id, idNode!.Span, "rule id"))
        {
            return null;
        }

        if (!Identifiers.IsRuleId(id))
        {
            _read.Report(DiagnosticDescriptors.InvalidId, idNode!.Span, id, "rule", "use letters, digits, '-', '_' and '.'");
            return null;
        }

        if (ruleIds.TryGetValue(id, out var first))
        {
            _read.Report(DiagnosticDescriptors.DuplicateRuleId, idNode!.Span, id, first.Span.Start.Line);
            return null;
        }

        ruleIds.TryAdd(id, idNode!);
        return id;
    }

    private RuleDefinition? ReadRule(SyntaxNode node, int index, NameMap<GradeDefinition> grades, NameMap<SyntaxNode> ruleIds, HitPolicy? hitPolicy)
    {
        if (_read.AsMapping(node, "a rule") is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, "a rule", RuleKeys);
        var id = ReadRuleId(map, "a rule", ruleIds);
        var whereRule = id is null ? "a rule" : $"rule '{id}'";
        var when = _read.Required(map, "when", whereRule) is { } whenNode ? GuardAggregates(BindExpression(whenNode, $"when of {whereRule}", asCondition: true)) : null;
        int? grade = null;
        if (map.Find("then") is { } then)
        {
            grade = ReadGradeRef(then.Value, grades, $"then of {whereRule}");
        }
        else if (hitPolicy != HitPolicy.Collect)
        {
            _read.Report(DiagnosticDescriptors.MissingKey, map.Span, "then", whereRule);
        }

        var outputs = ReadOutputs(map.Find("outputs")?.Value, out var computed);
        var because = _read.String(map.Find("because")?.Value, "because");
        int? priority = null;
        if (map.Find("priority") is { } priorityNode)
        {
            Prioritise(index);
            priority = ReadPriority(priorityNode, whereRule, hitPolicy);
        }

        if (id is null || when is null)
        {
            return null;
        }

        return new RuleDefinition(id, index, RuleKind.Rule, when, grade, outputs, because, map.Span) { Text = ScalarText(map.Find("when")?.Value), Accepts = ReadAccepts(map), Computed = computed, Priority = priority };
    }

    /// <summary>
    /// <c>priority: 1</c>: a rule's place in a collect policy's list of fired rules, as DMN's output order or a rank
    /// column in a spreadsheet puts it — 1 first, ties in rule order. Only under collect; a whole number from 1.
    /// </summary>
    private int? ReadPriority(MappingEntry node, string whereRule, HitPolicy? hitPolicy)
    {
        if (hitPolicy is { } policy && policy != HitPolicy.Collect)
        {
            _read.Report(DiagnosticDescriptors.PriorityOutsideCollect, node.Key.Span, policy.ToString().ToLowerInvariant());
            return null;
        }

        if (_read.AsScalar(node.Value, $"the priority of {whereRule}") is not { } scalar)
        {
            return null;
        }

        if (scalar.IsQuoted || !int.TryParse(scalar.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var priority) || priority < 1)
        {
            _read.Report(DiagnosticDescriptors.PriorityValue, scalar.Span, whereRule, $"'{scalar.Value}'");
            return null;
        }

        return priority;
    }

    /// <summary>Under collect, priorities are all or nothing: a rule without one among rules with one has no place in the list.</summary>
    /// <summary>
    /// Remembers that rule <paramref name="index"/> has a priority, even when its value is wrong (a bad value is one
    /// error, not also a missing priority). A method of its own: the set's type is loaded only by a policy with
    /// priorities, not by every first load that reads a rule (docs/DESIGN.md §6a).
    /// </summary>
    private void Prioritise(int index) => (_prioritised ??= []).Add(index);

    private void CheckPriorities(ScratchList<RuleDefinition> rules)
    {
        if (_prioritised is null)
        {
            return;
        }

        RuleDefinition? declaring = null;
        foreach (var rule in rules)
        {
            if (_prioritised.Contains(rule.Index))
            {
                declaring = rule;
                break;
            }
        }

        foreach (var rule in rules)
        {
            if (declaring is not null && !_prioritised.Contains(rule.Index))
            {
                _read.Report(DiagnosticDescriptors.PriorityMissing, rule.Span, rule.Id, declaring.Id);
            }
        }
    }

    /// <summary>Every rule of every kind, each with the fields it reads.</summary>
    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    private static RuleDefinition[] WithReads(ScratchList<RuleDefinition> rules, bool withFormulas)
    {
        // By index: a builder's enumerator is an iterator class of its own, which a first load would load and compile.
        var withReads = new RuleDefinition[rules.Count];
        for (var i = 0; i < withReads.Length; i++)
        {
            withReads[i] = WithReads(rules[i], withFormulas);
        }

        return withReads;
    }

    private static RuleDefinition WithReads(RuleDefinition rule, bool withFormulas)
    {
        // The fields in declaration order, each once (a handful per rule: an ordered insert, no sorted collection).
        var reads = new ScratchList<FieldDefinition>();
        foreach (var expr in new[] { rule.Condition, rule.Points })
        {
            if (expr is not null)
            {
                foreach (var f in BoundExprWalker.FieldsRead(expr))
                {
                    Add(f);
                }
            }
        }

        foreach (var f in rule.Reads)
        {
            Add(f);
        }

        if (withFormulas)
        {
            foreach (var expr in FormulasOf(rule))
            {
                foreach (var f in BoundExprWalker.FieldsRead(expr))
                {
                    Add(f);
                }
            }
        }

        return rule with { Reads = reads.ToArray() };

        void Add(FieldDefinition field)
        {
            var at = 0;
            while (at < reads.Count && reads[at].Index < field.Index)
            {
                at++;
            }

            if (at < reads.Count && reads[at].Index == field.Index)
            {
                reads[at] = field;
            }
            else
            {
                reads.Insert(at, field);
            }
        }
    }

    /// <summary>The rule's computed outputs' expressions: their fields are evidence of the rule too.</summary>
    private static BoundExpr[] FormulasOf(RuleDefinition rule)
    {
        var formulas = new BoundExpr[rule.Computed.Length];
        for (var i = 0; i < formulas.Length; i++)
        {
            formulas[i] = rule.Computed[i].Expr;
        }

        return formulas;
    }

    /// <summary>Under collect an output key belongs to one rule, unless an aggregate folds it (then it is a list).</summary>
    private void CheckCollectOutputs(ScratchList<RuleDefinition> rules, Aggregate[] aggregates)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var key in rule.Outputs.Keys.Concat(rule.Computed.Select(c => c.Name)))
            {
                if (aggregates.Any(a => a.Output == key))
                {
                    continue;
                }

                if (owners.TryGetValue(key, out var other))
                {
                    _read.Report(DiagnosticDescriptors.DuplicateOutput, rule.Span, key, other, rule.Id);
                }
                else
                {
                    owners[key] = rule.Id;
                }
            }
        }
    }
}
