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
    public async Task Get_CallsOfTwoMethodsWithTwoOutcomes_CounterAgreesWithHistogramCountPerSeries()
    {
        await using var silo = await StartAsync(enabled: null);
        var account = silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>("metrics-agree");
        await account.Open("Agree", 0m, "open-1");
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => account.Open("Agree", 0m, $"open-again-{i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            await account.Deposit(1m, $"deposit-{i}");
        }

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => account.Deposit(-1m, $"bad-deposit-{i}"));
        }

        using var response = await silo.Http.GetAsync("/metrics");
        var samples = PrometheusFormat.Parse(await response.Content.ReadAsStringAsync());

        foreach (var (method, outcome, n) in new[] { ("Open", "ok", 1), ("Open", "error", 2), ("Deposit", "ok", 5), ("Deposit", "error", 3) })
        {
            var labels = $"grain_method={method},grain_type=account,outcome={outcome}";
            Assert.Equal(n, samples[$"orleansbank_grain_calls_total{{{labels}}}"]);
            Assert.Equal(n, samples[$"orleansbank_grain_call_duration_seconds_count{{{labels}}}"]);
        }
    }

    [Fact]
    public async Task Get_MetricsOn_ListensToTheCallDurationsButNotTheCallCounter()
    {
        await using var silo = await StartAsync(enabled: null);

        Assert.True(CallInstrument(silo, "orleansbank.grain.call.duration").Enabled, "the /metrics and dashboard listeners read every call from its duration");
        Assert.False(CallInstrument(silo, "orleansbank.grain.calls").Enabled, "the call counter is the durations' count: listening to it too would cost each call a second lookup");
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
        Assert.False(CallInstrument(silo, "orleansbank.grain.calls").Enabled, "with metrics off nothing may listen to the grain call counter");
        Assert.False(CallInstrument(silo, "orleansbank.grain.call.duration").Enabled, "with metrics off nothing may listen to the grain call durations");
    }

    /// <summary>One of the silo's grain call instruments, found by a listener that does not enable it.</summary>
    private static Instrument CallInstrument(WebSilo silo, string name)
    {
        var scope = silo.App.Services.GetRequiredService<IMeterFactory>();
        Instrument? found = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Name == name && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    found = instrument;
                }
            },
        };
        listener.Start();
        return found ?? throw new InvalidOperationException($"the silo has no {name} instrument");
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
