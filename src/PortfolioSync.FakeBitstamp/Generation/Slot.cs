namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>One planned record of a day: when, for which account, and (DCA) which market of its rotation.</summary>
internal readonly record struct Slot(DateTime At, int Account, int Choice, int Sequence) : IComparable<Slot>
{
    public int CompareTo(Slot other)
    {
        var byTime = At.CompareTo(other.At);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }
}
