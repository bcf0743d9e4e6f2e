using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Configuration;

/// <summary>
/// The silo's durable reminders, in the store its settings name: they resume transfers stopped by a crash and run
/// standing orders.
/// </summary>
internal static class SiloReminders
{
    /// <summary>
    /// Adds the reminder table beside membership (sqlite: &lt;data&gt;/cluster.db; postgres: the shared database;
    /// memory: this process only), the reminder service, and the transfer options (section Transfers).
    /// </summary>
    public static ISiloBuilder AddSiloReminders(this ISiloBuilder silo, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Storage)
        {
            case "sqlite":
                silo.AddSqliteReminderTable(o => o.DatabasePath = Path.Combine(settings.DataDirectory, "cluster.db"));
                break;
            case "postgres":
                silo.AddPostgresReminderTable(o => o.ConnectionString = settings.Postgres);
                break;
            default:
                silo.AddMemoryReminderTable();
                break;
        }

        return silo.AddReminderService().AddTransferOptions();
    }
}
