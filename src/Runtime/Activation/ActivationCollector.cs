using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Activation;

/// <summary>Every collection quantum, deactivates activations that have been idle longer than their age limit.</summary>
internal sealed class ActivationCollector(Catalog catalog, TimeProvider time, IOptions<GrainCollectionOptions> options) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = time.CreateTimer(static s => ((ActivationCollector)s!).CollectNow(), this, quantum, quantum);
    }

    public int CollectNow() => catalog.CollectIdle(options.Value.CollectionAge);

    public void Dispose() => _timer?.Dispose();
}
