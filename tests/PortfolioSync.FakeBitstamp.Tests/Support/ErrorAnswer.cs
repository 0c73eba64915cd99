namespace PortfolioSync.FakeBitstamp.Tests.Support;

internal sealed record ErrorAnswer(int Status, string State, string Reason, string Code, string? Detail, string Body);
