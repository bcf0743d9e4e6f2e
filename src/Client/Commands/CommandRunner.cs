using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Client.Output;
using OrleansBank.Runtime;
using OrleansBank.Telemetry;

namespace OrleansBank.Client.Commands;

/// <summary>Runs a command body: connects to the cluster when it needs one, and turns any error into one line and an exit code.</summary>
internal sealed class CommandRunner(Option<bool> json, Option<string[]> gateways, Func<bool, ConsoleOutput> output)
{
    public Option<bool> JsonOption => json;

    /// <summary>The option that lists the gateways, for a command that opens its own connections (audit).</summary>
    public Option<string[]> GatewayOption => gateways;

    /// <summary>The option that carries the cluster secret, if the command line has one; null sends no secret.</summary>
    public Option<string?>? ClusterSecret { get; init; }

    /// <summary>The option naming an OTLP collector, if the command line has one; null exports nothing.</summary>
    public Option<string?>? OtlpEndpoint { get; init; }

    /// <summary>The option giving the share of command traces kept.</summary>
    public Option<string?>? SampleRatio { get; init; }

    /// <summary>
    /// Runs a command body with the cluster client connected; any error becomes one stderr line and an exit code.
    /// Pass the operation id the body sends, if any: an error after which it may have run names it for the retry.
    /// </summary>
    public Task<int> WithClient(ParseResult parse, CancellationToken cancellationToken, Func<IClusterClient, ConsoleOutput, Task<int>> body, string? operationId = null, string retryOption = "--op-id") =>
        Run(parse, async o =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
            if (ClusterSecret is not null && parse.GetValue(ClusterSecret) is { } secret)
            {
                builder.Configuration[$"{ClusterOptions.SectionName}:{nameof(ClusterOptions.ClusterSecret)}"] = secret;
            }

            builder.UseOrleansClient(client => client.UseStaticClustering(parse.GetValue(gateways)!));
            AddTelemetry(builder, parse);
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            var span = CommandTracing.Start(parse);
            int? exit = null;
            try
            {
                var work = body(host.Services.GetRequiredService<IClusterClient>(), o);
                if (operationId is not null && !work.IsCompleted)
                {
                    // A change in flight cannot be recalled: on Ctrl+C stop waiting for it, and name the id to retry with.
                    await Task.WhenAny(work, Task.Delay(Timeout.Infinite, cancellationToken));
                    if (!work.IsCompleted)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                }

                exit = await work;
                return exit.Value;
            }
            finally
            {
                // Before the host stops: its exporter flushes what has ended, and this span must be among it.
                CommandTracing.End(span, exit);
                await host.StopAsync(CancellationToken.None);
            }
        }, operationId, retryOption);

    private void AddTelemetry(HostApplicationBuilder builder, ParseResult parse)
    {
        if (OtlpEndpoint is not null && parse.GetValue(OtlpEndpoint) is { } endpoint)
        {
            builder.Configuration[$"{OtlpOptions.SectionName}:{nameof(OtlpOptions.Endpoint)}"] = endpoint;
        }

        if (SampleRatio is not null && parse.GetValue(SampleRatio) is { } ratio)
        {
            builder.Configuration[$"{TracingOptions.SectionName}:{nameof(TracingOptions.SampleRatio)}"] = ratio;
        }

        builder.Services.AddOrleansBankTelemetry(builder.Configuration, "orleansbank-client");
    }

    /// <summary>Runs a command body; any error becomes one stderr line and an exit code.</summary>
    public async Task<int> Run(ParseResult parse, Func<ConsoleOutput, Task<int>> body, string? operationId = null, string retryOption = "--op-id")
    {
        var o = output(parse.GetValue(json));
        try
        {
            return await body(o);
        }
        catch (Exception ex)
        {
            var (code, message) = ExitCodes.Classify(ex, operationId, retryOption);
            o.Error(message);
            return code;
        }
    }
}
