using System.Net;
using System.Text;

namespace PortfolioSync.Bitstamp.Tests.Support;

/// <summary>A body that sends its first bytes and then fails like a connection dropped mid-body.</summary>
public sealed class BrokenContent(string prefix) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(prefix));
        throw new IOException("The response ended prematurely (simulated drop).");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
