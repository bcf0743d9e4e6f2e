using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrleansBank.CodeGenerator;

/// <summary>
/// Decides whether an interface gets generated code and reads its methods. It takes exactly what the runtime accepts;
/// anything the runtime rejects (ref/out/in parameters, generic methods, returns other than Task/Task&lt;T&gt;, properties,
/// static members) is skipped, so the runtime's own error still names the problem when GetGrain is called. So is what
/// generated code cannot name or hold (dynamic, ref structs, file-local or error-obsolete types): the proxy serves those.
/// </summary>
internal static class GrainInterfaceReader
{
    private const string RuntimeNamespace = "OrleansBank.Runtime";

    // Markers the runtime leaves out of a grain interface's methods.
    private static readonly HashSet<string> MarkerInterfaces = new()
    {
        RuntimeNamespace + ".IAddressable",
        RuntimeNamespace + ".IGrain",
        RuntimeNamespace + ".IGrainWithStringKey",
        RuntimeNamespace + ".IGrainWithGuidKey",
        RuntimeNamespace + ".IGrainWithIntegerKey",
    };

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>The methods of <paramref name="type"/> in a fixed order, or null when it gets no generated code.</summary>
    public static List<GrainMethodModel>? Read(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || !IsGrainInterface(type) || !IsReachable(type) || Chain(type).Any(IsObsoleteError))
        {
            return null;
        }

        var methods = new List<GrainMethodModel>();
        foreach (var declaring in new[] { type }.Concat(type.AllInterfaces))
        {
            if (MarkerInterfaces.Contains(MetadataName(declaring)))
            {
                continue;
            }

            if (declaring.IsGenericType || Chain(declaring).Any(IsObsoleteError))
            {
                return null;
            }

            foreach (var member in declaring.GetMembers())
            {
                if (member is INamedTypeSymbol)
                {
                    continue;
                }

                var method = member is IMethodSymbol m ? Read(declaring, m) : null;
                if (method is null)
                {
                    return null;
                }

                methods.Add(method);
            }
        }

        return methods;
    }

    private static bool IsGrainInterface(INamedTypeSymbol type) =>
        !MarkerInterfaces.Contains(MetadataName(type)) && type.AllInterfaces.Any(i => MetadataName(i) == RuntimeNamespace + ".IGrain");

    /// <summary>Generated code lives beside the interface, outside any type: it must be able to name it, and it cannot be generic.</summary>
    private static bool IsReachable(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType || t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal) || IsFileLocal(t))
            {
                return false;
            }
        }

        return true;
    }

    private static GrainMethodModel? Read(INamedTypeSymbol declaring, IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.IsGenericMethod
            || method.DeclaredAccessibility != Accessibility.Public || method.Parameters.Any(p => p.RefKind != RefKind.None)
            || IsObsoleteError(method) || method.Parameters.Any(p => p.Type.IsRefLikeType || !CanName(p.Type)) || !CanName(method.ReturnType))
        {
            return null;
        }

        if (method.ReturnType is not INamedTypeSymbol { ContainingNamespace: { } ns } returns
            || ns.ToDisplayString() != "System.Threading.Tasks" || returns.Name != "Task" || returns.TypeArguments.Length > 1)
        {
            return null;
        }

        var resultType = returns.TypeArguments.Length == 1 ? returns.TypeArguments[0].ToDisplayString(TypeFormat) : null;
        var parameters = method.Parameters
            .Select(p => new GrainParameterModel(p.Name, p.Type.ToDisplayString(TypeFormat), p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeOfFormat)))
            .ToList();
        return new GrainMethodModel(declaring.ToDisplayString(TypeOfFormat), method.Name, resultType, parameters);
    }

    /// <summary>
    /// Whether generated code can write the type in a typeof and a field: not dynamic (typeof(dynamic) is CS1962), not
    /// file-local (CS0234 from another file), not obsolete as an error (CS0619, which no pragma silences), nor made of those.
    /// </summary>
    private static bool CanName(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Dynamic } => false,
        IArrayTypeSymbol array => CanName(array.ElementType),
        IPointerTypeSymbol => false,
        INamedTypeSymbol named => Chain(named).All(t => !IsFileLocal(t) && !IsObsoleteError(t)) && named.TypeArguments.All(CanName),
        _ => true,
    };

    private static IEnumerable<INamedTypeSymbol> Chain(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            yield return t;
        }
    }

    // Roslyn 4.3, which the generator builds against, has no IsFileLocal: a file-local type's metadata name is mangled "<File>F...__Name".
    private static bool IsFileLocal(INamedTypeSymbol type) => type.MetadataName.StartsWith("<", System.StringComparison.Ordinal);

    private static bool IsObsoleteError(ISymbol symbol) => symbol.GetAttributes().Any(a =>
        a.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute" && a.ConstructorArguments.Length == 2 && a.ConstructorArguments[1].Value is true);

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
}
