namespace OrleansBank.Silo.Configuration;

/// <summary>The silo's command-line switches, and the help text that lists every way to set them.</summary>
internal static class CommandLine
{
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--listen"] = "Silo:ListenAddress",
        ["--silo-port"] = "Silo:SiloPort",
        ["--gateway-port"] = "Silo:GatewayPort",
        ["--http-port"] = "Silo:HttpPort",
        ["--storage"] = "Silo:Storage",
        ["--data"] = "Silo:DataDirectory",
        ["--postgres"] = "Silo:Postgres",
        ["--group-commit"] = "Silo:GroupCommit",
        ["--max-connections"] = "Silo:MaxConnections",
    };

    public const string Help = """
        OrleansBank silo: hosts the bank's grains; clients connect to its gateway, browsers and scripts to its HTTP port.

        Usage: dotnet run --project src/Silo -- [options]

        Options (command line / environment variable / appsettings.json key, default):
          --listen ADDRESS      ORLEANSBANK_Silo__ListenAddress   Silo:ListenAddress   127.0.0.1  (* for every interface)
          --silo-port PORT      ORLEANSBANK_Silo__SiloPort        Silo:SiloPort        11111
          --gateway-port PORT   ORLEANSBANK_Silo__GatewayPort     Silo:GatewayPort     30000
          --http-port PORT      ORLEANSBANK_Silo__HttpPort        Silo:HttpPort        8080
          --storage KIND        ORLEANSBANK_Silo__Storage         Silo:Storage         sqlite     (postgres; memory: lost on exit)
          --data FOLDER         ORLEANSBANK_Silo__DataDirectory   Silo:DataDirectory   data       (holds orleansbank.db)
          --postgres CONN       ORLEANSBANK_Silo__Postgres        Silo:Postgres                   (Npgsql connection string)
          --group-commit BOOL   ORLEANSBANK_Silo__GroupCommit     Silo:GroupCommit     true       (false: one flush per event)
          --max-connections N   ORLEANSBANK_Silo__MaxConnections  Silo:MaxConnections  from ulimit -n (less the files open and a reserve; max 10000)
          -h, --help            Show this help.

        A port of 0 picks a free port; the log says which. The command line wins over the environment,
        which wins over appsettings.json.

        HTTP: GET /health, GET /accounts/{id}/statement.csv, GET /accounts/{id}/statement.json
        Stop with Ctrl+C or SIGTERM: requests in flight are answered, grains deactivate, then it exits 0.
        """;

    public static bool WantsHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?");

    /// <summary>Switches that are not known, so a typo stops the silo instead of being silently ignored.</summary>
    public static IEnumerable<string> Unknown(string[] args) =>
        args.Where(a => a.StartsWith('-') && !Switches.ContainsKey(a.Split('=')[0]) && !a.StartsWith("--Silo:", StringComparison.OrdinalIgnoreCase));
}
