using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// The sample data ships inside the program, so an installed tool or binary runs <c>demo</c> from any folder
/// (issue 16): the embedded files are the repository's, byte for byte, and <c>demo</c> in an empty folder uses them
/// and writes into <c>./portfoliosync-demo/</c>.
/// </summary>
public sealed class BundledDemoTests
{
    [Fact]
    public void The_embedded_sample_data_is_the_repositorys_byte_for_byte()
    {
        var root = Path.Combine(RepoPaths.Root, "sample-data");
        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != ".gitattributes")
            .Order(StringComparer.Ordinal)
            .ToList();

        BundledSampleData.Files.Select(f => f.Path).Should().Equal(onDisk);
        using var folder = new TempFolder();
        BundledSampleData.WriteTo(folder.Path);
        foreach (var file in onDisk)
            File.ReadAllBytes(Path.Combine(folder.Path, file)).Should().Equal(File.ReadAllBytes(Path.Combine(root, file)), file);
    }

    [Fact]
    public async Task Demo_in_an_empty_folder_uses_the_built_in_sample_data_and_writes_into_portfoliosync_demo()
    {
        // The shared demo's first run is exactly this: `demo` with no option in an empty folder (ShownDemo).
        var demo = await ShownDemo.Once.Value;
        var (code, output, error) = demo.First;

        code.Should().Be(0, error);
        foreach (var file in new[] { "portfoliosync.db", "value.csv", "value.png", "2024-25/disposals.csv", "2024-25/tax-report-2024-25.xlsx" })
            File.Exists(Path.Combine(demo.Folder.Path, "portfoliosync-demo", file)).Should().BeTrue(file);
        demo.FolderAfterFirst.Should().Equal(["portfoliosync-demo"], "nothing else is written");
        output.Should().Contain("4,005 new in this run").And.Contain("2024-25").And.Contain("disposals, net gain");
    }
}
