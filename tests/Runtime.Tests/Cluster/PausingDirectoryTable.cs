using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>
/// A directory that holds the registration of grains with key <see cref="PausedKey"/>: it raises "register-entered"
/// and waits for "register-release" before passing it on, so a test decides who registers first.
/// </summary>
internal sealed class PausingDirectoryTable(IGrainDirectoryTable inner, Gates gates) : IGrainDirectoryTable
{
    public const string PausedKey = "race";

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public async Task<GrainRegistration?> RegisterAsync(GrainRegistration registration)
    {
        if (registration.GrainId.Key == PausedKey)
        {
            gates.Raise("register-entered");
            await gates.Signal("register-release").Task;
        }

        return await inner.RegisterAsync(registration);
    }

    public Task<GrainRegistration?> LookupAsync(GrainId grainId) => inner.LookupAsync(grainId);

    public Task<bool> UnregisterAsync(GrainRegistration registration) => inner.UnregisterAsync(registration);
}
