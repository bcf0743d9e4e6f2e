using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>One in-process grain call from a hosted caller, beside the channel round-trip floor, in one run.</summary>
[MemoryDiagnoser]
public class InProcessCallBenchmarks
{
    public const int CallsPerInvocation = 64_000;

    private IHost _host = null!;
    private IEchoGrain _grain = null!;
    private ChannelServer _channel = null!;

    [Params(1, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.AddGrainAssembly(typeof(EchoGrain).Assembly));
        _host = builder.Build();
        _host.Start();
        _grain = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IEchoGrain>(0);
        _grain.Echo(0).GetAwaiter().GetResult();
        _channel = new ChannelServer();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _channel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation)]
    public Task ChannelRoundTrip() => Run(_channel.Echo);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task GrainCall() => Run(_grain.Echo);

    private Task Run(Func<int, Task<int>> call)
    {
        var perCaller = CallsPerInvocation / Callers;
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                for (var i = 0; i < perCaller; i++)
                {
                    await call(i);
                }
            });
        }

        return Task.WhenAll(callers);
    }
}
