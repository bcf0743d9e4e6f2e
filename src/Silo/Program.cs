using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Silo.Cluster;
using OrleansBank.Silo.Configuration;
using OrleansBank.Silo.Http;
using OrleansBank.Telemetry;

// The OrleansBank silo: grains behind a TCP gateway, statements over HTTP.
var commandLine = CommandLine.Parse(args, Console.Out, Console.Error);
if (commandLine.Exit is { } exit)
{
    return exit;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("ORLEANSBANK_");
builder.Configuration.AddInMemoryCollection(commandLine.Settings);
builder.Configuration.AddCommandLine([.. commandLine.ConfigurationArguments]);

if (CommandLine.SettingProblems(builder.Configuration).ToList() is { Count: > 0 } settingProblems)
{
    settingProblems.ForEach(p => Console.Error.WriteLine($"error: {p}"));
    return 2;
}

SiloSettings settings;
try
{
    settings = builder.Configuration.GetSection("Silo").Get<SiloSettings>() ?? new SiloSettings();
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"error: {ex.Message} {ex.InnerException?.Message}".TrimEnd());
    return 2;
}

if (settings.Problems().ToList() is { Count: > 0 } problems)
{
    problems.ForEach(p => Console.Error.WriteLine($"error: {p}"));
    return 2;
}

// Port 0 is resolved now, not by Kestrel: the membership row carries the HTTP endpoint, written before Kestrel listens.
var httpPort = settings.HttpPort != 0 ? settings.HttpPort : FreePorts.Pick(settings.ListenIPAddress());
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(settings.ListenIPAddress(), httpPort);
});
builder.Services.AddSingleton<DeclaredDeadExit>();
builder.Services.AddSingleton<ISiloLifetime>(sp => sp.GetRequiredService<DeclaredDeadExit>());
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, settings.ListenAddress)
        .AddGrainAssembly(typeof(AccountGrain).Assembly)
        .AddGrainAssembly(typeof(ClusterViewGrain).Assembly)
        .Configure<EndpointOptions>(o =>
        {
            o.AdvertisedAddress = settings.AdvertisedHost();
            o.HttpEndpoint = settings.HttpEndpoint(httpPort);
        })
        // Without it RSS stays where the peak left it after a mass collection (docs/BENCHMARKS.md, issue 11).
        .Configure<GrainCollectionOptions>(o => o.CompactHeapAfterCollecting = 10_000);
    if (settings.MaxConnections is { } maxConnections)
    {
        silo.Configure<ConnectionOptions>(o => o.MaxConnections = maxConnections);
    }

    switch (settings.Storage)
    {
        case "sqlite":
            silo.AddSqliteGrainStorage(configure: o =>
            {
                o.DatabasePath = Path.Combine(settings.DataDirectory, "orleansbank.db");
                o.GroupCommit = settings.GroupCommit;
            });
            // Every silo started with this data folder (and cluster id) is a member of one cluster.
            silo.AddSqliteClusterTables(o => o.DatabasePath = Path.Combine(settings.DataDirectory, "cluster.db"))
                .UseClusterMembership();
            break;
        case "postgres":
            silo.AddPostgresGrainStorage(GrainStorage.DefaultProviderName, o =>
            {
                o.ConnectionString = settings.Postgres;
                o.GroupCommit = settings.GroupCommit;
            });
            silo.AddPostgresClusterTables(o => o.ConnectionString = settings.Postgres)
                .UseClusterMembership();
            break;
        default:
            // Memory storage is a cluster of one: nothing to share, so no membership.
            silo.AddMemoryGrainStorageAsDefault();
            break;
    }

    // Reminders resume transfers stopped by a crash and run standing orders; their table sits beside membership.
    silo.AddSiloReminders(settings);
    silo.AddAccountOptions().AddAccountWarmUp();
});

builder.Services.AddOrleansBankTelemetry(builder.Configuration, "orleansbank-silo");
SiloHttp.AddServices(builder.Services);
var app = builder.Build();
SiloHttp.Map(app);
// Resolved now: RunAsync disposes the services when it returns.
var declaredDead = app.Services.GetRequiredService<DeclaredDeadExit>();
try
{
    await app.RunAsync();
    if (declaredDead.DeclaredDead)
    {
        return DeclaredDeadExit.ExitCode;
    }
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // A storage provider's settings (GrainStorage:<name>:...) are wrong: a bad setting, like any other.
    ex.Failures.ToList().ForEach(f => Console.Error.WriteLine($"error: {f}"));
    return 2;
}
catch (ClusterTableException ex)
{
    // The cluster's tables are unusable (unreachable, or this silo could not join): say so and stop.
    Console.Error.WriteLine($"error: the silo could not join the cluster: {ex.Message}");
    return 1;
}
catch (GrainStorageException ex)
{
    // The store is unusable: say so and stop before serving anything.
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
catch (IOException ex)
{
    // Typically a port already in use: say which, and fail.
    Console.Error.WriteLine($"error: the silo could not start: {ex.Message}");
    return 1;
}
catch (System.Net.Sockets.SocketException ex)
{
    Console.Error.WriteLine($"error: the silo could not listen: {ex.Message}");
    return 1;
}

return 0;
