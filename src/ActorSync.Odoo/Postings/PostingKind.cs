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

    /// <summary>Creates the records in one multi-record call; Odoo makes all or none.</summary>
    public virtual async Task<IReadOnlyList<long>> CreateAsync(IReadOnlyList<T> postings, PostingScope scope, CancellationToken ct)
    {
        var values = new List<JsonObject>(postings.Count);
        foreach (var posting in postings)
            values.Add(await ValuesAsync(posting, scope, ct).ConfigureAwait(false));
        return await scope.Odoo.CreateAsync(Model, values, scope.Company.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Brings records (new, or found from an earlier attempt) to their final state.</summary>
    public virtual Task FinishAsync(IReadOnlyList<PostedRecord<T>> records, PostingScope scope, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A posting and the Odoo record it is.</summary>
public sealed record PostedRecord<T>(T Posting, long Id, bool Created) where T : Posting;
