using System.Globalization;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Says what a frame size limit is, as an operator configured it: "16 MiB" rather than 16,777,216.</summary>
internal static class FrameLimit
{
    private const int Mebibyte = 1024 * 1024;

    public static string Describe(int maxFrameSize) =>
        maxFrameSize % Mebibyte == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{maxFrameSize / Mebibyte} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{maxFrameSize:N0}-byte");
}
