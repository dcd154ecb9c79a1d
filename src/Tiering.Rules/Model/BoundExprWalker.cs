using Tiering.Rules.Collections;

namespace Tiering.Rules.Model;

/// <summary>Read-only walks over bound expressions.</summary>
internal static class BoundExprWalker
{
    /// <summary>Every field the expression reads, each once, in the order first met.</summary>
    public static FieldDefinition[] FieldsRead(BoundExpr expr)
    {
        var result = new ScratchList<FieldDefinition>();
        Visit(expr, result);
        return result.ToArray();

        static void Visit(BoundExpr e, ScratchList<FieldDefinition> acc)
        {
            foreach (var child in Children(e))
            {
                Visit(child, acc);
            }

            var field = e switch
            {
                BoundField f => f.Field,
                BoundIsMissing m => m.Field,
                _ => null,
            };
            if (field is not null && !Listed(acc, field))
            {
                acc.Add(field);
            }
        }

        // A policy's fields are told apart by index (not record equality, which compares every member).
        static bool Listed(ScratchList<FieldDefinition> acc, FieldDefinition field)
        {
            foreach (var f in acc)
            {
                if (f.Index == field.Index)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The operands of <paramref name="e"/> (plain arrays: the compiler's single-element list types are generic code a first load would compile).</summary>
    public static BoundExpr[] Children(BoundExpr e) => e switch
    {
        BoundNot n => new[] { n.Operand },
        BoundNegate n => new[] { n.Operand },
        BoundLogical l => new[] { l.Left, l.Right },
        BoundCompare c => new[] { c.Left, c.Right },
        BoundArithmetic a => new[] { a.Left, a.Right },
        BoundInterval i => new[] { i.Subject, i.Low, i.High },
        BoundSet s => new[] { s.Subject },
        BoundCall c => c.Arguments,
        _ => Array.Empty<BoundExpr>(),
    };
}
