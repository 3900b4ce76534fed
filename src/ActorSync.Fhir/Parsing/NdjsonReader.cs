using System.Runtime.CompilerServices;

namespace ActorSync.Fhir.Parsing;

/// <summary>
/// FHIR Bulk Data NDJSON (one resource per line) from a stream, in batches of entries, with bounded
/// memory: a line longer than the limit is not kept but skipped to its end and stands in its batch
/// as an entry without a resource (rejected with a reason), so the lines after it still count.
/// Blank lines are skipped; entry indexes are line numbers from 0.
/// </summary>
public static class NdjsonReader
{
    public static async IAsyncEnumerable<IReadOnlyList<BundleEntry>> ReadAsync(Stream stream, int linesPerBatch, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        var line = new MemoryStream();
        var tooLong = false;
        var lineNumber = 0;
        var batch = new List<BundleEntry>(linesPerBatch);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var start = 0;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var end = newline < 0 ? read : newline;
                if (!tooLong && line.Length + (end - start) > maxLineBytes)
                {
                    tooLong = true;
                    line.SetLength(0);
                }
                if (!tooLong)
                    line.Write(buffer, start, end - start);
                if (newline < 0)
                    break;
                if (EndLine(line, ref tooLong, lineNumber++, maxLineBytes) is { } entry)
                    batch.Add(entry);
                start = newline + 1;
                if (batch.Count == linesPerBatch)
                {
                    yield return batch;
                    batch = new List<BundleEntry>(linesPerBatch);
                }
            }
        }
        if (EndLine(line, ref tooLong, lineNumber, maxLineBytes) is { } last)
            batch.Add(last);
        if (batch.Count > 0)
            yield return batch;
    }

    private static BundleEntry? EndLine(MemoryStream line, ref bool tooLong, int number, int maxLineBytes)
    {
        if (tooLong)
        {
            tooLong = false;
            return new BundleEntry(number, null, null, null, null, $"the line is longer than the limit of {maxLineBytes:N0} bytes");
        }
        var bytes = line.ToArray().AsSpan().Trim("\r\n\t "u8).ToArray();
        line.SetLength(0);
        return bytes.Length == 0 ? null : new BundleEntry(number, null, bytes, null, null);
    }
}
