using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OrleansBank.CodeGenerator;

namespace OrleansBank.Runtime.Tests.CodeGeneration;

/// <summary>Compiles sample sources against the runtime, with or without the grain code generator.</summary>
internal static class GeneratorRun
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Grain).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>Runs the generator on <paramref name="source"/>; returns the generated files and the compilation with them.</summary>
    public static (ImmutableArray<GeneratedSourceResult> Generated, Compilation Output) Generate(string source)
    {
        var driver = CSharpGeneratorDriver.Create([new GrainReferenceGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(Compile(source), out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return (driver.GetRunResult().Results.Single().GeneratedSources, output);
    }

    public static CSharpCompilation Compile(string source, string assemblyName = "Sample") => CSharpCompilation.Create(
        assemblyName,
        [CSharpSyntaxTree.ParseText(source, ParseOptions)],
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Every error and warning of <paramref name="compilation"/>, one a line, for an assertion message.</summary>
    public static string Problems(Compilation compilation) => string.Join(
        Environment.NewLine,
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
}
