using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>Configures the bank's transfers on a silo.</summary>
public static class TransferSiloBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="TransferOptions"/> from the section Transfers, then <paramref name="configure"/>, validated at
    /// start. Transfers resume themselves after a crash only on a silo with a reminder service (AddReminderService).
    /// </summary>
    public static ISiloBuilder AddTransferOptions(this ISiloBuilder builder, Action<TransferOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TransferOptions>()
            .Bind(builder.Configuration.GetSection(TransferOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransferOptions>, TransferOptionsValidator>());
        return builder;
    }
}
