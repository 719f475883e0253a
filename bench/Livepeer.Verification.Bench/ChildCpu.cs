using System.Runtime.InteropServices;

namespace Livepeer.Verification.Bench;

/// <summary>CPU time used by this process plus its reaped children (ffmpeg/ffprobe), from getrusage.</summary>
internal static partial class ChildCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSec, UserUsec, SysSec, SysUsec;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    private const int Self = 0, Children = -1;

    private static double Ms(int who)
    {
        if (getrusage(who, out var u) != 0) throw new InvalidOperationException($"getrusage failed ({Marshal.GetLastPInvokeError()}); this benchmark needs Linux.");
        return (u.UserSec + u.SysSec) * 1000.0 + (u.UserUsec + u.SysUsec) / 1000.0;
    }

    /// <summary>Milliseconds of CPU (user + system) used so far by this process and its finished children.</summary>
    public static double TotalMs() => Ms(Self) + Ms(Children);
}
