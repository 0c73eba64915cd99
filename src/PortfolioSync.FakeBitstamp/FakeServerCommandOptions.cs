namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// Options of <c>portfoliosync fake-server</c>. Serve mode: <c>--data DIR --port N</c>. Generate mode (when
/// <see cref="Generate"/> is set): <c>--generate N --seed S [--accounts K] [--start D] [--days N] --write DIR [--write-csv DIR]</c>.
/// CSV mode: <c>--data DIR --write-csv OUT</c> writes the data folder's history as both CSV exports.
/// </summary>
public sealed record FakeServerCommandOptions
{
    /// <summary>The data folder to serve. Default <c>sample-data</c> (relative to the working directory).</summary>
    public string DataDir { get; init; } = "sample-data";

    /// <summary>Port on 127.0.0.1; 0 picks a free one. Default 5080.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>Generate mode: the number of user transactions to generate.</summary>
    public int? Generate { get; init; }

    public int Seed { get; init; } = 1;

    public int Accounts { get; init; } = 3;

    /// <summary>Generate mode: first day (UTC); null keeps the generator's default (2023-03-01).</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Generate mode: number of days; null keeps the generator's default (731).</summary>
    public int? Days { get; init; }

    /// <summary>Generate mode: mix in every real row form (<see cref="Generation.GeneratorOptions.Realistic"/>).</summary>
    public bool Realistic { get; init; }

    /// <summary>Generate mode: the folder to write (must not exist or be empty).</summary>
    public string? WriteDir { get; init; }

    /// <summary>
    /// Write the history as both Bitstamp CSV exports into this folder (<see cref="Data.CsvExportWriter"/>): of the data
    /// folder <see cref="DataDir"/>, or in generate mode of the generated history; then exit instead of serving.
    /// </summary>
    public string? WriteCsvDir { get; init; }

    /// <summary>The server clock; required, with no default (the CLI passes the one of its composition root).</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>When set, one line per request goes here.</summary>
    public TextWriter? RequestLog { get; init; }
}
