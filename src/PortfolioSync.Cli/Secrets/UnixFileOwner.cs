using System.Runtime.InteropServices;

namespace PortfolioSync.Cli.Secrets;

/// <summary>
/// Who owns a file, through libc <c>stat</c> (.NET has no API for it). The layout of <c>struct stat</c> is known for
/// linux-x64 and linux-arm64; elsewhere the owner is unknown and only the mode is checked.
/// </summary>
internal static partial class UnixFileOwner
{
    /// <summary>The owner's uid, or null where it cannot be read.</summary>
    public static unsafe uint? OwnerOf(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var uidOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 28,     // st_dev 8, st_ino 8, st_nlink 8, st_mode 4, st_uid 4
            Architecture.Arm64 => 24,   // st_dev 8, st_ino 8, st_mode 4, st_nlink 4, st_uid 4
            _ => -1,
        };
        if (uidOffset < 0) return null;
        var buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0) return null;
        return *(uint*)(buffer + uidOffset);
    }

    public static uint? CurrentUser() => OperatingSystem.IsLinux() ? GetEffectiveUserId() : null;

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Stat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
