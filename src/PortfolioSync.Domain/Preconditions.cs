namespace PortfolioSync.Domain;

/// <summary>Argument guards that name the bad parameter.</summary>
internal static class Preconditions
{
    public static string NotBlank(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("must not be empty", name) : value;

    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);
}
