using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>Configures the bank's accounts on a silo.</summary>
public static class AccountSiloBuilderExtensions
{
    /// <summary>Binds <see cref="AccountOptions"/> from the section Accounts, then <paramref name="configure"/>, validated at start.</summary>
    public static ISiloBuilder AddAccountOptions(this ISiloBuilder builder, Action<AccountOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<AccountOptions>()
            .Bind(builder.Configuration.GetSection(AccountOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>());
        return builder;
    }

    /// <summary>
    /// Runs most of an account's cold path once as the silo starts, before it reports ready, so the first account
    /// called after a restart or a failover does not pay the process's one-time costs (about 100 ms). No account
    /// changes; <see cref="AccountOptions.WarmUpAtStart"/> turns it off. Calling it again adds nothing.
    /// </summary>
    public static ISiloBuilder AddAccountWarmUp(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupTask, AccountWarmUp>());
        return builder;
    }
}
