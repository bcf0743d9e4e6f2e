using System.Runtime.InteropServices;

namespace OrleansBank.Client.Commands;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into cancellation of the running command, which then ends with one line and exit
/// 130. A command that does not stop within the grace period (a call waiting on a silo) is ended with 130 anyway,
/// as is a second Ctrl+C.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _done = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _stderr;

    public CtrlC(TextWriter stderr)
    {
        _stderr = stderr;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        // The command ended on its own: no forced exit after it.
        _done.Cancel();

        _cancel.Dispose();
        _done.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Not the default (the runtime ending the process at once): the command gets to stop and say so.
        context.Cancel = true;
        if (_cancel.IsCancellationRequested)
        {
            Exit();
        }

        _cancel.Cancel();
        _ = Task.Delay(Grace, _done.Token).ContinueWith(
            grace => { if (grace.IsCompletedSuccessfully) { Exit(); } }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Exit()
    {
        _stderr.WriteLine("error: Cancelled.");
        _stderr.Flush();
        Environment.Exit(ExitCodes.Cancelled);
    }
}
