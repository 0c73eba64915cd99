using System.Globalization;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>
/// The parameters of <c>user_transactions/</c>, validated as Bitstamp does: <c>offset</c> 0..200000 (default 0),
/// <c>limit</c> 1..1000 (default 100), <c>sort</c> asc|desc (default desc), <c>since_id</c> (inclusive; sets the limit
/// to 1000), <c>since_timestamp</c> / <c>until_timestamp</c> (unix seconds, inclusive, no older than 30 days).
/// </summary>
internal sealed record PageQuery(int Offset, int Limit, bool Ascending, long? SinceId, long? SinceTimestamp, long? UntilTimestamp)
{
    public const int MaxOffset = 200_000;
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public static readonly TimeSpan TimestampHorizon = TimeSpan.FromDays(30);

    public static PageQuery? Parse(FormBody form, DateTimeOffset now, out ApiError? error)
    {
        error = null;
        var offset = 0L;
        if (FormNumbers.TryRead(form["offset"], out var o) is { } okOffset)
        {
            if (!okOffset || o > MaxOffset) return Fail(out error, "Invalid offset.", "400.010");
            offset = o;
        }

        var limit = (long)DefaultLimit;
        if (form["limit"] is { } limitText)
        {
            if (!FormNumbers.IsDigits(limitText)) return Fail(out error, "Invalid limit", "400.011");
            if (limitText.TrimStart('0').Length > 4 || long.Parse(limitText, CultureInfo.InvariantCulture) > MaxLimit)
                return Fail(out error, "Limit too large", "400.011");
            limit = long.Parse(limitText, CultureInfo.InvariantCulture);
            if (limit < 1) return Fail(out error, "Invalid limit", "400.011");
        }

        var ascending = false;
        switch (form["sort"])
        {
            case null or "desc":
                break;
            case "asc":
                ascending = true;
                break;
            default:
                return Fail(out error, "Invalid sort parameter", "400.012");
        }

        long? sinceId = null;
        if (FormNumbers.TryRead(form["since_id"], out var id) is { } okId)
        {
            if (!okId) return Fail(out error, "Invalid since_id parameter", "400.007");
            sinceId = id;
            limit = MaxLimit;
        }

        var horizon = (now - TimestampHorizon).ToUnixTimeSeconds();
        if (!Timestamp(form, "since_timestamp", "400.013", horizon, out var since, out error)) return null;
        if (!Timestamp(form, "until_timestamp", "400.034", horizon, out var until, out error)) return null;
        return new PageQuery((int)offset, (int)limit, ascending, sinceId, since, until);
    }

    private static bool Timestamp(FormBody form, string name, string code, long horizon, out long? value, out ApiError? error)
    {
        value = null;
        error = null;
        var text = form[name];
        if (text is null) return true;
        if (!FormNumbers.IsDigits(text))
        {
            error = ApiError.BadParameter($"Invalid {name} parameter", code);
            return false;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            error = ApiError.BadParameter($"Failed to convert {name} parameter", code);
            return false;
        }

        if (seconds < horizon)
        {
            error = ApiError.BadParameter(FormattableString.Invariant($"{name} parameter must be higher than {horizon}"), code);
            return false;
        }

        value = seconds;
        return true;
    }

    private static PageQuery? Fail(out ApiError? error, string reason, string code)
    {
        error = ApiError.BadParameter(reason, code);
        return null;
    }
}
