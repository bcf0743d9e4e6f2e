namespace OrleansBank.Runtime.Tests.Architecture;

/// <summary>
/// Which folder of src/Runtime a runtime type lives in, found from the source tree: every file holds one type and is
/// named for it (<c>Type.cs</c>, or <c>Type.Concern.cs</c> for a partial class). Folders, not namespaces, because
/// public types of several folders share the root namespace <c>OrleansBank.Runtime</c> so users need one <c>using</c>.
/// </summary>
internal static class RuntimeFolders
{
    public const string Core = "Core";
    public const string Scheduling = "Scheduling";
    public const string Activation = "Activation";
    public const string Persistence = "Persistence";
    public const string Cluster = "Cluster";
    public const string Messaging = "Messaging";
    public const string Hosting = "Hosting";

    private static readonly Lazy<Dictionary<string, string>> FolderByTypeName = new(Scan);

    /// <summary>The folder under src/Runtime of the file that holds <paramref name="type"/> (or its outermost declaring type); null if none does.</summary>
    public static string? Of(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        var name = type.Name;
        var arity = name.IndexOf('`', StringComparison.Ordinal);
        return FolderByTypeName.Value.GetValueOrDefault(arity < 0 ? name : name[..arity]);
    }

    private static Dictionary<string, string> Scan()
    {
        var root = Path.Combine(RepoRoot(), "src", "Runtime");
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length < 2 || relative[0] is "obj" or "bin")
            {
                continue;
            }

            var typeName = Path.GetFileName(file).Split('.')[0];
            if (folders.TryGetValue(typeName, out var other) && other != relative[0])
            {
                throw new InvalidOperationException($"Type name {typeName} has files in both {other} and {relative[0]}: the folder rule cannot tell them apart.");
            }

            folders[typeName] = relative[0];
        }

        return folders;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansBank.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansBank.sln above {AppContext.BaseDirectory}: the folder rule reads the source tree.");
    }
}
