using Microsoft.Extensions.Hosting;
using OrleansBank.Grains;
using OrleansBank.Runtime;

// A local silo hosting the bank's grains. Until the networking issue lands it serves only in-process callers;
// Ctrl+C stops it cleanly: running turns finish and every grain is deactivated.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddGrainAssembly(typeof(AccountGrain).Assembly)
    .AddMemoryGrainStorageAsDefault());
await builder.Build().RunAsync();
