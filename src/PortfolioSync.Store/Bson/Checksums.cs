namespace PortfolioSync.Store.Bson;

/// <summary>
/// Schema 6: a 64-bit FNV-1a checksum in field <c>c</c> of every ledger and raw document, over what it must hold
/// unchanged (a ledger document's id, instant and body; a raw document's key and JSON). Checked whenever the document
/// is read: a document whose bytes were damaged in place fails instead of flowing into a report. Stable across
/// processes and versions of .NET.
/// </summary>
internal static class Checksums
{
    private const ulong Offset = 14695981039346656037UL, Prime = 1099511628211UL;

    public static long Ledger(string id, long atTicks, byte[] body)
    {
        var h = Text(Offset, id);
        for (var i = 0; i < 8; i++, atTicks >>= 8) h = (h ^ (byte)atTicks) * Prime;
        foreach (var b in body) h = (h ^ b) * Prime;
        return (long)h;
    }

    public static long Raw(string key, string json) => (long)Text(Text(Offset, key), json);

    private static ulong Text(ulong h, string s)
    {
        foreach (var c in s) h = (h ^ c) * Prime;
        return (h ^ (uint)s.Length) * Prime;
    }
}
