using System.Globalization;

namespace ActorSync.Domain.Common;

/// <summary>A unit of measure, compared case-insensitively by its code (UCUM or the source's own, e.g. "mg", "box").</summary>
public readonly record struct Unit
{
    public Unit(string code) => Code = IdText.Require(code, "unit").ToLowerInvariant();
    public string Code { get; }
    public override string ToString() => Code;
}

public readonly record struct Quantity(decimal Value, Unit Unit)
{
    public static Quantity Of(decimal value, string unit) => new(value, new Unit(unit));
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + " " + Unit;
}

/// <summary>How many ERP units one source unit is: 1 box = 10 each means From=box, To=each, Factor=10.</summary>
public sealed record UnitConversion(Unit From, Unit To, decimal Factor)
{
    public static UnitConversion Identity(Unit unit) => new(unit, unit, 1m);

    /// <summary>The quantity in ERP units, or an explanation of why it cannot be converted.</summary>
    public (Quantity? Converted, string? Problem) ToErpUnits(Quantity quantity)
    {
        if (Factor <= 0m)
            return (null, $"unit conversion {From} -> {To} has a non-positive factor {Factor}");
        if (quantity.Unit == To)
            return (quantity, null);
        if (quantity.Unit == From)
            return (new Quantity(quantity.Value * Factor, To), null);
        return (null, $"unit '{quantity.Unit}' does not match the item's unit '{From}' or ERP unit '{To}'");
    }
}
