namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>An edge case placed at a fixed UTC datetime.</summary>
internal readonly record struct ScriptedEvent(DateTime At, EdgeCase Kind);
