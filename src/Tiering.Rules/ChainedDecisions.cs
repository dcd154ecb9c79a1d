using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>
/// Writes a decision a policy reads (<c>decision('x')…</c>) into that policy's frame: its grade, and the members the
/// policy reads of it (score, status, outputs, fired rules). An invalid decision makes the frame invalid; a member the
/// decision has no value for is missing (a rule that needs it is then invalid, naming it). Both engines call this, so
/// chaining means the same on each.
/// </summary>
internal static class ChainedDecisions
{
    /// <param name="dependent">The policy that reads the decision.</param>
    /// <param name="frame">Its frame, bound.</param>
    /// <param name="gradeRef">The pseudo-field of the read policy's grade (one of <see cref="PolicyDefinition.DecisionRefs"/>).</param>
    /// <param name="decision">The read policy's decision about the same fact and as-of date.</param>
    public static void Write(PolicyDefinition dependent, Frame frame, FieldDefinition gradeRef, Decision decision)
    {
        if (decision.Status == DecisionStatus.Invalid)
        {
            foreach (var error in decision.Errors)
            {
                frame.AddError(error.Field, $"{error.Message} (needed by decision('{gradeRef.DependsOnPolicy}'))", error.Kind);
            }

            return;
        }

        if (decision.Grade is { } grade)
        {
            frame.WriteOrdinal(gradeRef, grade.Rank);
        }
        else
        {
            frame.MarkMissing(gradeRef.Index);
        }

        if (dependent.DecisionMembers.Length > 0)
        {
            WriteMembers(dependent, frame, gradeRef.DependsOnPolicy!, decision);
        }
    }

    private static void WriteMembers(PolicyDefinition dependent, Frame frame, string policyId, Decision decision)
    {
        foreach (var member in dependent.DecisionMembers)
        {
            if (member.DependsOnPolicy != policyId)
            {
                continue;
            }

            switch (member.DecisionMember)
            {
                case "score":
                    if (decision.Score is { } score)
                    {
                        frame.WriteNumber(member, score);
                    }
                    else
                    {
                        frame.MarkMissing(member.Index);
                    }

                    break;
                case "status":
                    frame.WriteOrdinal(member, (int)decision.Status);
                    break;
                case "fired":
                    frame.WriteBoolean(member, decision.FiredRuleIds.Contains(member.MemberKey!));
                    break;
                default:
                    WriteOutput(frame, member, decision);
                    break;
            }
        }
    }

    /// <summary>An output: its computed value, or its text (a plain output is text), or missing.</summary>
    private static void WriteOutput(Frame frame, FieldDefinition member, Decision decision)
    {
        if (decision.Computed is { } computed)
        {
            for (var i = 0; i < computed.Outputs.Length; i++)
            {
                if (computed.Outputs[i].Name == member.MemberKey)
                {
                    frame.Write(member, computed.ValueAt(i));
                    return;
                }
            }
        }

        if (member.Type == FieldType.String && decision.Outputs.TryGetValue(member.MemberKey!, out var text))
        {
            frame.Write(member, RuntimeValue.FromText(text));
            return;
        }

        frame.MarkMissing(member.Index);
    }
}
