using ActorSync.Actors.Tests.Support;
using Xunit;

namespace ActorSync.Actors.Tests.Replay;

/// <summary>The postings projection on a throwaway PostgreSQL: its SQL, offsets and the lock that keeps two runners from applying one batch twice.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresProjectionTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_rebuilt_postings_projection_equals_the_ledger_and_a_second_run_reads_only_new_events() =>
        await ReplayTests.RebuildAndResumeAsync(await postgres.NewDatabaseAsync());

    [Fact]
    public async Task The_node_keeps_the_postings_projection_current_and_racing_runners_apply_nothing_twice() =>
        await ReplayTests.RunInNodeAsync(await postgres.NewDatabaseAsync());
}
