using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Tiering.Rules.Runtime;
using Tiering.Rules.Model;

namespace Tiering.Rules.Facts;

/// <summary>
/// Binds POCO facts of one type without generating code: for hosts without a JIT (Native AOT), where
/// <see cref="PocoBinder"/>'s expression trees would only be interpreted, every fact of the type; under a JIT, its
/// facts before it earns its compiled binder (reflection's invoke would emit a stub per getter at its second call,
/// <see cref="BinderRegistry.PrepareBinder{TFact}"/>). Each property getter becomes a typed delegate
/// once (<see cref="MethodInfo.CreateDelegate{T}()"/> needs no code generation), and each value goes to the same
/// <c>Bind*</c> helper the compiled binder calls, so numbers and flags are neither boxed nor read by reflection per fact,
/// and validation and messages are the same. Built from a generic entry point (<c>Decide&lt;TFact&gt;</c>,
/// <c>DecideMany&lt;TFact&gt;</c>), which is what makes the delegate types known to the AOT compiler.
/// </summary>
internal static class DelegateBinder
{
    /// <summary>
    /// Whether facts declared as <typeparamref name="TFact"/> are POCOs this binder serves: a concrete class that is not
    /// a dictionary or a string (decided once per type). Dictionaries and JSON keep their own path.
    /// </summary>
    public static class FactType<TFact>
    {
        public static readonly bool IsPoco = IsPocoType(typeof(TFact));

        private static bool IsPocoType(Type type) =>
            !type.IsValueType && !type.IsAbstract && !type.IsInterface && type != typeof(object) && type != typeof(string)
            && !typeof(System.Collections.IDictionary).IsAssignableFrom(type)
            && !typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type)
            && !typeof(IDictionary<string, object?>).IsAssignableFrom(type);
    }

    /// <summary>The binder for facts whose run-time type is exactly <typeparamref name="TFact"/>.</summary>
    public static Action<object, Frame> Build<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(IReadOnlyList<FieldDefinition> fields)
    {
        var binders = new Action<TFact, Frame>[fields.Count];
        for (var i = 0; i < binders.Length; i++)
        {
            binders[i] = ForField<TFact>(fields[i]);
        }

        return (fact, frame) =>
        {
            var typed = (TFact)fact;
            foreach (var bind in binders)
            {
                bind(typed, frame);
            }
        };
    }

    private static Action<TFact, Frame> ForField<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(FieldDefinition field)
    {
        var property = field.Name.Contains('.', StringComparison.Ordinal) ? null : PocoAccessors.For(typeof(TFact), field.Name);
        if (property?.GetMethod is not { } getter)
        {
            return (fact, frame) => PocoBinder.BindGeneral(field, fact!, frame);
        }

        var t = property.PropertyType;
        if (field.Type is FieldType.Decimal or FieldType.Integer)
        {
            if (t == typeof(decimal))
            {
                var get = getter.CreateDelegate<Func<TFact, decimal>>();
                return (fact, frame) => PocoBinder.BindNumber(field, get(fact), frame);
            }

            if (t == typeof(decimal?))
            {
                var get = getter.CreateDelegate<Func<TFact, decimal?>>();
                return (fact, frame) => PocoBinder.BindNullableNumber(field, get(fact), frame);
            }

            if (t == typeof(int))
            {
                var get = getter.CreateDelegate<Func<TFact, int>>();
                return (fact, frame) => PocoBinder.BindWhole(field, get(fact), frame);
            }

            if (t == typeof(long))
            {
                var get = getter.CreateDelegate<Func<TFact, long>>();
                return (fact, frame) => PocoBinder.BindWhole(field, get(fact), frame);
            }

            if (t == typeof(int?))
            {
                var get = getter.CreateDelegate<Func<TFact, int?>>();
                return (fact, frame) => PocoBinder.BindNullableWhole(field, get(fact), frame);
            }

            if (t == typeof(long?))
            {
                var get = getter.CreateDelegate<Func<TFact, long?>>();
                return (fact, frame) => PocoBinder.BindNullableWhole(field, get(fact), frame);
            }

            if (t == typeof(double))
            {
                var get = getter.CreateDelegate<Func<TFact, double>>();
                return (fact, frame) => PocoBinder.BindDouble(field, get(fact), frame);
            }
        }
        else if (field.Type == FieldType.Boolean)
        {
            if (t == typeof(bool))
            {
                var get = getter.CreateDelegate<Func<TFact, bool>>();
                return (fact, frame) => PocoBinder.BindFlag(field, get(fact), frame);
            }

            if (t == typeof(bool?))
            {
                var get = getter.CreateDelegate<Func<TFact, bool?>>();
                return (fact, frame) => PocoBinder.BindNullableFlag(field, get(fact), frame);
            }
        }

        if (!t.IsValueType)
        {
            // Text and other reference-typed properties: a delegate returning object (return types are covariant).
            var get = getter.CreateDelegate<Func<TFact, object?>>();
            return (fact, frame) => PocoBinder.BindBoxed(field, get(fact), frame);
        }

        // Other value types (enums, dates, short, float…): rare in facts; read boxed, validated as the general path does.
        return (fact, frame) => PocoBinder.BindBoxed(field, property.GetValue(fact), frame);
    }
}
