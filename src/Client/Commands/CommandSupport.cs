using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Client.Output;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Commands;

/// <summary>What every command shares: global options, connecting to the cluster, turning errors into exit codes.</summary>
internal sealed class CommandSupport(Option<bool> json, Option<string[]> gateways, Func<bool, ConsoleOutput> output)
{
    public Option<bool> JsonOption => json;

    public static Option<string[]> CreateGatewayOption()
    {
        var option = new Option<string[]>("--gateway")
        {
            Description = "A silo gateway as host:port; repeat for several. Default: localhost:30000.",
            Recursive = true,
            DefaultValueFactory = _ => ["localhost:30000"],
        };
        option.Validators.Add(result =>
        {
            foreach (var gateway in result.GetValueOrDefault<string[]>() ?? [])
            {
                var colon = gateway.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                {
                    result.AddError($"'{gateway}' is not a gateway: write it as host:port, e.g. localhost:30000.");
                }
            }
        });
        return option;
    }

    public static Argument<decimal> AmountArgument(string name = "amount") => new(name)
    {
        Description = "An amount such as 25 or 19.99.",
    };

    /// <summary>Runs a command body with the cluster client connected; any error becomes one stderr line and an exit code.</summary>
    public Task<int> WithClient(ParseResult parse, CancellationToken cancellationToken, Func<IClusterClient, ConsoleOutput, Task<int>> body) =>
        Run(parse, async o =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleansClient(client => client.UseStaticClustering(parse.GetValue(gateways)!));
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            try
            {
                return await body(host.Services.GetRequiredService<IClusterClient>(), o);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });

    /// <summary>Runs a command body; any error becomes one stderr line and an exit code.</summary>
    public async Task<int> Run(ParseResult parse, Func<ConsoleOutput, Task<int>> body)
    {
        var o = output(parse.GetValue(json));
        try
        {
            return await body(o);
        }
        catch (Exception ex)
        {
            var (code, message) = ExitCodes.Classify(ex);
            o.Error(message);
            return code;
        }
    }
}
