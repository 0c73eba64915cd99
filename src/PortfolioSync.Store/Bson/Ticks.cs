using LiteDB;
using NodaTime;

namespace PortfolioSync.Store.Bson;

/// <summary>
/// Instants are stored as Int64 Unix ticks (100 ns) because LiteDB truncates DateTime to milliseconds; microseconds
/// from the exchange survive, nanoseconds below 100 ns do not (the exchange never sends them).
/// </summary>
internal static class Ticks
{
    public static BsonValue Of(Instant instant) => new(instant.ToUnixTimeTicks());

    public static BsonValue Of(Instant? instant) => instant is { } i ? new BsonValue(i.ToUnixTimeTicks()) : BsonValue.Null;

    public static Instant ToInstant(BsonValue value) => Instant.FromUnixTimeTicks(value.AsInt64);

    public static Instant? ToNullableInstant(BsonValue value) => value.IsNull ? null : Instant.FromUnixTimeTicks(value.AsInt64);

    public static BsonValue Nullable(long? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    public static BsonValue Nullable(string? value) => value is null ? BsonValue.Null : new BsonValue(value);

    public static long? ToNullableLong(BsonValue value) => value.IsNull ? null : value.AsInt64;

    public static string? ToNullableString(BsonValue value) => value.IsNull ? null : value.AsString;
}
