namespace PortfolioSync.Reports.Model;

/// <summary>Guards for row values; the message names the field and the value.</summary>
internal static class RowCheck
{
    public static string NotBlank(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty", name) : value;

    public static decimal Positive(decimal value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");

    public static decimal NotNegative(decimal value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");

    public static decimal? NotNegative(decimal? value, string name) =>
        value is null ? null : NotNegative(value.Value, name);
}
