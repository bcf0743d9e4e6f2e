using System.CommandLine;
using System.Globalization;
using OrleansBank.Client.Output;
using OrleansBank.Grains;
using OrleansBank.Runtime.Cluster;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary>
/// <c>cluster</c>: every member of the cluster, as the silo behind the gateway sees it (its GET /cluster), asked over
/// the gateway through the cluster view grain: the same connection, secret and errors as every other command.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("cluster", "List the cluster's silos (dead ones too): status, gateway, HTTP address, last heartbeat, activations by grain type.");
        command.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            var report = await client.GetGrain<IClusterViewGrain>(IClusterViewGrain.Key).GetCluster();
            Show(o, report);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Show(ConsoleOutput o, ClusterReport report)
    {
        if (o.Json)
        {
            o.WriteJson(report);
            return;
        }

        var table = new Table()
            .Title($"Cluster {report.ClusterId.EscapeMarkup()}: {report.Silos.Count(s => s.Status == SiloStatus.Active)} active of {report.Silos.Count}")
            .AddColumns("Silo", "Generation", "Status", "Gateway", "HTTP", "Activations", "Last heartbeat");
        foreach (var silo in report.Silos)
        {
            table.AddRow(
                silo.Address.EscapeMarkup(),
                silo.Generation.ToString(CultureInfo.InvariantCulture),
                Status(silo.Status),
                (silo.Gateway ?? "-").EscapeMarkup(),
                (silo.Http ?? "-").EscapeMarkup(),
                Activations(silo.Activations).EscapeMarkup(),
                silo.LastHeartbeat.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        o.Console.Write(table);
    }

    private static string Status(SiloStatus status) => status switch
    {
        SiloStatus.Active => "[green]active[/]",
        SiloStatus.Dead => "[red]dead[/]",
        SiloStatus.ShuttingDown => "[yellow]shuttingDown[/]",
        _ => "[yellow]joining[/]",
    };

    private static string Activations(IReadOnlyDictionary<string, int>? counts) =>
        counts is null ? "unknown (no answer)"
        : counts.Count == 0 ? "none"
        : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value.ToString(CultureInfo.InvariantCulture)}"));
}
