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
}
