using Microsoft.CodeAnalysis;

namespace OrleansBank.Runtime.Tests.CodeGeneration;

/// <summary>Interfaces that are legal C# but awkward for generated code: it must compile without a warning, or not be emitted.</summary>
public class GrainReferenceGeneratorEdgeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;
        using OrleansBank.Runtime;

        """;

    [Fact]
    public void Generate_ObsoleteInterfaceAndMethod_CompilesWithoutWarnings()
    {
        var (generated, output) = GeneratorRun.Generate(Usings + """
            namespace Sample;

            [Obsolete("use INewGrain")]
            public interface IOldGrain : IGrainWithStringKey { Task Old(); }

            public interface IMixedGrain : IGrainWithStringKey
            {
                [Obsolete("use Now")]
                Task Before(int x);

                [Obsolete]
                Task<int> Earlier();

                Task Now(int x);
            }
            """);

        Assert.Equal(["IMixedGrain", "IOldGrain"], Interfaces(generated));
        AssertClean(output);
    }

    [Fact]
    public void Generate_ErrorObsoleteInterfaceMethodOrType_GetsNothing()
    {
        var (generated, output) = GeneratorRun.Generate(Usings + """
            namespace Sample;

            [Obsolete("gone", true)]
            public interface IGoneGrain : IGrainWithStringKey { Task Gone(); }

            public interface IGoneMethodGrain : IGrainWithStringKey
            {
                [Obsolete("gone", error: true)]
                Task Gone();
            }

            [Obsolete("gone", true)]
            public sealed class Gone { }

            public interface IGoneTypeGrain : IGrainWithStringKey
            {
                [Obsolete("takes Gone")]
                Task Take(List<Gone> gone);
            }

            [Obsolete("gone", true)]
            public static class GoneHolder
            {
                public interface IGoneBaseGrain : IGrainWithStringKey { Task Base(); }
            }

            [Obsolete("derives from a gone interface")]
            public interface IDerivedGrain : GoneHolder.IGoneBaseGrain { Task Own(); }
            """);

        Assert.Empty(generated);
        AssertClean(output);
    }

    [Fact]
    public void Generate_NullabilityAttributesOnParameters_CompilesWithoutWarnings()
    {
        var (generated, output) = GeneratorRun.Generate(Usings + """
            namespace Sample;

            public interface INullableGrain : IGrainWithStringKey
            {
                Task M([AllowNull] string s);

                Task N([DisallowNull] string? t);

                Task<string?> O([NotNull] string? u, [MaybeNull] List<string> v);
            }
            """);

        Assert.Equal(["INullableGrain"], Interfaces(generated));
        AssertClean(output);
    }

    [Fact]
    public void Generate_KeywordMethodNames_EscapesThemInCodeAndRegistersTheRawName()
    {
        var (generated, output) = GeneratorRun.Generate(Usings + """
            namespace Sample;

            public interface IKeywordGrain : IGrainWithStringKey
            {
                Task @event(int x);

                Task<int> @class(string @string);
            }
            """);

        var source = generated.Single(g => g.HintName.StartsWith("Sample_IKeywordGrain_", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("global::Sample.IKeywordGrain.@event(", source, StringComparison.Ordinal);
        Assert.Contains("\"event\"", source, StringComparison.Ordinal);
        Assert.Contains("\"class\"", source, StringComparison.Ordinal);
        AssertClean(output);
    }

    [Fact]
    public void Generate_DynamicRefStructOrStaticMembers_GetsNothing()
    {
        var (generated, output) = GeneratorRun.Generate(Usings + """
            namespace Sample;

            public interface IDynamicGrain : IGrainWithStringKey { Task Take(dynamic value); }
            public interface IDynamicResultGrain : IGrainWithStringKey { Task<dynamic> Give(); }
            public interface IDynamicListGrain : IGrainWithStringKey { Task Take(List<dynamic> values); }
            public interface IDynamicArrayGrain : IGrainWithStringKey { Task Take(dynamic[] values); }
            public interface ISpanGrain : IGrainWithStringKey { Task Take(Span<int> values); }
            public interface IReadOnlySpanGrain : IGrainWithStringKey { Task Take(ReadOnlySpan<char> text); }
            public interface IStaticFieldGrain : IGrainWithStringKey { static int Count = 1; Task Work(); }
            public interface IStaticPropertyGrain : IGrainWithStringKey { static int Count => 1; Task Work(); }
            public interface IStaticMethodGrain : IGrainWithStringKey { static Task Help() => Task.CompletedTask; Task Work(); }
            """);

        Assert.Empty(generated);
        AssertClean(output);
    }

    [Fact]
    public void Generate_InterfacesWhoseFlattenedNamesCollide_EmitsBoth()
    {
        var (generated, output) = GeneratorRun.Generate(Usings + """
            namespace A
            {
                public interface IBar : IGrainWithStringKey { Task X(); }
            }

            public interface A_IBar : IGrainWithStringKey { Task Y(); }
            """);

        var files = generated.Select(g => g.HintName).Where(h => h != "OrleansBankGrainReferences.g.cs").ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(2, files.Distinct().Count());
        Assert.All(files, f => Assert.StartsWith("A_IBar_", f, StringComparison.Ordinal));
        var initializer = generated.Single(g => g.HintName == "OrleansBankGrainReferences.g.cs").SourceText.ToString();
        Assert.Equal(2, initializer.Split(".Register();").Length - 1);
        AssertClean(output);
    }

    /// <summary>The interfaces that got a reference, by simple name.</summary>
    private static List<string> Interfaces(System.Collections.Immutable.ImmutableArray<GeneratedSourceResult> generated) => generated
        .Select(g => g.HintName)
        .Where(h => h != "OrleansBankGrainReferences.g.cs")
        .Select(h => h.Split('_')[1])
        .Order(StringComparer.Ordinal)
        .ToList();

    private static void AssertClean(Compilation output) =>
        Assert.True(output.GetDiagnostics().All(d => d.Severity < DiagnosticSeverity.Warning), GeneratorRun.Problems(output));
}
