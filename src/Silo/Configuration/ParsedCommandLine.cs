namespace OrleansBank.Silo.Configuration;

/// <summary>What the command line asks for: either an exit code at once (help, version, a bad option), or settings to start with.</summary>
/// <param name="Exit">Set when the silo must not start: 0 after help or version, 2 after a usage error.</param>
/// <param name="Settings">Configuration keys set by options, e.g. <c>Silo:HttpPort</c>; they win over the environment.</param>
/// <param name="ConfigurationArguments">Raw <c>--Silo:Key=value</c> arguments, for the configuration's command-line source.</param>
internal sealed record ParsedCommandLine(int? Exit, IReadOnlyDictionary<string, string?> Settings, IReadOnlyList<string> ConfigurationArguments);
