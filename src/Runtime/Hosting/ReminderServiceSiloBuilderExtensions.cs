using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Hosting;

namespace OrleansBank.Runtime;

/// <summary>Runs durable reminders on a silo: delivers due ticks to grains and lets grains register reminders.</summary>
public static class ReminderServiceSiloBuilderExtensions
{
    /// <summary>
    /// Adds the reminder service: it claims due ticks from the silo's reminder table (add one with
    /// AddMemoryReminderTable, AddSqliteReminderTable or AddPostgresReminderTable) and calls the grains'
    /// <see cref="IRemindable.ReceiveReminder"/>; grains reach <see cref="IReminderRegistry"/> through
    /// <see cref="ReminderGrainExtensions"/>. Options are bound from the section Reminders, then given to
    /// <paramref name="configure"/>, and validated when the silo starts.
    /// </summary>
    public static ISiloBuilder AddReminderService(this ISiloBuilder builder, Action<ReminderOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<ReminderOptions>()
            .Bind(builder.Configuration.GetSection(ReminderOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>());
        builder.Services.TryAddSingleton<IReminderDelivery, GrainReminderDelivery>();
        builder.Services.TryAddSingleton<ReminderService>();
        builder.Services.TryAddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<ReminderService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        return builder;
    }
}
