namespace OrleansBank.Runtime.Hosting;

/// <summary>A startup task given as a function of the silo's services.</summary>
internal sealed class DelegateStartupTask(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> run) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) => run(services, cancellationToken);
}
