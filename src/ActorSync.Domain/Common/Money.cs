using System.Globalization;

namespace ActorSync.Domain.Common;

/// <summary>An ISO 4217 currency and the number of decimals its minor unit has.</summary>
public sealed record Currency
{
    private static readonly Dictionary<string, int> MinorUnitsByCode = new(StringComparer.Ordinal)
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["CAD"] = 2, ["AUD"] = 2, ["NZD"] = 2,
        ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["INR"] = 2, ["ZAR"] = 2, ["BRL"] = 2, ["MXN"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["ISK"] = 0, ["CLP"] = 0,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3,
    };

    private Currency(string code, int minorUnits) => (Code, MinorUnits) = (code, minorUnits);

    public string Code { get; }
    public int MinorUnits { get; }

    public static Currency Usd { get; } = Of("USD");
    public static Currency Eur { get; } = Of("EUR");

    public static Currency Of(string? code)
    {
        var normalized = code?.Trim().ToUpperInvariant() ?? "";
        return MinorUnitsByCode.TryGetValue(normalized, out var minor)
            ? new Currency(normalized, minor)
            : throw new DomainException($"'{code}' is not a supported ISO 4217 currency code.");
    }

    public static bool IsKnown(string? code) => code is not null && MinorUnitsByCode.ContainsKey(code.Trim().ToUpperInvariant());

    public override string ToString() => Code;
}

/// <summary>
/// An amount in one currency, always rounded to the currency's minor unit. Source systems send
/// binary floating point artefacts (23278.016000000007); they are rounded once, here, half away
/// from zero as invoices are, so that sums of lines and totals agree to the cent.
/// </summary>
public readonly record struct Money
{
    private Money(decimal amount, Currency currency) => (Amount, Currency) = (amount, currency);

    public decimal Amount { get; }
    public Currency Currency { get; }

    public static Money Of(decimal amount, Currency currency) =>
        new(Math.Round(amount, currency.MinorUnits, MidpointRounding.AwayFromZero), currency);

    /// <summary>From a binary double as found in JSON sources: 15 significant digits, then minor-unit rounding.</summary>
    public static Money FromDouble(double amount, Currency currency)
    {
        if (double.IsNaN(amount) || double.IsInfinity(amount))
            throw new DomainException($"{amount} is not an amount of money.");
        return Of(decimal.Parse(amount.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture), currency);
    }

    public static Money Zero(Currency currency) => new(0m, currency);

    public bool IsZero => Amount == 0m;
    public bool IsNegative => Amount < 0m;

    public static Money operator +(Money a, Money b) => Of(a.Amount + SameCurrency(a, b).Amount, a.Currency);
    public static Money operator -(Money a, Money b) => Of(a.Amount - SameCurrency(a, b).Amount, a.Currency);
    public static Money operator -(Money a) => new(-a.Amount, a.Currency);
    public static Money operator *(Money a, decimal factor) => Of(a.Amount * factor, a.Currency);
    public static bool operator >(Money a, Money b) => a.Amount > SameCurrency(a, b).Amount;
    public static bool operator <(Money a, Money b) => a.Amount < SameCurrency(a, b).Amount;
    public static bool operator >=(Money a, Money b) => a.Amount >= SameCurrency(a, b).Amount;
    public static bool operator <=(Money a, Money b) => a.Amount <= SameCurrency(a, b).Amount;

    public static Money Sum(IEnumerable<Money> amounts, Currency currency) =>
        amounts.Aggregate(Zero(currency), (total, next) => total + next);

    private static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new DomainException($"Cannot combine {a.Currency} with {b.Currency}.");

    public override string ToString() =>
        Amount.ToString("F" + Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + Currency.Code;
}
