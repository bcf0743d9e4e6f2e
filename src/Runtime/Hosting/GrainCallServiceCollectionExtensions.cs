using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;

namespace OrleansBank.Runtime.Hosting;

/// <summary>What silos and clients share to make grain calls: clock, pending calls, invoker, factory.</summary>
/// <remarks>Each side adds its own <see cref="IMessageCenter"/> and <see cref="IGrainTypeResolver"/>.</remarks>
internal static class GrainCallServiceCollectionExtensions
{
    public static IServiceCollection AddGrainCalls(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CoarseClock>();
        services.AddSingleton<PendingCallTable>();
        services.AddSingleton<GrainCallInvoker>();
        services.AddSingleton<GrainFactory>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainFactory>());
        return services;
    }
}
