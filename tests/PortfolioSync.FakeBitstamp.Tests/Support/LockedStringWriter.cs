namespace PortfolioSync.FakeBitstamp.Tests.Support;

/// <summary>A StringWriter that one task may write while another reads it.</summary>
internal sealed class LockedStringWriter : StringWriter
{
    private readonly Lock gate = new();

    public override void Write(char value)
    {
        lock (gate) base.Write(value);
    }

    public override void Write(string? value)
    {
        lock (gate) base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (gate) base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (gate) base.Write(buffer);
    }

    public override void WriteLine(string? value)
    {
        lock (gate) base.WriteLine(value);
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (gate) base.WriteLine(buffer);
    }

    public override string ToString()
    {
        lock (gate) return base.ToString();
    }
}
