using ActorSync.Domain.Common;

namespace ActorSync.Domain.Postings;

/// <summary>A journal entry must balance before it leaves ActorSync; the ERP would refuse it anyway, later and less clearly.</summary>
public static class JournalBalance
{
    public static IReadOnlyList<JournalPostingLine> Require(PostingKey key, IReadOnlyList<JournalPostingLine> lines)
    {
        if (lines.Count < 2)
            throw new DomainException($"Journal entry {key} needs at least two lines.");
        foreach (var line in lines)
        {
            if (line.Debit.IsNegative || line.Credit.IsNegative)
                throw new DomainException($"Journal entry {key}: line '{line.Label}' has a negative amount.");
            if (line.Debit.IsZero == line.Credit.IsZero)
                throw new DomainException($"Journal entry {key}: line '{line.Label}' must have either a debit or a credit.");
        }
        var currency = lines[0].Debit.Currency;
        var debit = Money.Sum(lines.Select(l => l.Debit), currency);
        var credit = Money.Sum(lines.Select(l => l.Credit), currency);
        return debit == credit
            ? lines
            : throw new DomainException($"Journal entry {key} is not balanced: debit {debit}, credit {credit}.");
    }
}
