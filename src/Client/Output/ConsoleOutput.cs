using System.Text.Json;
using OrleansBank.Grains;
using Spectre.Console;

namespace OrleansBank.Client.Output;

/// <summary>Where commands write: tables for people, exact JSON with --json, and no escape codes when redirected.</summary>
internal sealed class ConsoleOutput(TextWriter stdout, TextWriter stderr, bool json)
{
    public bool Json { get; } = json;

    /// <summary>True when a person is watching: the real console, not redirected. Only then escape codes and live progress.</summary>
    public bool IsTerminal { get; } = stdout == System.Console.Out && !System.Console.IsOutputRedirected;

    public IAnsiConsole Console => _console ??= CreateConsole();

    /// <summary>The width given to output that is not a terminal: wider than any line the client writes.</summary>
    internal const int UnwrappedWidth = 16_384;

    private IAnsiConsole? _console;

    private IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!IsTerminal)
        {
            // Redirected output goes to files, pipes and logs, which have no width: a line is never broken, however
            // long its ids (tables are only as wide as their content).
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }

    public void WriteJson<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, BankJson.Options));

    /// <summary>Writes text as it is, for output produced piece by piece (a statement of any size).</summary>
    public void Write(string text) => stdout.Write(text);

    /// <summary>Writes a line for the person on stderr, out of the way of the result (and of --json) on stdout.</summary>
    public void Note(string message) => stderr.WriteLine(message);

    /// <summary>Writes one line to stderr, whatever the message holds: scripts read errors line by line.</summary>
    public void Error(string message) =>
        stderr.WriteLine($"error: {string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
}
