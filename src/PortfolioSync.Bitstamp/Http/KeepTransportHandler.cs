namespace PortfolioSync.Bitstamp.Http;

/// <summary>Passes requests through to a caller-owned transport and does not dispose it with the client.</summary>
internal sealed class KeepTransportHandler(HttpMessageHandler transport) : DelegatingHandler(transport)
{
    protected override void Dispose(bool disposing)
    {
        // Deliberately not base.Dispose: the transport belongs to whoever passed it in.
    }
}
