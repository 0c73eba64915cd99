using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Bitstamp.Endpoints;
using PortfolioSync.Bitstamp.Errors;

namespace PortfolioSync.Bitstamp.Http;

/// <summary>
/// Signs allow-listed private requests with v2 authentication and checks <c>X-Server-Auth-Signature</c> on their
/// 200 responses (a missing one is accepted and counted; a wrong one is counted and accepted under
/// <see cref="ResponseSignatureMode.Warn"/>, the default, and a <see cref="BitstampErrorKind.ResponseSignatureMismatch"/>
/// under <see cref="ResponseSignatureMode.Strict"/>). Public GETs pass unsigned. Every request, signed or
/// not, gets the client's <c>User-Agent</c>. Runs after
/// <see cref="AllowListHandler"/>, so it never sees a request that is not on the allow-list.
/// </summary>
internal sealed class SigningHandler(
    string account, ApiCredentials? credentials, TimeProvider time, Func<string> nonces, ClientStatistics statistics,
    Action<string>? debugLog, string userAgent, ResponseSignatureMode signatureMode, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string ServerSignatureHeader = "X-Server-Auth-Signature";

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Bitstamp requests are sent asynchronously only.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AllowListHandler.EndpointKey, out var endpoint))
            throw new InvalidOperationException("SigningHandler must run after AllowListHandler.");
        statistics.CountRequest();
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);   // every request, public ones too
        if (!endpoint.IsSigned) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (credentials is null)
            throw new InvalidOperationException($"{endpoint} needs API credentials; this client was created for public endpoints only.");

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentType = "";
        if (body.Length == 0)
        {
            request.Content?.Dispose();
            request.Content = null;   // no body, no Content-Type (API0020 otherwise)
        }
        else
        {
            contentType = RequestSigner.FormContentType;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);   // no charset (API0019 otherwise)
            request.Content?.Dispose();
            request.Content = content;
        }

        var uri = request.RequestUri!;
        var nonce = nonces();
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = RequestSigner.SignRequest(credentials.Secret, credentials.Key, request.Method.Method, uri.Authority,
            uri.PathAndQuery, contentType, nonce, timestamp, body);
        request.Headers.TryAddWithoutValidation("X-Auth", "BITSTAMP " + credentials.Key.Value);
        request.Headers.TryAddWithoutValidation("X-Auth-Signature", signature);
        request.Headers.TryAddWithoutValidation("X-Auth-Nonce", nonce);
        request.Headers.TryAddWithoutValidation("X-Auth-Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("X-Auth-Version", "v2");

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK || signatureMode == ResponseSignatureMode.Off) return response;
        // Read the whole body here: a connection dropped mid-body fails this attempt (and the retry repeats it).
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        if (!response.Headers.NonValidated.TryGetValues(ServerSignatureHeader, out var received))
        {
            statistics.CountUnsignedResponse();
            debugLog?.Invoke($"{account}: {endpoint} answered 200 without {ServerSignatureHeader}; accepted");
            return response;
        }
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var responseType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var types) ? types.ToString() : "";
        var expected = RequestSigner.SignResponse(credentials.Secret, nonce, timestamp, responseType, responseBody);
        if (!RequestSigner.SignaturesMatch(expected, received.ToString()))
        {
            if (signatureMode == ResponseSignatureMode.Warn)
            {
                statistics.CountSignatureMismatch();
                debugLog?.Invoke($"{account}: {endpoint} answered with an {ServerSignatureHeader} that does not match; accepted (responseSignature: warn)");
                return response;
            }
            response.Dispose();
            throw BitstampApiException.Create(BitstampErrorKind.ResponseSignatureMismatch, account, credentials.Key, endpoint);
        }
        return response;
    }
}
