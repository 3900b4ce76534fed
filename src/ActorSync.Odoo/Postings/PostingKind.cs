using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// How one kind of posting becomes an Odoo record: its model, the field that carries its key on
/// the record (so a record committed without an answer, or without its external id, is found
/// again), its values, and the steps after creation (post, validate) that are idempotent by state.
/// </summary>
public abstract class PostingKind<T> where T : Posting
{
    public abstract string Model { get; }

    /// <summary>The record's field that holds <see cref="MarkerOf"/>.</summary>
    public abstract string MarkerField { get; }

    public virtual string MarkerOf(T posting) => posting.Key.Value;

    public abstract Task<JsonObject> ValuesAsync(T posting, PostingScope scope, CancellationToken ct);

    /// <summary>
    /// Everything a posting's record needs, looked up before anything is written: a missing
    /// mapping or dependency fails this posting alone, with no write made.
    /// </summary>
    public virtual async Task<Prepared<T>> PrepareAsync(T posting, PostingScope scope, CancellationToken ct) =>
        new(posting, await ValuesAsync(posting, scope, ct).ConfigureAwait(false));

    /// <summary>
    /// Whether <see cref="CreateAsync"/> makes all records in one atomic call (then a refused batch
    /// is halved to find the culprit) or one at a time (then each posting stands alone).
    /// </summary>
    public virtual bool CreatesAtomically => true;

    /// <summary>Creates the records in one multi-record call; Odoo makes all or none.</summary>
    public virtual Task<IReadOnlyList<long>> CreateAsync(IReadOnlyList<Prepared<T>> prepared, PostingScope scope, CancellationToken ct) =>
        scope.Odoo.CreateAsync(Model, [.. prepared.Select(p => p.Values)], scope.Company.Id, ct);

    /// <summary>Brings records (new, or found from an earlier attempt) to their final state.</summary>
    public virtual Task FinishAsync(IReadOnlyList<PostedRecord<T>> records, PostingScope scope, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A posting with its values (and the context its call needs), ready to create.</summary>
public sealed record Prepared<T>(T Posting, JsonObject Values, JsonObject? Context = null) where T : Posting;

/// <summary>A posting and the Odoo record it is.</summary>
public sealed record PostedRecord<T>(T Posting, long Id, bool Created) where T : Posting;
