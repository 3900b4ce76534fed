using System.Data.Common;

namespace ActorSync.Actors.Journal;

/// <summary>
/// Writes groups of pending writes for <see cref="GroupCommitJournal"/>, on its writer thread only.
/// A group is one transaction; when the database refuses it, each write is retried in a
/// transaction of its own so that only the faulty write fails.
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
        catch (DbException) when (group.Count > 1)
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

    /// <summary>Writes all rows of the writes in one transaction and commits it (opening the connection when needed).</summary>
    protected abstract void WriteTransaction(IReadOnlyList<PendingWrite> writes);

    public abstract void Dispose();

    protected static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
