using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// A silo in the benchmark's process with the bank's grains on one store, its reminders in the same store as the
/// silo executable keeps them (SQLite: a cluster file beside the data; PostgreSQL: the cluster_reminders table).
/// </summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(string store, bool reminders, string folder, BenchTables tables, string? postgres, Action<ISiloBuilder>? configure = null, int? reminderConnections = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.AddGrainAssembly(typeof(AccountGrain).Assembly).AddGrainAssembly(typeof(BenchSilo).Assembly);
            silo.Configure<ClusterOptions>(o => o.ClusterId = tables.ClusterId);
            switch (store)
            {
                case "memory":
                    silo.AddMemoryGrainStorageAsDefault();
                    if (reminders)
                    {
                        silo.AddMemoryReminderTable();
                    }

                    break;
                case "sqlite":
                    silo.AddSqliteGrainStorage(configure: o => o.DatabasePath = Path.Combine(folder, "bench.db"));
                    if (reminders)
                    {
                        silo.AddSqliteReminderTable(o => o.DatabasePath = Path.Combine(folder, "cluster.db"));
                    }

                    break;
                default:
                    silo.AddPostgresGrainStorage(GrainStorage.DefaultProviderName, o =>
                    {
                        o.ConnectionString = postgres!;
                        o.EventLogTableName = tables.EventLog;
                        o.TableName = tables.State;
                    });
                    if (reminders)
                    {
                        silo.AddPostgresReminderTable(o =>
                        {
                            o.ConnectionString = postgres!;
                            o.MaxConnections = reminderConnections ?? o.MaxConnections;
                        });
                    }

                    break;
            }

            if (reminders)
            {
                silo.AddReminderService().AddTransferOptions();
            }

            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Deletes what a run stored: its folder, or its PostgreSQL tables and reminder rows.</summary>
    public static async Task CleanUpAsync(string store, string folder, BenchTables tables, string? postgres)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        if (store == "postgres")
        {
            await using var connection = new Npgsql.NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand(
                $"DROP TABLE IF EXISTS {tables.EventLog}; DROP TABLE IF EXISTS {tables.State}; DELETE FROM orleansbank_schema WHERE name IN ('{tables.EventLog}', '{tables.State}'); "
                + $"DELETE FROM cluster_reminders WHERE cluster_id = '{tables.ClusterId}';",
                connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
