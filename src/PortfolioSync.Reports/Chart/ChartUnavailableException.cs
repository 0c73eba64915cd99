namespace PortfolioSync.Reports.Chart;

/// <summary>
/// The chart could not be drawn because the drawing library's native part (SkiaSharp's <c>libSkiaSharp</c>) could not
/// be loaded: not installed beside the program (a Native AOT build ships it as a file next to <c>portfoliosync</c>), or a
/// library it needs is missing from the system. Every other output can still be written; the message says what was
/// tried and what to do.
/// </summary>
public sealed class ChartUnavailableException : Exception
{
    public ChartUnavailableException(string library, string detail, Exception inner)
        : base($"the chart's native library {library} could not be loaded ({detail})", inner)
    {
        Library = library;
        Detail = detail;
    }

    /// <summary>The library's name as the program asked for it, e.g. <c>libSkiaSharp</c>.</summary>
    public string Library { get; }

    /// <summary>The loader's first reason, e.g. <c>/opt/ps/libSkiaSharp.so: cannot open shared object file: No such file or directory</c>.</summary>
    public string Detail { get; }

    /// <summary>
    /// The native-library failure inside <paramref name="e"/> (the drawing library's type initializers wrap it, once per
    /// type), as a <see cref="ChartUnavailableException"/>; null when <paramref name="e"/> is anything else.
    /// </summary>
    public static ChartUnavailableException? From(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is ChartUnavailableException known) return known;
            if (x is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
                return new ChartUnavailableException(LibraryName(x), FirstReason(x.Message), e);
        }
        return null;
    }

    private static string LibraryName(Exception x)
    {
        // "Unable to load shared library 'libSkiaSharp' or one of its dependencies. ..." (Linux, macOS) or
        // "Unable to load DLL 'libSkiaSharp' or one of its dependencies: ..." (Windows)
        var m = x.Message;
        var open = m.IndexOf('\'', StringComparison.Ordinal);
        var close = open < 0 ? -1 : m.IndexOf('\'', open + 1);
        return close > open + 1 ? m[(open + 1)..close] : "libSkiaSharp";
    }

    private static string FirstReason(string message)
    {
        // The loader lists each path it tried on a line of its own after the first sentence; the first is the one
        // beside the program. Without such lines, the message's first line.
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 1 ? lines[1] : lines.Length == 1 ? lines[0] : "no reason given";
    }
}
