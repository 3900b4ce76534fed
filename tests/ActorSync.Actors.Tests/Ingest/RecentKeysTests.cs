using ActorSync.Actors.Ingest;
using Xunit;

namespace ActorSync.Actors.Tests.Ingest;

/// <summary>The ingest's bounded memory of what the entities confirmed: only the latest content of a resource counts, and only for so many resources.</summary>
public sealed class RecentKeysTests
{
    [Fact]
    public void Only_the_latest_confirmed_content_of_a_resource_is_a_known_repeat()
    {
        var recent = new RecentKeys(capacity: 10);
        recent.Confirmed("ehr|Encounter/e1", "1|sha-a");
        recent.Confirmed("ehr|Encounter/e1", "2|sha-b");

        Assert.True(recent.IsLatest("ehr|Encounter/e1", "2|sha-b"));
        // Older content goes to the entity, which says out of order.
        Assert.False(recent.IsLatest("ehr|Encounter/e1", "1|sha-a"));
        Assert.False(recent.IsLatest("ehr|Encounter/e2", "2|sha-b"));
    }

    [Fact]
    public void Past_its_capacity_it_forgets_the_oldest_resources()
    {
        var recent = new RecentKeys(capacity: 3);
        for (var i = 0; i < 5; i++)
            recent.Confirmed($"ehr|Encounter/e{i}", "0|sha");

        Assert.Equal([false, false, true, true, true], Enumerable.Range(0, 5).Select(i => recent.IsLatest($"ehr|Encounter/e{i}", "0|sha")));
    }
}
