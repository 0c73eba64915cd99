namespace PortfolioSync.Domain.Warnings;

/// <summary>Every warning the tool can raise. Printed in kebab case (<see cref="WarningCodeText"/>).</summary>
public enum WarningCode
{
    /// <summary>No price to value an asset in the base currency at an instant.</summary>
    MissingPrice,
    /// <summary>A price gap filled from the last known close.</summary>
    PriceGapFilled,
    /// <summary>An acquisition whose cost is unknown (deposit from outside); a zero-cost lot was used.</summary>
    MissingCostBasis,
    /// <summary>More was disposed of than was held; the shortfall was matched against a zero-cost lot.</summary>
    NegativeBalance,
    /// <summary>Exchange balance and ledger balance differ by more than dust.</summary>
    Reconciliation,
    /// <summary>A record whose type the mapper does not know; kept raw.</summary>
    UnknownRecord,
    /// <summary>A record that could not be parsed; kept raw.</summary>
    MalformedRecord,
    /// <summary>An upstream record that came back with different content; both versions kept.</summary>
    ChangedRecord,
    /// <summary>An internal transfer whose other side was not found.</summary>
    UnmatchedTransfer,
    /// <summary>A manual cost (manual-costs.csv) that matched no deposit.</summary>
    ManualCostUnused,
    /// <summary>An optional stream was skipped because the key lacks its permission.</summary>
    MissingPermission,
    /// <summary>Answers whose X-Server-Auth-Signature did not match were accepted (responseSignature: warn).</summary>
    ResponseSignature,
    /// <summary>Scope <c>per-account-from</c>: the universal pool's lots and the accounts' balances at the date did not
    /// agree, so some lots stayed unallocated or some balance got no lots.</summary>
    LotAllocation,
    /// <summary>A choice that the jurisdiction's rules do not expect (for example a US year from 2025 with universal pools).</summary>
    JurisdictionRule,
}

public static class WarningCodeText
{
    public static string ToText(this WarningCode code) => code switch
    {
        WarningCode.MissingPrice => "missing-price",
        WarningCode.PriceGapFilled => "price-gap-filled",
        WarningCode.MissingCostBasis => "missing-cost-basis",
        WarningCode.NegativeBalance => "negative-balance",
        WarningCode.Reconciliation => "reconciliation",
        WarningCode.UnknownRecord => "unknown-record",
        WarningCode.MalformedRecord => "malformed-record",
        WarningCode.ChangedRecord => "changed-record",
        WarningCode.UnmatchedTransfer => "unmatched-transfer",
        WarningCode.ManualCostUnused => "manual-cost-unused",
        WarningCode.MissingPermission => "missing-permission",
        WarningCode.ResponseSignature => "response-signature",
        WarningCode.LotAllocation => "lot-allocation",
        WarningCode.JurisdictionRule => "jurisdiction-rule",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
