using System.Reflection;
using System.Reflection.Emit;

namespace OrleansBank.Runtime.Tests.Architecture;

/// <summary>
/// The types a type uses, found by reflection: its signatures, fields, locals and every type, method or field its
/// IL names. Nested and compiler-generated types (lambdas, async state machines) count as their outer type.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every type that <paramref name="type"/> refers to, with generic arguments, arrays and by-refs unwrapped.</summary>
    public static IReadOnlySet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(found, i);
        }

        AddAttributes(found, type.GetCustomAttributesData());
        foreach (var field in type.GetFields(Everything))
        {
            Add(found, field.FieldType);
            AddAttributes(found, field.GetCustomAttributesData());
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(found, property.PropertyType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            AddMethod(found, method);
        }

        found.Remove(type);
        return found;
    }

    private static void AddMethod(HashSet<Type> found, MethodBase method)
    {
        AddAttributes(found, method.GetCustomAttributesData());
        if (method is MethodInfo info)
        {
            Add(found, info.ReturnType);
        }

        foreach (var parameter in method.GetParameters())
        {
            Add(found, parameter.ParameterType);
            AddAttributes(found, parameter.GetCustomAttributesData());
        }

        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Add(found, local.LocalType);
        }

        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                var token = BitConverter.ToInt32(il, at);
                AddMember(found, method.Module.ResolveMember(token, typeArguments, methodArguments));
            }

            at += OperandSize(code, il, at);
        }
    }

    private static void AddMember(HashSet<Type> found, MemberInfo? member)
    {
        switch (member)
        {
            case Type type:
                Add(found, type);
                break;
            case FieldInfo field:
                Add(found, field.DeclaringType);
                Add(found, field.FieldType);
                break;
            case MethodBase method:
                Add(found, method.DeclaringType);
                if (method is MethodInfo info)
                {
                    Add(found, info.ReturnType);
                    if (info.IsGenericMethod)
                    {
                        foreach (var argument in info.GetGenericArguments())
                        {
                            Add(found, argument);
                        }
                    }
                }

                foreach (var parameter in method.GetParameters())
                {
                    Add(found, parameter.ParameterType);
                }

                break;
        }
    }

    private static void AddAttributes(HashSet<Type> found, IEnumerable<CustomAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            Add(found, attribute.AttributeType);
        }
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        while (type is not null && (type.HasElementType))
        {
            type = type.GetElementType();
        }

        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }

            type = type.GetGenericTypeDefinition();
        }

        found.Add(type);
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
