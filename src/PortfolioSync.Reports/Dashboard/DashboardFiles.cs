namespace PortfolioSync.Reports.Dashboard;

/// <summary>The names of the files the dashboard writes; the page links to the CSV files by these names.</summary>
public sealed record DashboardFiles
{
    public string Page { get; init; } = "index.html";
    public string Value { get; init; } = "value.csv";
    public string Holdings { get; init; } = "holdings.csv";
    public string Warnings { get; init; } = "warnings.csv";
}
