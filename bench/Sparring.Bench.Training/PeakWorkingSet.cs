using System.Diagnostics;

namespace Sparring.Bench.Training;

/// <summary>
/// The process's peak resident memory (Linux VmHWM). Writing 5 to /proc/self/clear_refs sets the peak back to the
/// current size (Linux 4.0 and later), so each measurement gets its own peak; where that is refused, peaks are the
/// process's so far, and <see cref="PerMeasurement"/> says so.
/// </summary>
internal sealed class PeakWorkingSet
{
    /// <summary>Whether the peak can be reset, so each measurement's peak is its own.</summary>
    public bool PerMeasurement { get; private set; } = OperatingSystem.IsLinux();

    /// <summary>Starts a new peak at the current size, where the system allows it.</summary>
    public void Reset()
    {
        if (!PerMeasurement)
        {
            return;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            PerMeasurement = false;
        }
    }

    /// <summary>The peak in bytes since the last reset (or since the process started).</summary>
    public static long PeakBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
