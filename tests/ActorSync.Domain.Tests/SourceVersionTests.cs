using System.Collections.Immutable;
using ActorSync.Domain.Common;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class SourceVersionTests
{
    private static ImmutableDictionary<string, AppliedVersion> Applied(params SourceStamp[] stamps) =>
        stamps.Aggregate(ImmutableDictionary<string, AppliedVersion>.Empty, Deciding.Record);

    [Fact]
    public void Resource_never_seen_is_new()
    {
        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(Applied(), TestStamps.Of("Encounter", "e1", 1)));
    }

    [Fact]
    public void Higher_version_is_new()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 3));

        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, TestStamps.Of("Encounter", "e1", 4)));
    }

    [Fact]
    public void Same_version_with_same_content_is_an_exact_duplicate()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 3));

        Assert.Equal(VersionVerdict.Duplicate, SourceVersions.Classify(applied, TestStamps.Of("Encounter", "e1", 3)));
    }

    [Fact]
    public void Duplicate_is_recognised_whenever_it_was_received()
    {
        var first = TestStamps.Of("Encounter", "e1", 3);
        var redelivered = first with { ReceivedAt = first.ReceivedAt.AddHours(5) };

        Assert.Equal(VersionVerdict.Duplicate, SourceVersions.Classify(Applied(first), redelivered));
    }

    [Fact]
    public void Lower_version_is_out_of_order()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 3));

        Assert.Equal(VersionVerdict.OutOfOrder, SourceVersions.Classify(applied, TestStamps.Of("Encounter", "e1", 2)));
    }

    [Fact]
    public void Same_version_with_different_content_is_a_conflict()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 3, content: "status=in-progress"));

        Assert.Equal(VersionVerdict.Conflict, SourceVersions.Classify(applied, TestStamps.Of("Encounter", "e1", 3, content: "status=finished")));
    }

    [Fact]
    public void Unversioned_resource_with_the_same_fingerprint_is_a_duplicate()
    {
        var applied = Applied(TestStamps.Unversioned("Invoice", "i1", "sha-aaa"));

        Assert.Equal(VersionVerdict.Duplicate, SourceVersions.Classify(applied, TestStamps.Unversioned("Invoice", "i1", "sha-aaa")));
    }

    [Fact]
    public void Unversioned_resource_with_another_fingerprint_is_new()
    {
        var applied = Applied(TestStamps.Unversioned("Invoice", "i1", "sha-aaa"));

        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, TestStamps.Unversioned("Invoice", "i1", "sha-bbb")));
    }

    [Fact]
    public void Unversioned_content_that_was_applied_and_replaced_is_a_stale_resend_not_a_change()
    {
        // Two copies of one resource from two feeds, sent again and again: no flip-flop.
        var applied = Applied(TestStamps.Unversioned("Organization", "o1", "sha-aaa"), TestStamps.Unversioned("Organization", "o1", "sha-bbb"));

        Assert.Equal(VersionVerdict.OutOfOrder, SourceVersions.Classify(applied, TestStamps.Unversioned("Organization", "o1", "sha-aaa")));
        Assert.Equal(VersionVerdict.Duplicate, SourceVersions.Classify(applied, TestStamps.Unversioned("Organization", "o1", "sha-bbb")));
        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, TestStamps.Unversioned("Organization", "o1", "sha-ccc")));
    }

    [Fact]
    public void Only_the_last_few_replaced_contents_are_kept()
    {
        var stamps = Enumerable.Range(0, AppliedVersion.EarlierKept + 3).Select(i => TestStamps.Unversioned("Organization", "o1", $"sha-{i}")).ToArray();
        var applied = Applied(stamps);

        Assert.Equal(AppliedVersion.EarlierKept, applied.Values.Single().Earlier!.Count);
        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, stamps[0]));
        Assert.Equal(VersionVerdict.OutOfOrder, SourceVersions.Classify(applied, stamps[^2]));
    }

    [Fact]
    public void Only_the_last_applied_version_is_compared()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 1), TestStamps.Of("Encounter", "e1", 5));

        Assert.Equal(VersionVerdict.OutOfOrder, SourceVersions.Classify(applied, TestStamps.Of("Encounter", "e1", 4)));
        Assert.Equal(VersionVerdict.Duplicate, SourceVersions.Classify(applied, TestStamps.Of("Encounter", "e1", 5)));
    }

    [Fact]
    public void Parts_of_one_resource_version_are_tracked_separately()
    {
        var applied = Applied(TestStamps.Of("Claim", "c1", 2, part: "line-1"));

        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, TestStamps.Of("Claim", "c1", 2, part: "line-2")));
        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, TestStamps.Of("Claim", "c1", 2)));
        Assert.Equal(VersionVerdict.Duplicate, SourceVersions.Classify(applied, TestStamps.Of("Claim", "c1", 2, part: "line-1")));
    }

    [Fact]
    public void Same_resource_id_from_another_source_or_type_is_a_different_resource()
    {
        var stamp = TestStamps.Of("Encounter", "e1", 3);
        var applied = Applied(stamp);

        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, stamp with { Source = new SourceId("ehr-south"), Version = 1 }));
        Assert.Equal(VersionVerdict.New, SourceVersions.Classify(applied, stamp with { ResourceType = "Claim", Version = 1 }));
    }

    [Fact]
    public void Recording_a_stamp_keeps_its_version_and_fingerprint()
    {
        var stamp = TestStamps.Of("Encounter", "e1", 7, content: "sha-777");

        var applied = Applied(stamp);

        Assert.Equal(new AppliedVersion(7, "sha-777"), applied[stamp.Key]);
    }

    [Fact]
    public void Version_check_lets_new_versions_through_to_the_rules()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 1));

        Assert.Null(Deciding.CheckVersion<IEvent>(applied, TestStamps.Of("Encounter", "e1", 2)));
    }

    [Fact]
    public void Version_check_turns_a_repeat_into_a_duplicate_decision()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 1));

        var decision = Deciding.CheckVersion<IEvent>(applied, TestStamps.Of("Encounter", "e1", 1));

        Assert.NotNull(decision);
        DecisionAssert.Duplicate(decision);
    }

    [Fact]
    public void Version_check_reports_an_older_version_with_both_version_numbers()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 9));

        var decision = Deciding.CheckVersion<IEvent>(applied, TestStamps.Of("Encounter", "e1", 4));

        Assert.NotNull(decision);
        DecisionAssert.OutOfOrder(decision, stale: 4, applied: 9);
        Assert.Contains("Encounter/e1", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_check_rejects_a_conflict_instead_of_ignoring_it()
    {
        var applied = Applied(TestStamps.Of("Encounter", "e1", 2, content: "a"));

        var decision = Deciding.CheckVersion<IEvent>(applied, TestStamps.Of("Encounter", "e1", 2, content: "b"));

        Assert.NotNull(decision);
        DecisionAssert.Rejected(decision, "Encounter/e1", "version 2", "different content");
    }
}
