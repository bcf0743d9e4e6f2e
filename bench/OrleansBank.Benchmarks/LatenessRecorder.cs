using System.Collections.Concurrent;

namespace OrleansBank.Benchmarks;

/// <summary>Collects how late reminder ticks arrived, in milliseconds, from every <see cref="LatenessGrain"/> of a silo.</summary>
public sealed class LatenessRecorder
{
    private readonly ConcurrentQueue<double> _lateness = new();

    public int Count => _lateness.Count;

    public void Add(double milliseconds) => _lateness.Enqueue(milliseconds);

    public double[] Sorted() => [.. _lateness.Order()];
}
