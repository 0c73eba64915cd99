using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace PortfolioSync.Store;

/// <summary>
/// Keeps two syncs off one store. <c>{store}.lock</c> is opened with <see cref="FileShare.None"/>, which on Linux and
/// macOS is an OS-level exclusive lock (flock) that other processes cannot take and that the OS drops when the holder
/// dies, so a lock left by a killed sync is taken over without a timeout. The holder's pid and start time are written
/// to <c>{store}.lock.owner</c> (the locked file itself cannot be read by another .NET process) for the message, and as
/// a second check where file locking is unavailable: a recorded owner that is still alive keeps the lock.
/// Released on <see cref="Dispose"/>.
/// </summary>
public sealed class StoreLock : IDisposable
{
    private static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;
    private readonly FileStream _stream;
    private readonly string _ownerPath;
    private bool _disposed;

    private StoreLock(FileStream stream, string ownerPath, LockOwner owner)
    {
        _stream = stream;
        _ownerPath = ownerPath;
        Owner = owner;
    }

    /// <summary>This process, as written to the owner file.</summary>
    public LockOwner Owner { get; }

    /// <summary>The lock file next to the store: <c>{store path}.lock</c>.</summary>
    public static string LockPathFor(string storePath) => Path.GetFullPath(storePath) + ".lock";

    /// <summary>Tries once, without waiting. Creates the store's folder if needed.</summary>
    /// <param name="time">The clock for the owner file's "taken at" (no default clock).</param>
    public static StoreLockResult TryAcquire(string storePath, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storePath);
        ArgumentNullException.ThrowIfNull(time);
        var lockPath = LockPathFor(storePath);
        var ownerPath = lockPath + ".owner";
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);

        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (!StoreFaults.IsReadOnly(e))
        {
            return new StoreLockResult(null, ReadOwner(ownerPath) ?? LockOwner.Unknown, null, lockPath);
        }

        var previous = ReadOwner(ownerPath);
        if (previous is not null && previous.ProcessId != Environment.ProcessId && previous.IsAlive())
        {
            // We got the OS lock, yet the recorded owner still runs: file locking is not enforced here (network file
            // system, locking disabled). Trust the pid.
            stream.Dispose();
            return new StoreLockResult(null, previous, null, lockPath);
        }

        using var self = Process.GetCurrentProcess();
        var owner = new LockOwner(Environment.ProcessId, Instant.FromDateTimeUtc(self.StartTime.ToUniversalTime()),
            Instant.FromDateTimeOffset(time.GetUtcNow()));
        var text = Encoding.UTF8.GetBytes(owner.ToLine() + "\n");
        stream.SetLength(0);
        stream.Write(text);
        stream.Flush(flushToDisk: true);
        File.WriteAllBytes(ownerPath, text);
        var tookOver = previous is not null && previous.ProcessId != Environment.ProcessId ? previous : null;
        return new StoreLockResult(new StoreLock(stream, ownerPath, owner), null, tookOver, lockPath);
    }

    /// <summary>
    /// The sync that holds the store's lock now, from its owner record (a process that is gone does not count); null when
    /// none. Reads only, so readers on a read-only store can ask.
    /// </summary>
    public static LockOwner? RunningSync(string storePath) =>
        ReadOwner(LockPathFor(storePath) + ".owner") is { } owner && owner.ProcessId != Environment.ProcessId && owner.IsAlive() ? owner : null;

    private static LockOwner? ReadOwner(string ownerPath)
    {
        try
        {
            return File.Exists(ownerPath) ? LockOwner.TryParse(File.ReadAllText(ownerPath)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Clears the owner record and releases the OS lock. The (empty) lock file stays.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            File.Delete(_ownerPath);
            _stream.SetLength(0);
        }
        finally
        {
            _stream.Dispose();
        }
    }

    /// <summary>Who holds (or held) a store lock. <see cref="Unknown"/> when the record is missing or unreadable.</summary>
    public sealed record LockOwner(int ProcessId, Instant ProcessStarted, Instant AcquiredAt)
    {
        public static LockOwner Unknown { get; } = new(0, Instant.MinValue, Instant.MinValue);

        internal string ToLine() => string.Create(CultureInfo.InvariantCulture,
            $"pid={ProcessId} started={Pattern.Format(ProcessStarted)} acquired={Pattern.Format(AcquiredAt)}");

        internal static LockOwner? TryParse(string text)
        {
            var fields = text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            if (!fields.TryGetValue("pid", out var pid) || !int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
            var started = fields.TryGetValue("started", out var s) && Pattern.Parse(s) is { Success: true } ps ? ps.Value : Instant.MinValue;
            var acquired = fields.TryGetValue("acquired", out var a) && Pattern.Parse(a) is { Success: true } pa ? pa.Value : Instant.MinValue;
            return new LockOwner(id, started, acquired);
        }

        /// <summary>True when a process with this pid runs and started when recorded (a reused pid does not count).</summary>
        internal bool IsAlive()
        {
            try
            {
                using var p = Process.GetProcessById(ProcessId);
                if (p.HasExited) return false;
                var started = Instant.FromDateTimeUtc(p.StartTime.ToUniversalTime());
                return ProcessStarted == Instant.MinValue || Math.Abs((started - ProcessStarted).TotalSeconds) < 1;
            }
            catch (ArgumentException)        // no process with this id
            {
                return false;
            }
            catch (InvalidOperationException) // it exited while being looked at
            {
                return false;
            }
            catch (System.ComponentModel.Win32Exception)   // its start time cannot be read
            {
                return false;
            }
        }

        public override string ToString() => ProcessId == 0 ? "unknown process"
            : string.Create(CultureInfo.InvariantCulture, $"pid {ProcessId}, started {Pattern.Format(ProcessStarted)}");
    }
}
