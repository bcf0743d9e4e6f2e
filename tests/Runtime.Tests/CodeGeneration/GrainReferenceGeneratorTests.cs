using Microsoft.CodeAnalysis;

namespace OrleansBank.Runtime.Tests.CodeGeneration;

public class GrainReferenceGeneratorTests
{
    private const string Grains = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OrleansBank.Runtime;

        namespace Sample;

        public readonly record struct Money(decimal Amount, string Currency);

        public interface IBaseGrain : IGrainWithStringKey
        {
            Task Ping();

            Task<int> Count(int? limit);
        }

        public interface IWideGrain : IBaseGrain
        {
            Task<Money> Add(Money money, decimal amount, long @checked);

            Task<string?> Describe(string? label, int[] values, List<string?> names, params byte[] bytes);

            Task<int?> Maybe(bool yes);

            Task<(int, string)> Pair();
        }

        internal interface IInternalGrain : IGrainWithGuidKey
        {
            Task<decimal> Balance();
        }

        public static class Outer
        {
            public interface INestedGrain : IGrainWithIntegerKey
            {
                Task Nested();
            }
        }
        """;

    [Fact]
    public void Generate_GrainInterfaces_EmitsReferenceAndRequestsThatCompile()
    {
        var (generated, output) = GeneratorRun.Generate(Grains);

        Assert.Equal(
            ["OrleansBankGrainReferences.g.cs", "Sample_IBaseGrain_3d3e70c7_Reference.g.cs", "Sample_IInternalGrain_d099dc2f_Reference.g.cs", "Sample_IWideGrain_575b0bc1_Reference.g.cs", "Sample_Outer_INestedGrain_9e4b8776_Reference.g.cs"],
            generated.Select(g => g.HintName).Order(StringComparer.Ordinal));
        Assert.True(output.GetDiagnostics().All(d => d.Severity < DiagnosticSeverity.Warning), GeneratorRun.Problems(output));
    }

    [Fact]
    public void Generate_InheritedInterface_ImplementsTheBaseMethodsWithTypedRequests()
    {
        var (generated, _) = GeneratorRun.Generate(Grains);
        var wide = generated.Single(g => g.HintName == "Sample_IWideGrain_575b0bc1_Reference.g.cs").SourceText.ToString();

        // Six methods, two of them from the base interface, each with its own request class and typed fields.
        Assert.Contains("global::System.Threading.Tasks.Task global::Sample.IBaseGrain.Ping()", wide, StringComparison.Ordinal);
        Assert.Contains("global::Sample.IBaseGrain.Count(int? @limit)", wide, StringComparison.Ordinal);
        Assert.Contains("public global::Sample.Money Arg0 = default!;", wide, StringComparison.Ordinal);
        Assert.Contains("public global::System.Collections.Generic.List<string?> Arg2 = default!;", wide, StringComparison.Ordinal);
        Assert.Equal(6, wide.Split("private sealed class Request").Length - 1);
        Assert.DoesNotContain("object?[]", wide, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_InterfacesTheRuntimeRejects_GetNothing()
    {
        const string source = """
            using System.Threading.Tasks;
            using OrleansBank.Runtime;

            namespace Sample;

            public interface IGenericGrain<T> : IGrainWithStringKey { Task<T> Get(); }
            public interface IRefGrain : IGrainWithStringKey { Task Set(ref int value); }
            public interface IOutGrain : IGrainWithStringKey { Task Get(out int value); }
            public interface IInGrain : IGrainWithStringKey { Task Set(in decimal value); }
            public interface IGenericMethodGrain : IGrainWithStringKey { Task<T> Get<T>(); }
            public interface IValueTaskGrain : IGrainWithStringKey { ValueTask<int> Get(); }
            public interface IVoidGrain : IGrainWithStringKey { void Fire(); }
            public interface IPropertyGrain : IGrainWithStringKey { Task<int> Value { get; } }
            public interface IInheritsRejectedGrain : IRefGrain { Task Fine(); }
            public interface INotAGrain { Task Work(); }
            public class Holder { private interface IPrivateGrain : IGrainWithStringKey { Task Hidden(); } }
            """;

        var (generated, output) = GeneratorRun.Generate(source);

        Assert.Empty(generated);
        Assert.True(output.GetDiagnostics().All(d => d.Severity < DiagnosticSeverity.Warning), GeneratorRun.Problems(output));
    }

    [Fact]
    public void Generate_PartialInterfaceDeclaredTwice_EmitsOneReference()
    {
        const string source = """
            using System.Threading.Tasks;
            using OrleansBank.Runtime;

            namespace Sample;

            public partial interface ISplitGrain : IGrainWithStringKey { Task One(); }
            public partial interface ISplitGrain : IGrainWithStringKey { Task Two(); }
            """;

        var (generated, output) = GeneratorRun.Generate(source);

        Assert.Equal(["OrleansBankGrainReferences.g.cs", "Sample_ISplitGrain_f584ad0e_Reference.g.cs"], generated.Select(g => g.HintName).Order(StringComparer.Ordinal));
        Assert.True(output.GetDiagnostics().All(d => d.Severity < DiagnosticSeverity.Warning), GeneratorRun.Problems(output));
    }
}
