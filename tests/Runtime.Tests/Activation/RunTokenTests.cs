using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Activation;

public class RunTokenTests
{
    [Fact]
    public async Task RunTokens_TwoSilosInOneProcess_NameTheirSiloAndNeverCollide()
    {
        await using var first = await TestSilo.StartAsync();
        await using var second = await TestSilo.StartAsync();
        var firstSilo = first.Cluster.ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var secondSilo = second.Cluster.ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var firstTokens = await Tokens(first);
        var secondTokens = await Tokens(second);

        Assert.NotEqual(firstSilo, secondSilo);
        Assert.All(firstTokens, t => Assert.EndsWith($"@{firstSilo}", t, StringComparison.Ordinal));
        Assert.All(secondTokens, t => Assert.EndsWith($"@{secondSilo}", t, StringComparison.Ordinal));
        // Each silo counts on its own, so the counters alone repeat; the silo in the token keeps them apart.
        Assert.NotEmpty(Sequences(firstTokens).Intersect(Sequences(secondTokens)));
        Assert.Equal(firstTokens.Count + secondTokens.Count, firstTokens.Concat(secondTokens).Distinct().Count());
    }

    private static async Task<List<string>> Tokens(TestSilo silo)
    {
        var tokens = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            tokens.Add(await silo.Grains.GetGrain<IRunTokenGrain>($"t-{i % 3}").CurrentRunToken());
        }

        return tokens;
    }

    private static IEnumerable<string> Sequences(IEnumerable<string> tokens) => tokens.Select(t => t[..t.IndexOf('@', StringComparison.Ordinal)]);
}
