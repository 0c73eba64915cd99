using LiteDB;

namespace PortfolioSync.Store.Schema;

/// <summary>
/// One step of the schema: brings a store at <c>Version - 1</c> to <see cref="Version"/>. Steps must be idempotent:
/// the version in <c>meta</c> is written after the step, so a crash in between runs the step again on next open.
/// </summary>
internal sealed record Migration(int Version, string Description, Action<LiteDatabase> Apply);
