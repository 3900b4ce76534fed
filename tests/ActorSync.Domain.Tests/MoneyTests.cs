using System.Globalization;
using ActorSync.Domain.Common;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class MoneyTests
{
    private static readonly Currency _usd = Currency.Usd;
    private static readonly Currency _jpy = Currency.Of("JPY");
    private static readonly Currency _bhd = Currency.Of("BHD");

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Float_artefact_from_a_json_source_is_rounded_to_the_cent()
    {
        var money = Money.FromDouble(23278.016000000007, _usd);

        Assert.Equal(23278.02m, money.Amount);
        Assert.Equal(Money.Of(23278.02m, _usd), money);
    }

    [Theory]
    [InlineData(1.005, "1.01")]
    [InlineData(1.015, "1.02")]
    [InlineData(0.285, "0.29")]
    public void Double_just_below_a_midpoint_is_read_as_the_decimal_the_source_meant(double sent, string expected)
    {
        // 1.005 as a double is 1.00499999999999989..., which rounding in binary turns into 1.00.
        Assert.Equal(Dec(expected), Money.FromDouble(sent, _usd).Amount);
    }

    [Fact]
    public void Sum_of_doubles_with_binary_noise_comes_out_exact()
    {
        Assert.Equal(0.30m, Money.FromDouble(0.1 + 0.2, _usd).Amount);
    }

    [Theory]
    [InlineData("USD", "0.125", "0.13")]
    [InlineData("USD", "-0.125", "-0.13")]
    [InlineData("USD", "0.135", "0.14")]
    [InlineData("USD", "0.124", "0.12")]
    [InlineData("JPY", "2.5", "3")]
    [InlineData("JPY", "-2.5", "-3")]
    [InlineData("JPY", "1234.49", "1234")]
    [InlineData("BHD", "1.2345", "1.235")]
    [InlineData("BHD", "-1.2345", "-1.235")]
    [InlineData("BHD", "1.2344", "1.234")]
    public void Amounts_round_half_away_from_zero_to_the_minor_unit(string code, string amount, string expected)
    {
        Assert.Equal(Dec(expected), Money.Of(Dec(amount), Currency.Of(code)).Amount);
    }

    [Fact]
    public void Yen_has_no_decimals()
    {
        var money = Money.FromDouble(1999.5, _jpy);

        Assert.Equal(0, _jpy.MinorUnits);
        Assert.Equal(2000m, money.Amount);
        Assert.Equal("2000 JPY", money.ToString());
    }

    [Fact]
    public void Bahraini_dinar_keeps_three_decimals()
    {
        var money = Money.FromDouble(10.0005, _bhd);

        Assert.Equal(3, _bhd.MinorUnits);
        Assert.Equal(10.001m, money.Amount);
        Assert.Equal("10.001 BHD", money.ToString());
    }

    [Fact]
    public void Arithmetic_results_stay_on_the_minor_unit()
    {
        var third = Money.Of(10m, _usd) * (1m / 3m);
        var sum = Money.Sum([Money.Of(0.10m, _usd), Money.Of(0.20m, _usd), Money.Of(0.05m, _usd)], _usd);

        Assert.Equal(3.33m, third.Amount);
        Assert.Equal(0.35m, sum.Amount);
        Assert.Equal(Money.Of(7.50m, _usd), Money.Of(10m, _usd) - Money.Of(2.50m, _usd));
    }

    [Fact]
    public void Sum_of_nothing_is_zero_in_the_given_currency()
    {
        var sum = Money.Sum([], _jpy);

        Assert.True(sum.IsZero);
        Assert.Equal(_jpy, sum.Currency);
    }

    [Fact]
    public void Adding_different_currencies_throws()
    {
        var ex = Assert.Throws<DomainException>(() => Money.Of(1m, _usd) + Money.Of(1m, Currency.Eur));

        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subtracting_and_comparing_different_currencies_throws()
    {
        var dollars = Money.Of(5m, _usd);
        var euros = Money.Of(5m, Currency.Eur);

        Assert.Throws<DomainException>(() => dollars - euros);
        Assert.Throws<DomainException>(() => dollars > euros);
        Assert.Throws<DomainException>(() => dollars <= euros);
        Assert.Throws<DomainException>(() => Money.Sum([dollars, euros], _usd));
    }

    [Fact]
    public void Same_amount_in_different_currencies_is_not_equal()
    {
        Assert.NotEqual(Money.Of(5m, _usd), Money.Of(5m, Currency.Eur));
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("US")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Unknown_currency_code_throws(string? code)
    {
        Assert.False(Currency.IsKnown(code));
        Assert.Throws<DomainException>(() => Currency.Of(code));
    }

    [Fact]
    public void Unknown_currency_code_is_named_in_the_error()
    {
        var ex = Assert.Throws<DomainException>(() => Currency.Of("XYZ"));

        Assert.Contains("'XYZ'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Currency_code_is_normalised_to_upper_case()
    {
        Assert.True(Currency.IsKnown(" usd "));
        Assert.Equal(Currency.Usd, Currency.Of(" usd "));
        Assert.Equal("USD", Currency.Of("usd").Code);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_double_is_not_money(double amount)
    {
        Assert.Throws<DomainException>(() => Money.FromDouble(amount, _usd));
    }

    [Fact]
    public void Sign_is_reported()
    {
        Assert.True(Money.Of(-0.01m, _usd).IsNegative);
        Assert.False(Money.Of(0.01m, _usd).IsNegative);
        Assert.True(Money.Of(0.004m, _usd).IsZero);
        Assert.Equal(Money.Of(-3m, _usd), -Money.Of(3m, _usd));
    }
}
