using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using OrleansBank.Telemetry;

namespace OrleansBank.Client.Commands;

/// <summary>
/// A command's root span, so the command, the grains it reaches and their storage writes share one trace. The storm
/// has none: its thousands of calls are each a root of their own, sampled one by one.
/// </summary>
internal static class CommandTracing
{
    private static readonly ActivitySource Source = new(TelemetryNames.ActivitySource);

    /// <summary>Starts "orleansbank withdraw" (or "orleansbank standing-order create"), a root whatever is current.</summary>
    public static Activity? Start(ParseResult parse)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command && command.Parent is not null; result = result.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        if (names is ["storm"])
        {
            return null;
        }

        var span = Source.StartActivity($"orleansbank {string.Join(' ', names)}", ActivityKind.Internal, default(ActivityContext));
        span?.SetTag("command", string.Join(' ', names));
        return span;
    }

    /// <summary>Ends the command's span with its exit code; anything but 0 marks it failed.</summary>
    public static void End(Activity? span, int? exitCode)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("exit_code", exitCode);
        if (exitCode != 0)
        {
            span.SetStatus(ActivityStatusCode.Error, exitCode is null ? "the command failed" : $"exit code {exitCode}");
        }

        span.Stop();
    }
}
