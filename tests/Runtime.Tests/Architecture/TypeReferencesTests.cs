using System.Text;

namespace OrleansBank.Runtime.Tests.Architecture;

/// <summary>The dependency rules are only as good as the reference finder: it must see uses hidden in method bodies.</summary>
public class TypeReferencesTests
{
    [Fact]
    public void Of_TypeUsedOnlyInAMethodBody_IsFound()
    {
        var used = TypeReferences.Of(typeof(Sample));

        Assert.Contains(typeof(StringBuilder), used);
        Assert.Contains(typeof(Uri), used);
    }

    [Fact]
    public void Of_TypeUsedInALambdaOrAsyncMethod_IsFoundOnTheNestedCompilerType()
    {
        var nested = typeof(Sample).GetNestedTypes(System.Reflection.BindingFlags.NonPublic);

        Assert.Contains(nested, t => TypeReferences.Of(t).Contains(typeof(Version)));
        Assert.Contains(nested, t => TypeReferences.Of(t).Contains(typeof(UriBuilder)));
    }

    [Fact]
    public void Of_GenericArgumentsAndArrays_AreUnwrapped()
    {
        var used = TypeReferences.Of(typeof(Sample));

        Assert.Contains(typeof(DateOnly), used);
        Assert.Contains(typeof(TimeOnly), used);
        Assert.Contains(typeof(List<>), used);
    }

    private sealed class Sample
    {
        private readonly List<DateOnly> _days = [];

        public TimeOnly[] Times { get; } = [];

        public string Build(object value) => value is Uri ? new StringBuilder("u").ToString() : _days.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public Func<string> Later() => () => new Version(1, 2).ToString();

        public async Task<string> LaterAsync()
        {
            await Task.Yield();
            return new UriBuilder("http", "localhost").Host;
        }
    }
}
