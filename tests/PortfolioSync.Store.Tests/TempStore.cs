using Microsoft.Extensions.Time.Testing;

namespace PortfolioSync.Store.Tests;

/// <summary>A real store file in a fresh temporary folder, deleted on dispose, with a fake clock.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "portfoliosync-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "sub", "portfoliosync.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));

    public PortfolioStore Open(StoreOptions? options = null) =>
        PortfolioStore.Open(FilePath, options ?? new StoreOptions { Time = Clock });

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
