using ActorSync.Domain.Common;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class UnitConversionTests
{
    private static readonly UnitConversion _boxOfTen = new(new Unit("box"), new Unit("each"), 10m);

    [Fact]
    public void Source_unit_is_multiplied_into_erp_units()
    {
        var (converted, problem) = _boxOfTen.ToErpUnits(Quantity.Of(3m, "box"));

        Assert.Null(problem);
        Assert.Equal(Quantity.Of(30m, "each"), converted);
    }

    [Fact]
    public void Erp_unit_passes_through_unchanged()
    {
        var (converted, problem) = _boxOfTen.ToErpUnits(Quantity.Of(7m, "each"));

        Assert.Null(problem);
        Assert.Equal(Quantity.Of(7m, "each"), converted);
    }

    [Fact]
    public void Fractional_source_quantities_convert_exactly()
    {
        var (converted, _) = _boxOfTen.ToErpUnits(Quantity.Of(0.5m, "box"));

        Assert.Equal(5m, converted?.Value);
    }

    [Fact]
    public void Unit_codes_compare_case_insensitively()
    {
        var (converted, problem) = _boxOfTen.ToErpUnits(Quantity.Of(2m, " BOX "));

        Assert.Null(problem);
        Assert.Equal(Quantity.Of(20m, "each"), converted);
    }

    [Fact]
    public void Mismatched_unit_is_rejected_with_a_reason_naming_the_unit()
    {
        var (converted, problem) = _boxOfTen.ToErpUnits(Quantity.Of(5m, "ml"));

        Assert.Null(converted);
        Assert.NotNull(problem);
        Assert.Contains("'ml'", problem, StringComparison.Ordinal);
        Assert.Contains("'box'", problem, StringComparison.Ordinal);
        Assert.Contains("'each'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void Non_positive_factor_cannot_convert(int factor)
    {
        var broken = _boxOfTen with { Factor = factor };

        var (converted, problem) = broken.ToErpUnits(Quantity.Of(1m, "box"));

        Assert.Null(converted);
        Assert.NotNull(problem);
        Assert.Contains("non-positive factor", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_conversion_keeps_the_quantity()
    {
        var identity = UnitConversion.Identity(new Unit("mg"));

        var (converted, problem) = identity.ToErpUnits(Quantity.Of(250m, "mg"));

        Assert.Null(problem);
        Assert.Equal(Quantity.Of(250m, "mg"), converted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_unit_is_not_a_unit(string code)
    {
        Assert.Throws<DomainException>(() => new Unit(code));
    }
}
