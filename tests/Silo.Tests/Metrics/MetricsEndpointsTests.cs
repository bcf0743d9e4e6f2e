using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Silo.Tests.Http;

namespace OrleansBank.Silo.Tests.Metrics;

/// <summary>GET /metrics on a silo in this process, over real loopback HTTP, after real grain calls.</summary>
public sealed class MetricsEndpointsTests
{
    [Fact]
    public async Task Get_AfterNCalls_ShowsNOkCallsOfThatMethodInPrometheusFormat()
    {
        await using var silo = await StartAsync(enabled: null);
        var grains = silo.App.Services.GetRequiredService<IGrainFactory>();
        var account = grains.GetGrain<IAccountGrain>("metrics-ann");
        await account.Open("Ann", 0m, "open-1");
        const int N = 7;
        for (var i = 0; i < N; i++)
        {
            await account.Deposit(1m, $"deposit-{i}");
        }

        using var response = await silo.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var samples = PrometheusFormat.Parse(text);
        Assert.Contains($"orleansbank_grain_calls_total{{grain_type=\"account\",grain_method=\"Deposit\",outcome=\"ok\"}} {N}\n", text);
        Assert.Equal(N, samples["orleansbank_grain_call_duration_seconds_count{grain_method=Deposit,grain_type=account,outcome=ok}"]);
        Assert.Contains("# TYPE orleansbank_grain_call_duration_seconds histogram\n", text);
    }

    [Fact]
    public async Task Get_MetricsOff_IsNotFoundSayingHowToTurnThemOnAndNothingListens()
    {
        await using var silo = await StartAsync(enabled: false);
        var grains = silo.App.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAccountGrain>("metrics-off").Open("Off", 0m, "open-1");

        using var response = await silo.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("--metrics true", await response.Content.ReadAsStringAsync());
        Assert.False(CallCounter(silo).Enabled, "with metrics off nothing may listen to the grain call counter");
    }

    /// <summary>The silo's grain call counter, found by a listener that does not enable it.</summary>
    private static Instrument CallCounter(WebSilo silo)
    {
        var scope = silo.App.Services.GetRequiredService<IMeterFactory>();
        Instrument? found = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Name == "orleansbank.grain.calls" && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    found = instrument;
                }
            },
        };
        listener.Start();
        return found ?? throw new InvalidOperationException("the silo has no orleansbank.grain.calls instrument");
    }

    private static Task<WebSilo> StartAsync(bool? enabled) => WebSilo.StartAsync(builder =>
    {
        if (enabled is { } on)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Metrics:Enabled"] = on ? "true" : "false" });
        }

        builder.UseOrleans(silo => silo.AddGrainAssembly(typeof(AccountGrain).Assembly).AddMemoryGrainStorageAsDefault());
    });
}
