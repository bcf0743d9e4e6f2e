using System.Reflection;
using OrleansBank.Grains;

namespace OrleansBank.Client.Tests.Commands;

/// <summary>
/// An <see cref="IAccountGrain"/> whose answers the test scripts method by method. A proxy rather than a class, so
/// that new methods on the interface need no change here.
/// </summary>
public class ScriptedAccount : DispatchProxy
{
    private Func<string, object?[], object?> _script = (name, _) => throw new NotSupportedException(name);

    public static IAccountGrain Create(Func<string, object?[], object?> script)
    {
        var account = Create<IAccountGrain, ScriptedAccount>();
        ((ScriptedAccount)(object)account)._script = script;
        return account;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => _script(targetMethod!.Name, args ?? []);
}
