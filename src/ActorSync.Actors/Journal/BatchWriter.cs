using System.Data.Common;

namespace ActorSync.Actors.Journal;

/// <summary>
/// Writes groups of pending writes for <see cref="GroupCommitJournal"/>, from its writer loop only.
/// A group is one transaction. When a constraint refuses the group (a duplicate sequence number
/// from a second writer of one entity), each write is retried in a transaction of its own so that
/// only the faulty write fails. Any other error (busy file, I/O, lost connection) fails the whole
/// group and the connection is reopened for the next one: retrying writes one by one would only
/// hold the writer longer, and after a COMMIT whose answer was lost it would turn durable events
/// into duplicate-key failures.
/// </summary>
internal abstract class BatchWriter : IDisposable
{
    public void Commit(List<PendingWrite> group)
    {
        try
        {
            WriteTransaction(group);
            foreach (var write in group)
                write.Committed.TrySetResult();
        }
        catch (DbException refused) when (group.Count > 1 && IsConstraintViolation(refused))
        {
            foreach (var write in group)
            {
                try
                {
                    WriteTransaction([write]);
                    write.Committed.TrySetResult();
                }
                catch (Exception ex)
                {
                    write.Committed.TrySetException(ex);
                    Dispose(); // the connection may be broken: the next write opens a new one
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var write in group)
                write.Committed.TrySetException(ex);
            Dispose();
        }
    }

    /// <summary>True when the database refused rows for a constraint (a unique key), not for its own trouble.</summary>
    protected abstract bool IsConstraintViolation(DbException exception);

    /// <summary>Writes all rows of the writes in one transaction and commits it (opening the connection when needed).</summary>
    protected abstract void WriteTransaction(IReadOnlyList<PendingWrite> writes);

    public abstract void Dispose();

    /// <summary>A table's quoted name, in its schema when the configuration names one.</summary>
    internal static string Table(string? schema, string table) => (schema is { Length: > 0 } ? Quote(schema) + "." : "") + Quote(table);

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
