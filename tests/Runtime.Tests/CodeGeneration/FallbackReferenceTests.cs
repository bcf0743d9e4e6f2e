using System.Reflection;
using System.Runtime.Loader;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;

namespace OrleansBank.Runtime.Tests.CodeGeneration;

/// <summary>A project without the generator: its interfaces are served by the DispatchProxy reference and argument arrays.</summary>
public class FallbackReferenceTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using OrleansBank.Runtime;

        namespace Plain;

        public interface IPlainGrain : IGrainWithStringKey
        {
            Task<string> Greet(string name, int times);
        }

        public sealed class PlainGrain : Grain, IPlainGrain
        {
            public Task<string> Greet(string name, int times) =>
                Task.FromResult($"{System.String.Concat(System.Linq.Enumerable.Repeat(name, times))} via {OrleansBank.Runtime.Tests.TestGrains.RequestProbe.Caller()}");
        }
        """;

    private static readonly Lazy<Assembly> Plain = new(Load);

    [Fact]
    public async Task GetGrain_InterfaceWithoutGeneratedCode_FallsBackToTheProxy()
    {
        var assembly = Plain.Value;
        var grainInterface = assembly.GetType("Plain.IPlainGrain", throwOnError: true)!;
        await using var silo = await TestSilo.StartAsync(configure: s => s.AddGrainAssembly(assembly));

        var grain = typeof(IGrainFactory).GetMethods()
            .Single(m => m.Name == nameof(IGrainFactory.GetGrain) && m.GetParameters()[0].ParameterType == typeof(string))
            .MakeGenericMethod(grainInterface)
            .Invoke(silo.Grains, ["p"])!;
        var answer = await (Task<string>)grainInterface.GetMethod("Greet")!.Invoke(grain, ["ab", 2])!;

        Assert.IsAssignableFrom<GrainReference>(grain);
        Assert.Null(GrainInterface.For(grainInterface).Generated);
        Assert.Equal($"abab via {typeof(ArgumentsRequest).FullName}", answer);
    }

    /// <summary>Compiles the plain grain without the generator, as a project that does not run it would be built.</summary>
    private static Assembly Load()
    {
        var compilation = GeneratorRun.Compile(Source, "PlainGrains")
            .AddReferences(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(FallbackReferenceTests).Assembly.Location));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Problems(compilation));
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image);
    }
}
