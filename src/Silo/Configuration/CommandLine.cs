using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using OrleansBank.Runtime;
using OrleansBank.Telemetry;

namespace OrleansBank.Silo.Configuration;

/// <summary>The silo's command line, parsed with System.CommandLine: every option sets one key of the "Silo" section.</summary>
internal static class CommandLine
{
    private const string PortForm = "a whole number between 0 and 65535 (0 picks a free port)";

    /// <summary>Every option, in the order the help lists them.</summary>
    public static readonly IReadOnlyList<SiloOption> Options =
    [
        new("--listen", "ListenAddress", "ADDRESS", "an IP address such as 127.0.0.1 or ::1, localhost, or * for every interface", SiloSettings.IsListenAddress),
        new("--advertise", "AdvertisedAddress", "ADDRESS", "the IP address or host name other silos and clients reach this silo on, such as 10.0.0.5 or bank1.example.com (not * or 0.0.0.0)", SiloSettings.IsAdvertisedAddress),
        new("--silo-port", "SiloPort", "PORT", PortForm, IsPort),
        new("--gateway-port", "GatewayPort", "PORT", PortForm, IsPort),
        new("--http-port", "HttpPort", "PORT", PortForm, IsPort),
        new("--storage", "Storage", "KIND", "sqlite, postgres or memory", v => v is "sqlite" or "postgres" or "memory"),
        new("--data", "DataDirectory", "FOLDER", "the folder that holds orleansbank.db, relative to where the silo is started", v => v.Trim().Length > 0),
        new("--postgres", "Postgres", "CONN", "an Npgsql connection string, \"Host=...;Username=...;Password=...;Database=...\"", v => v.Trim().Length > 0),
        new("--group-commit", "GroupCommit", "BOOL", "true or false", v => bool.TryParse(v, out _)),
        new("--max-connections", "MaxConnections", "N", "a whole number that must be at least 1", v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1),
        new("--metrics", "Enabled", "BOOL", "true or false", v => bool.TryParse(v, out _), "Metrics"),
        new("--cluster-id", "ClusterId", "ID", "a name of 1 to 128 characters without control characters, the same on every silo of the cluster", v => !new ClusterOptions { ClusterId = v }.Problems().Any(), ClusterOptions.SectionName),
        new("--cluster-secret", "ClusterSecret", "SECRET", $"at least {ClusterOptions.MinimumSecretLength} characters, the same on every silo and client, e.g. from `openssl rand -base64 32`", v => v.Length > 0 && !new ClusterOptions { ClusterSecret = v }.Problems().Any(), ClusterOptions.SectionName, IsSecret: true),
        new("--otlp-endpoint", "Endpoint", "URL", "an absolute http or https URL of an OTLP/HTTP collector, such as http://127.0.0.1:4318", OtlpOptions.IsEndpoint, OtlpOptions.SectionName),
        new("--trace-sample-ratio", "SampleRatio", "RATIO", "a number from 0 to 1, such as 0.01 (1 keeps every trace)", TracingOptions.IsSampleRatio, TracingOptions.SectionName),
    ];

    public const string Help = """
        OrleansBank silo: hosts the bank's grains; clients connect to its gateway, browsers and scripts to its HTTP port.

        Usage: dotnet run --project src/Silo -- [options]

        Options (command line / environment variable / appsettings.json key, default):
          --listen ADDRESS      ORLEANSBANK_Silo__ListenAddress   Silo:ListenAddress   127.0.0.1  (an IP address, localhost, or * for every interface)
          --advertise ADDRESS   ORLEANSBANK_Silo__AdvertisedAddress  Silo:AdvertisedAddress  the listen address (127.0.0.1 for *)  (what other silos and clients use)
          --silo-port PORT      ORLEANSBANK_Silo__SiloPort        Silo:SiloPort        11111
          --gateway-port PORT   ORLEANSBANK_Silo__GatewayPort     Silo:GatewayPort     30000
          --http-port PORT      ORLEANSBANK_Silo__HttpPort        Silo:HttpPort        8080
          --storage KIND        ORLEANSBANK_Silo__Storage         Silo:Storage         sqlite     (postgres; memory: lost on exit)
          --data FOLDER         ORLEANSBANK_Silo__DataDirectory   Silo:DataDirectory   data       (holds orleansbank.db; relative to where you start the silo)
          --postgres CONN       ORLEANSBANK_Silo__Postgres        Silo:Postgres                   (Npgsql connection string)
          --group-commit BOOL   ORLEANSBANK_Silo__GroupCommit     Silo:GroupCommit     true       (false: one flush per event)
          --max-connections N   ORLEANSBANK_Silo__MaxConnections  Silo:MaxConnections  from ulimit -n (less the files open and a reserve; max 10000)
          --metrics BOOL        ORLEANSBANK_Metrics__Enabled      Metrics:Enabled      true       (false: nothing listens to the instruments; no /metrics)
          --cluster-id ID       ORLEANSBANK_Cluster__ClusterId    Cluster:ClusterId    orleansbank (silos of another id are refused)
          --cluster-secret SECRET  ORLEANSBANK_Cluster__ClusterSecret  Cluster:ClusterSecret  none  (at least 16 characters; prefer the environment variable)
          --otlp-endpoint URL   ORLEANSBANK_Otlp__Endpoint        Otlp:Endpoint        none       (or OTEL_EXPORTER_OTLP_ENDPOINT; send traces and metrics over OTLP/HTTP)
          --trace-sample-ratio RATIO  ORLEANSBANK_Tracing__SampleRatio  Tracing:SampleRatio  0.01  (share of root spans kept; children follow their parent)
          --version             Show the version and exit.
          -h, --help            Show this help.

        Prefer the environment variable for the secret: a command-line flag shows in `ps` to every user of the machine.
        A port of 0 picks a free port; the log says which. The command line wins over the environment,
        which wins over appsettings.json.

        HTTP: GET /health (same as /health/ready), GET /health/live, GET /health/ready (503 while the store is unreachable
        or the silo stops), GET /accounts/{id}/statement.csv, GET /accounts/{id}/statement.json, GET /openapi/v1.json
        GET /cluster (every member of the cluster: status, endpoints, activations), GET /cluster/local (this silo's activations)
        GET /metrics (this silo's metrics, Prometheus text format)
        Cluster: silos sharing --data (sqlite) or --postgres, with the same --cluster-id, form one cluster; memory storage is a cluster of one.
        Exit codes: 0 stopped cleanly, 1 could not start (port in use, store unusable), 2 bad option or setting,
        3 declared dead by the cluster (it stopped answering its peers' probes, or another silo took its place).
        Stop with Ctrl+C or SIGTERM: requests in flight are answered, grains deactivate, then it exits 0.
        """;

    /// <summary>
    /// Parses the arguments. Help and version are written to <paramref name="stdout"/>; every bad option is one line on
    /// <paramref name="stderr"/> naming it and the form it accepts.
    /// </summary>
    public static ParsedCommandLine Parse(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("OrleansBank silo.");
        var options = Options.Select(spec => (Spec: spec, Option: new Option<string>(spec.Name) { HelpName = spec.ValueName, Description = spec.Accepted })).ToList();
        options.ForEach(o => root.Options.Add(o.Option));

        // --Silo:Key=value reaches the configuration as it always did; System.CommandLine would read it as an unknown option.
        var configurationArguments = args.Where(IsConfigurationArgument).ToArray();
        var parse = root.Parse(args.Where(a => !IsConfigurationArgument(a)).ToArray());
        if (parse.Action is HelpAction)
        {
            stdout.WriteLine(Help);
            return new ParsedCommandLine(0, new Dictionary<string, string?>(), []);
        }

        var settings = new Dictionary<string, string?>();
        var problems = new List<string>();
        foreach (var (spec, option) in options)
        {
            if (parse.GetResult(option) is not { } result)
            {
                continue;
            }

            // System.CommandLine takes the next token as the value even when it is another option: then none was given.
            var value = result.Tokens.Count > 0 && !Options.Any(o => o.Name == result.Tokens[^1].Value) ? result.Tokens[^1].Value : null;
            if (result.Tokens.Count > 1)
            {
                problems.Add($"{spec.Name} is given {result.Tokens.Count} values; give it one: {spec.Accepted}.");
            }
            else if (value is null || !spec.IsValid(value))
            {
                problems.Add(spec.Problem(value));
            }
            else
            {
                settings[spec.ConfigurationKey] = value;
            }
        }

        // A stray value is most likely a consequence of another problem (an unknown option's value, or the value of an
        // option whose own value was missing): it is named only when nothing else is wrong.
        var unknown = parse.UnmatchedTokens.Where(t => t.StartsWith('-')).ToList();
        problems.AddRange((unknown.Count > 0 || problems.Count > 0 ? unknown : parse.UnmatchedTokens).Select(Unexpected));
        if (problems.Count == 0)
        {
            // What the checks above do not cover, e.g. an option given twice: System.CommandLine's own words.
            problems.AddRange(parse.Errors.Select(e => e.Message));
        }

        if (problems.Count > 0)
        {
            problems.Distinct().ToList().ForEach(p => stderr.WriteLine($"error: {p}"));
            return new ParsedCommandLine(2, settings, configurationArguments);
        }

        if (parse.Action is not null)
        {
            // --version: the informational version of the executable.
            var exit = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return new ParsedCommandLine(exit, settings, configurationArguments);
        }

        return new ParsedCommandLine(null, settings, configurationArguments);
    }

    /// <summary>
    /// The values of the options' keys, wherever they came from (environment, appsettings.json), that do not have the
    /// accepted form: one sentence each, naming the key and its environment variable, as the command line would.
    /// </summary>
    public static IEnumerable<string> SettingProblems(IConfiguration configuration) =>
        from spec in Options
        let value = configuration[spec.ConfigurationKey]
        where !string.IsNullOrEmpty(value) && !spec.IsValid(value)
        select $"The setting {spec.ConfigurationKey} (ORLEANSBANK_{spec.Section}__{spec.Key}, {spec.Name}){(spec.IsSecret ? "" : $" '{value}'")} is not valid: {spec.Accepted}.";

    private static string Unexpected(string token)
    {
        if (!token.StartsWith('-'))
        {
            return $"unexpected argument '{token}': every option takes one value; --help lists the options.";
        }

        var hint = ClosestName.Find(token.Split('=')[0], [.. Options.Select(o => o.Name), "--help", "--version"]) is { } near ? $"did you mean {near}? " : "";
        return $"unknown option {token}; {hint}--help lists the options.";
    }

    private static bool IsConfigurationArgument(string arg) => arg.StartsWith("--Silo:", StringComparison.OrdinalIgnoreCase);

    private static bool IsPort(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535;
}
