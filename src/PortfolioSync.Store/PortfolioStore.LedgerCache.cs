using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LiteDB;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    /// <summary>
    /// Writes the ledger cache (schema 7) when the ledger changed since it was written: every entry, in
    /// <see cref="LedgerOrder"/>, as one checksummed byte stream in <c>ledger_cache</c> chunks of
    /// 1 MiB. A whole-ledger read (<see cref="ReadLedger()"/>) then reads a few large documents
    /// instead of one per entry. Called at the end of a sync, import or repair run (under the store lock); one transaction,
    /// so a crash leaves the old cache (stale, so unused) or the new one. Not for a ledger of more than
    /// <see cref="StoreOptions.LedgerCacheMaxEntries"/> records (its cache, if any, is removed). Returns whether it wrote.
    /// </summary>
    public bool RefreshLedgerCache()
    {
        ThrowIfDisposed();
        if (_options.ReadOnly || !_cached) return false;
        RefreshPriceCache();
        var version = LedgerVersion();
        var header = _ledgerCache.FindById(N.CacheHeaderKey);
        if (CountRecords().Sum(c => c.Records) > _options.LedgerCacheMaxEntries)
        {
            if (header is not null) _ledgerCache.DeleteAll();   // grown past the limit: reads scan, the space is reused
            return false;
        }
        if (header is not null && header[N.Version].AsInt64 == version) return false;

        var entries = ScanLedger();
        var payload = EncodeCache(entries);
        var chunkBytes = _options.LedgerCacheChunkBytes;   // LiteDB keeps a document under 16 MiB
        var chunks = (payload.Length + chunkBytes - 1) / chunkBytes;
        // Written twice (log, then data file), plus the current log a checkpoint may copy, plus a margin, as a page.
        // Without that room it is not written: the stale cache stays unused and reads scan (a full disk must not fail
        // or hang a sync that committed everything else).
        var need = 2L * payload.Length + LogBytes() + 64 * 8192;
        if (_options.SpaceCheck && StoreFaults.FreeBytes(Path) is { } free && free < need) return false;
        return InTransaction(() =>
        {
            _ledgerCache.DeleteAll();
            for (var i = 0; i < chunks; i++)
            {
                var start = i * chunkBytes;
                _ledgerCache.Insert(new BsonDocument
                {
                    [N.Id] = ChunkKey(i),
                    [N.Body] = payload.AsSpan(start, Math.Min(chunkBytes, payload.Length - start)).ToArray(),
                });
            }
            _ledgerCache.Insert(new BsonDocument
            {
                [N.Id] = N.CacheHeaderKey,
                [N.Version] = version,
                [N.Records] = (long)entries.Count,
                ["chunks"] = chunks,
                ["bytes"] = (long)payload.Length,
                [N.Checksum] = CacheChecksum(payload),
            });
            return true;
        }, need);
    }

    /// <summary>What the ledger cache holds now: null without a current one; else whether it is intact.</summary>
    internal (long Version, long Entries, bool Current)? LedgerCacheState()
    {
        ThrowIfDisposed();
        if (!_cached || _ledgerCache.FindById(N.CacheHeaderKey) is not { } header) return null;
        return (header[N.Version].AsInt64, header[N.Records].AsInt64, header[N.Version].AsInt64 == LedgerVersion());
    }

    /// <summary>
    /// The ledger from its cache, or null when there is none, it is stale (the ledger changed after it was written), or it
    /// does not read back intact (then the caller scans the ledger itself, which is what the cache copies).
    /// </summary>
    private List<LedgerEntry>? TryReadLedgerCache() =>
        // A cache that does not read back is not used: the scan reads the same entries from their own documents, or
        // names what is damaged.
        _cached && StoreFaults.TryRead(ReadLedgerCache, out var entries, out _) ? entries : null;

    private List<LedgerEntry>? ReadLedgerCache()
    {
        // One query for the header and the chunks, in key order ("chunk/…" sorts before "header").
        var docs = _ledgerCache.FindAll().ToList();
        if (docs.Count == 0 || docs[^1][N.Id].AsString != N.CacheHeaderKey) return null;
        var header = docs[^1];
        if (header[N.Version].AsInt64 != LedgerVersion()) return null;
        var chunks = header["chunks"].AsInt32;
        var bytes = header["bytes"].AsInt64;
        if (docs.Count != chunks + 1 || bytes > int.MaxValue) return null;
        var payload = new byte[bytes];
        var at = 0;
        for (var i = 0; i < chunks; i++)
        {
            if (docs[i][N.Id].AsString != ChunkKey(i) || !docs[i][N.Body].IsBinary) return null;
            var chunk = docs[i][N.Body].AsBinary;
            if (at + chunk.Length > payload.Length) return null;
            chunk.CopyTo(payload, at);
            at += chunk.Length;
        }
        if (at != payload.Length || header[N.Checksum].AsInt64 != CacheChecksum(payload)) return null;
        var entries = DecodeCache(payload, header[N.Records].AsInt64);
        LedgerOrder.SortInPlace(entries);   // stored in this order: one run, no work
        return entries;
    }

    /// <summary>Inside a page commit's transaction: the ledger changed, so the cache written before is stale.</summary>
    private void RaiseLedgerVersion() =>
        _meta.Upsert(new BsonDocument { [N.Id] = N.LedgerVersionKey, [N.Version] = LedgerVersion() + 1 });

    /// <summary>The ledger version: raised by every page commit that writes the ledger (schema 7).</summary>
    private long LedgerVersion() => _meta.FindById(N.LedgerVersionKey) is { } d ? d[N.Version].AsInt64 : 0;

    private static string ChunkKey(int i) => "chunk/" + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Per entry: u16 id length, id (UTF-8), i64 instant ticks, i32 body length, body (<see cref="LedgerBlob"/>).</summary>
    private static byte[] EncodeCache(IReadOnlyList<LedgerEntry> entries)
    {
        var bodies = new byte[entries.Count][];
        long size = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            bodies[i] = LedgerBlob.Encode(entries[i]);
            size += 2 + Encoding.UTF8.GetByteCount(entries[i].Id) + 8 + 4 + bodies[i].Length;
        }
        if (size > int.MaxValue) throw new InvalidOperationException("the ledger is too large for its cache");
        var payload = new byte[size];
        var p = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var idLength = Encoding.UTF8.GetBytes(e.Id, payload.AsSpan(p + 2));
            BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(p), checked((ushort)idLength));
            p += 2 + idLength;
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(p), e.At.ToUnixTimeTicks());
            p += 8;
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(p), bodies[i].Length);
            p += 4;
            bodies[i].CopyTo(payload, p);
            p += bodies[i].Length;
        }
        return payload;
    }

    private List<LedgerEntry> DecodeCache(byte[] payload, long count)
    {
        var names = new LedgerBson.ReadCache { RequireChecksum = true };
        var list = new List<LedgerEntry>((int)Math.Min(count, 10_000_000));
        var p = 0;
        while (p < payload.Length)
        {
            var idLength = BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(p));
            var id = Encoding.UTF8.GetString(payload, p + 2, idLength);
            p += 2 + idLength;
            var at = NodaTime.Instant.FromUnixTimeTicks(BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(p)));
            p += 8;
            var length = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(p));
            p += 4;
            list.Add(LedgerBlob.Decode(id, at, payload.AsSpan(p, length), names));
            p += length;
        }
        if (list.Count != count) throw new FormatException($"the ledger cache holds {list.Count} entries, its header says {count}");
        return list;
    }

    /// <summary>64-bit FNV-1a over the whole payload, as the per-document checksums (<see cref="Checksums"/>).</summary>
    private static long CacheChecksum(byte[] payload)
    {
        var h = 14695981039346656037UL;
        foreach (var b in payload) h = (h ^ b) * 1099511628211UL;
        return (long)(h ^ (ulong)payload.Length);
    }
}
