using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>AddReminderService registers one service, binds its options and refuses bad ones before the silo starts.</summary>
public sealed class ReminderServiceRegistrationTests
{
    [Fact]
    public void AddReminderService_CalledTwice_OneServiceWithBothConfigurations()
    {
        using var host = Build([], silo => silo
            .AddMemoryReminderTable()
            .AddReminderService(o => o.PollInterval = TimeSpan.FromSeconds(2))
            .AddReminderService(o => o.MaxTicksPerPoll = 7));

        var service = Assert.Single(host.Services.GetServices<IHostedService>().OfType<ReminderService>());
        var options = host.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;

        Assert.Same(service, host.Services.GetRequiredService<IReminderRegistry>());
        Assert.Equal((TimeSpan.FromSeconds(2), 7), (options.PollInterval, options.MaxTicksPerPoll));
    }

    [Fact]
    public async Task AddReminderService_BadSettingInConfiguration_SiloRefusesToStartNamingIt()
    {
        using var host = Build(new() { ["Reminders:LeaseDuration"] = "00:00:00" }, silo => silo.AddMemoryReminderTable().AddReminderService());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LeaseDuration is 00:00:00", error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
