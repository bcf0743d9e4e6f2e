namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>What <see cref="TestTransferProbe"/> throws to stop a transfer between two steps.</summary>
public sealed class SimulatedCrashException(string message) : Exception(message);
