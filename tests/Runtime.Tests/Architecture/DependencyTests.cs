using System.Reflection;

namespace OrleansBank.Runtime.Tests.Architecture;

/// <summary>
/// The dependency direction inside the runtime, Core &lt;- Scheduling, Activation, Persistence, Cluster &lt;- Messaging
/// &lt;- Hosting, checked by reflection over assembly references and the types each type uses (its IL included): by
/// folder of src/Runtime (<see cref="RuntimeFolders"/>), and for the namespaces below Messaging, by namespace.
/// </summary>
public class DependencyTests
{
    private const string Runtime = "OrleansBank.Runtime";
    private const string Hosting = Runtime + ".Hosting";
    private const string Activation = Runtime + ".Activation";
    private const string Scheduling = Runtime + ".Scheduling";
    private const string Persistence = Runtime + ".Persistence";
    private const string Messaging = Runtime + ".Messaging";
    private const string Client = Messaging + ".Client";
    private const string Gateway = Messaging + ".Gateway";

    private static readonly string[] Wire = [Messaging + ".Serialization", Messaging + ".Protocol", Messaging + ".Transport"];

    private static readonly Assembly RuntimeAssembly = typeof(Grain).Assembly;

    [Fact]
    public void RuntimeAssembly_References_NoBankNorAnyOtherOrleansBankAssembly()
    {
        // The runtime never knows the bank; storage providers, the test host and the bank plug into it, not the reverse.
        var references = RuntimeAssembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain(references, name => name.StartsWith("OrleansBank", StringComparison.Ordinal));
    }

    [Fact]
    public void TestingHostAssembly_References_TheRuntimeAloneOfOurs()
    {
        var references = typeof(TestingHost.TestCluster).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("OrleansBank", StringComparison.Ordinal));

        Assert.Equal([Runtime], references);
    }

    /// <summary>Each folder of src/Runtime, with the folders its types may use besides its own.</summary>
    public static TheoryData<string, string[]> FolderRules => new()
    {
        // The grain's world: identity, the grain base class and its context, the call model without a wire.
        { RuntimeFolders.Core, [] },
        { RuntimeFolders.Scheduling, [RuntimeFolders.Core] },
        { RuntimeFolders.Persistence, [RuntimeFolders.Core] },
        { RuntimeFolders.Cluster, [RuntimeFolders.Core] },
        // Plus Persistence's two state seams, see Activation_UsesNoPersistenceTypeButTheStateSeams. Cluster, because an
        // activation registers in the grain directory before grain code runs; Cluster uses only Core, so no cycle.
        { RuntimeFolders.Activation, [RuntimeFolders.Core, RuntimeFolders.Scheduling, RuntimeFolders.Cluster] },
        { RuntimeFolders.Messaging, [RuntimeFolders.Core, RuntimeFolders.Scheduling, RuntimeFolders.Activation, RuntimeFolders.Persistence, RuntimeFolders.Cluster] },
        { RuntimeFolders.Hosting, [RuntimeFolders.Core, RuntimeFolders.Scheduling, RuntimeFolders.Activation, RuntimeFolders.Persistence, RuntimeFolders.Cluster, RuntimeFolders.Messaging] },
    };

    [Theory]
    [MemberData(nameof(FolderRules))]
    public void RuntimeFolder_UsesOnlyTheFoldersBelowIt(string folder, string[] mayUse)
    {
        Type[] activationSeams = [typeof(Runtime.Persistence.IActivationStateLoader), typeof(Runtime.Persistence.IDurableState)];
        var types = RuntimeTypes().Where(t => RuntimeFolders.Of(t) == folder).ToList();
        Assert.True(types.Count > 0, $"No runtime type lives in src/Runtime/{folder}: update this rule.");

        var violations = types
            .SelectMany(t => TypeReferences.Of(t)
                .Where(used => used.Assembly == RuntimeAssembly
                    && RuntimeFolders.Of(used) is { } usedFolder
                    && usedFolder != folder
                    && !mayUse.Contains(usedFolder)
                    && !(folder == RuntimeFolders.Activation && activationSeams.Contains(used)))
                .Select(used => $"{t.FullName} -> {used.FullName} ({RuntimeFolders.Of(used)})"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            violations.Count == 0,
            $"{folder} may use only {(mayUse.Length == 0 ? "itself" : string.Join(", ", mayUse))}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    [Fact]
    public void RuntimeTypes_EachLiveInAFileNamedForThem()
    {
        // The folder rule maps types to folders by file name; a type it cannot place would escape every rule.
        var unplaced = RuntimeTypes().Where(t => RuntimeFolders.Of(t) is null).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();

        Assert.True(unplaced.Count == 0, $"These runtime types are in no file named for them under src/Runtime:{Environment.NewLine}{string.Join(Environment.NewLine, unplaced)}");
    }

    [Fact]
    public void MessagingClient_UsesNoSiloSideGatewayType()
    {
        // A client must be buildable without the silo's half of the connection.
        AssertNoReferences(from: [Client], to: [Gateway]);
    }

    [Fact]
    public void MessagingGateway_UsesNoClientSideType()
    {
        AssertNoReferences(from: [Gateway], to: [Client]);
    }

    [Fact]
    public void LayersBelowHosting_UseNoHostingType()
    {
        AssertNoReferences(from: [Scheduling, Activation, Persistence, Messaging], to: [Hosting]);
    }

    [Fact]
    public void Persistence_UsesNoMessagingOrHostingType()
    {
        AssertNoReferences(from: [Persistence], to: [Messaging, Hosting]);
    }

    [Fact]
    public void Wire_UsesNoActivationHostingClientOrGatewayType()
    {
        // Serializer, frames and transports are shared by both ends of a connection and by silo-to-silo links to come.
        AssertNoReferences(from: Wire, to: [Activation, Scheduling, Hosting, Client, Gateway]);
    }

    [Fact]
    public void Activation_UsesNoPersistenceTypeButTheStateSeams()
    {
        // Constructor facets are built by the mapper registered for their attribute, so a new facet (reminders,
        // transactional state) needs no change here; activation knows only how to load states and await durable writes.
        Type[] seams = [typeof(Runtime.Persistence.IActivationStateLoader), typeof(Runtime.Persistence.IDurableState)];

        var violations = RuntimeAssembly.GetTypes()
            .Where(t => In(t, [Activation]))
            .SelectMany(t => TypeReferences.Of(t)
                .Where(used => used.Assembly == RuntimeAssembly && In(used, [Persistence]) && !seams.Contains(used))
                .Select(used => $"{t.FullName} -> {used.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, $"Activation must not use Persistence beyond its state seams:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    /// <summary>The runtime's own types, without compiler-generated ones outside its namespaces.</summary>
    private static IEnumerable<Type> RuntimeTypes() =>
        RuntimeAssembly.GetTypes().Where(t => t.Namespace is { } ns && (ns == Runtime || ns.StartsWith(Runtime + ".", StringComparison.Ordinal)));

    /// <summary>Fails listing every type in a <paramref name="from"/> namespace that uses a type in a <paramref name="to"/> namespace.</summary>
    private static void AssertNoReferences(string[] from, string[] to)
    {
        var types = RuntimeAssembly.GetTypes();

        // A renamed namespace would make the rule pass by checking nothing: each one it names must still hold types.
        foreach (var ns in from.Concat(to))
        {
            Assert.True(types.Any(t => In(t, [ns])), $"No type of {RuntimeAssembly.GetName().Name} is in namespace {ns} or below it: update this rule.");
        }

        var violations = types
            .Where(t => In(t, from))
            .SelectMany(t => TypeReferences.Of(t)
                .Where(used => used.Assembly == RuntimeAssembly && In(used, to) && !In(used, from))
                .Select(used => $"{t.FullName} -> {used.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, $"{string.Join(", ", from)} must not use {string.Join(", ", to)}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    private static bool In(Type type, string[] namespaces) =>
        type.Namespace is { } ns && namespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal));
}
