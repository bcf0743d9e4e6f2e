using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Hosting;

namespace OrleansBank.Runtime;

/// <summary>Registers <see cref="IStartupTask"/>s; they run one after another, in the order they were added.</summary>
public static class StartupTaskSiloBuilderExtensions
{
    /// <summary>Runs <typeparamref name="TTask"/>, made from the silo's services, once as the silo starts.</summary>
    public static ISiloBuilder AddStartupTask<TTask>(this ISiloBuilder builder)
        where TTask : class, IStartupTask
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IStartupTask, TTask>();
        return builder;
    }

    /// <summary>Runs <paramref name="run"/> once as the silo starts.</summary>
    public static ISiloBuilder AddStartupTask(this ISiloBuilder builder, Func<IServiceProvider, CancellationToken, Task> run)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(run);
        builder.Services.AddSingleton<IStartupTask>(sp => new DelegateStartupTask(sp, run));
        return builder;
    }
}
