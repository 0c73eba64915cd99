using LiteDB;

namespace PortfolioSync.Store.Schema;

/// <summary>
/// One step of the schema: brings a store at <c>Version - 1</c> to <see cref="Version"/>. Steps must be idempotent:
/// the version in <c>meta</c> is written after the step, so a crash in between runs the step again on next open.
/// </summary>
/// <param name="KeyedOnData">Runs whenever its marker (<c>meta</c> <c>migration/{Version}</c>) is missing, even on a store
/// already at a higher version: for a step numbered below one that shipped first (5 after 6), whose work is decided
/// by the data (documents still without the field), so running it again is harmless.</param>
internal sealed record Migration(int Version, string Description, Action<LiteDatabase> Apply, bool KeyedOnData = false);
