using ActorSync.Domain.Postings;
using ActorSync.Odoo.Postings;
using Xunit;

namespace ActorSync.Odoo.Tests;

public sealed class ExternalIdTests
{
    [Fact]
    public void A_plain_key_is_its_own_external_id_name() =>
        Assert.Equal("actorsync.inv_nw_general_1001", ExternalIds.FullNameOf(new PostingKey("inv_nw_general_1001")));

    [Fact]
    public void Keys_with_dots_dashes_or_capitals_become_safe_names_that_stay_distinct()
    {
        var a = ExternalIds.NameOf(new PostingKey("inv/nw-general/A.1"));
        var b = ExternalIds.NameOf(new PostingKey("inv/nw_general/a_1"));
        Assert.Matches("^[a-z0-9_]+$", a);
        Assert.Matches("^[a-z0-9_]+$", b);
        Assert.NotEqual(a, b);
        Assert.StartsWith("inv_nw_general_a_1_", a);
    }

    /// <summary>Names are stored in every customer's Odoo: a changed rule would make every posting again. Pinned values.</summary>
    [Theory]
    [InlineData("inv-nw-general-claim-1", "inv_nw_general_claim_1_981678d0cc1a")]
    [InlineData("pay:lakeside/77", "pay_lakeside_77_b75c0d51907b")]
    public void The_name_of_a_key_never_changes(string key, string name) =>
        Assert.Equal(name, ExternalIds.NameOf(new PostingKey(key)));

    [Fact]
    public void Long_keys_are_shortened_with_their_hash()
    {
        var name = ExternalIds.NameOf(new PostingKey(new string('x', 150)));
        Assert.True(name.Length <= 93, name);
        Assert.NotEqual(name, ExternalIds.NameOf(new PostingKey(new string('x', 151))));
    }
}
